/**
 * `@dollr-kit/core`: what an app uses, free of React — the proxy client and its errors, the
 * parsers of Dollr's answers, money, status words, and the checkout engine with the settings an
 * app may give it. Every type is exported; runtime names are the curated list below. Schemas,
 * the contract's paths, tuning constants and the engine's parts are in `@dollr-kit/core/internal`
 * (the kit's own packages); clocks, locks and storage for tests in `@dollr-kit/core/testing`.
 */

export { isFinalState } from "./engine/machine.ts";
export { DEFAULT_POLLING_POLICY, pollingPolicyFromSettings } from "./engine/polling.ts";
export { createCheckoutEngine } from "./engine/runner.ts";
export { clockStatusWatcher } from "./engine/status-watch.ts";
export { browserStorage } from "./engine/storage.ts";
export {
  DOLLR_KIT_ERROR_CODES,
  DollrKitError,
  errorFromResponse,
  isDollrKitError,
  parseRetryAfter,
} from "./errors.ts";
export type * from "./internal.ts";
export {
  addAmounts,
  compareAmounts,
  decimalFromNumber,
  formatMoney,
  fromMinorUnits,
  isDecimalString,
  isPositiveAmount,
  minorUnitDigits,
  normaliseAmount,
  subtractAmounts,
  toMinorUnits,
} from "./money.ts";
export {
  enabledPhoneMarkets,
  formatMaskedPhoneNumber,
  formatPhoneNumber,
  isPhoneCountry,
  MAX_PHONE_INPUT_LENGTH,
  PHONE_COUNTRIES,
  PHONE_MARKETS,
  parsePhoneNumber,
  phoneMarketFor,
} from "./phone/index.ts";
export { createProxyClient } from "./proxy-client.ts";
export { createRealtimeKey, getReceipt, getReceiptLink } from "./proxy-client-extras.ts";
export {
  isUuidV4,
  parseAmountAndFeePrediction,
  parseCardProviderInfo,
  parseCheckoutSession,
  parseDetailErrorBody,
  parseExecutionResponse,
  parseMmoProviderInfo,
  parsePaymentAccount,
  parsePaymentSourceStatus,
  parseTokenResponse,
  parseValidationErrorBody,
} from "./schemas.ts";
export {
  EXECUTION_STATUS_WORDS,
  isTerminalExecutionState,
  normaliseExecutionStatus,
  normaliseSourceStatus,
  SOURCE_STATUS_WORDS,
  TERMINAL_EXECUTION_STATES,
  TERMINAL_SOURCE_STATES,
} from "./status.ts";
