/**
 * `@dollr-kit/server`: the merchant's proxy between the kit in the browser and Dollr. It holds
 * the Dollr credentials, forwards an allow-listed subset of Dollr's API after validating every
 * request, owns the customer's saved payment accounts, and records every execute.
 *
 * Node adapters and the Node transport are in `@dollr-kit/server/node`; the conformance suite in
 * `@dollr-kit/server/conformance`.
 */
export {
  type HonoContextLike,
  type NextRouteHandlerOptions,
  type NextRouteHandlers,
  type PublicOriginOptions,
  toHonoHandler,
  toNextRouteHandlers,
  withPublicOrigin,
} from "./adapters.ts";
export { isCanonicalPath, isCanonicalTarget } from "./canonical-path.ts";
export {
  type CartCheckout,
  type CartCheckoutInput,
  type CartCheckoutOptions,
  type CartCheckoutResult,
  type CartCustomer,
  type CartLine,
  createCartCheckout,
} from "./cart-checkout/index.ts";
export { formatCountryCode } from "./country-codes.ts";
export type { Answer, ProxyErrorCode } from "./http.ts";
export { type FairLockOptions, LockBusyError } from "./limits/fair-lock.ts";
export {
  createMemoryRateLimitStore,
  type RateLimitDecision,
  type RateLimitStore,
  type RateLimitTake,
} from "./limits/rate-limit-store.ts";
export {
  DEFAULT_RATE_LIMITS,
  type RateLimitName,
  type RateLimitOptions,
  type RateLimitRule,
  type RateLimitRules,
} from "./limits/rules.ts";
export {
  type ConsoleLoggerOptions,
  createConsoleLogger,
  type LogFields,
  type LogLevel,
  type ProxyLogger,
  silentLogger,
} from "./logging.ts";
export {
  type CardAccountLockOptions,
  type CountryCodeFormat,
  DEFAULT_TIMEOUTS,
  DOLLR_API_BASE_URL,
  type DollrCustomer,
  type DollrProxyOptions,
  type PayoutAction,
  type PayoutDevice,
  type PayoutOptions,
  type PayoutPasscode,
  type ProxyReconcilerOptions,
  type ProxyTimeouts,
} from "./options.ts";
export type { AllowedOrigins } from "./origins.ts";
export { createDollrProxy, type DollrProxy } from "./proxy.ts";
export {
  createReconciler,
  DEFAULT_NOT_LANDED_CHECKS_MS,
  DEFAULT_RECONCILE_SCHEDULE_MS,
  MAX_RETRY_AFTER_MS,
  type PassSummary,
  type PaymentVerdict,
  RATE_LIMIT_BACKOFF_MS,
  RECONCILER_DEFAULTS,
  type Reconciler,
  type ReconcilerHooks,
  type ReconcilerOptions,
  type SettledEvent,
  type SettledPayment,
  type SettledSource,
} from "./reconciler/index.ts";
export { REDACTED, redactJson, redactText, type SecretSet } from "./redaction.ts";
export { REPLAYED_HEADER } from "./routes/execution.ts";
export {
  type AccountStore,
  createMemoryAccountStore,
  type StoredPaymentAccount,
} from "./stores/account-store.ts";
export {
  type AttemptFilter,
  type AttemptOutcome,
  type AttemptRecord,
  type AttemptStore,
  type AttemptUpdate,
  type ClaimOptions,
  type CreateAttemptResult,
  createMemoryAttemptStore,
  freshAttemptFields,
  HOLDING_OUTCOMES,
  isUnsettledAttempt,
  outcomeOfStatus,
  type SessionRecord,
  type Settlement,
} from "./stores/attempt-store.ts";
export {
  type CheckoutCreated,
  type CheckoutMode,
  type CheckoutRecord,
  type CheckoutState,
  type CheckoutStore,
  type CheckoutUpdate,
  createMemoryCheckoutStore,
  type ReserveResult,
} from "./stores/checkout-store.ts";
export { notFoundProvesNotLanded, SERVER_NOT_LANDED_GRACE_MS } from "./stores/settlement.ts";
export {
  type AnswerHeaders,
  type DollrFetch,
  type DollrTransport,
  type UpstreamAnswer,
  UpstreamFailure,
  type UpstreamRequest,
} from "./upstream/transport.ts";
