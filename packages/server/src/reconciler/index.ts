/**
 * The reconciler: the merchant server's own follow-up of every payment (Dollr has no webhooks).
 * Web APIs only; the command for schedulers (`dollr-reconcile`) is `cli.ts`, kept out of here.
 */
export {
  DEFAULT_NOT_LANDED_CHECKS_MS,
  DEFAULT_RECONCILE_SCHEDULE_MS,
  RECONCILER_DEFAULTS,
  type ReconcilerHooks,
  type ReconcilerOptions,
  type SettledEvent,
  type SettledPayment,
} from "./options.ts";
export { MAX_RETRY_AFTER_MS, RATE_LIMIT_BACKOFF_MS } from "./rate-limiter.ts";
export { createReconciler, type Reconciler } from "./reconciler.ts";
export type { SettledSource } from "./sources.ts";
export type { PaymentVerdict } from "./verify.ts";
export type { PassSummary } from "./visit.ts";
