"use client";
/**
 * `@dollr-kit/react`: the provider, the headless hooks and the components of the Dollr checkout
 * kit. Per-component entries: `/checkout-flow`, `/payment-account-picker`, `/execution-status`;
 * fakes and helpers for tests: `/testing`; optional styles: `/styles.css`.
 */
export * from "./checkout-flow.ts";
export * from "./execution-status.ts";
export { kitQueryKeys } from "./internal/query-keys.ts";
export {
  checkoutMessages,
  createTranslator,
  type DollrCatalog,
  type DollrMessages,
  defaultMessages,
  defineMessages,
  type EnglishWords,
  formatElapsed,
  hostedCheckoutMessages,
  interpolate,
  type MessageKey,
  type MessageOverride,
  type MessageValues,
  paymentReturnMessages,
  receiptMessages,
  type Translate,
} from "./messages.ts";
export * from "./payment-account-picker.ts";
