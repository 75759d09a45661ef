/**
 * Every check of the proxy contract (see CONTRACT.md), in the order they run. Each one is a small
 * scenario against the proxy under test; it fails with the request and answer that broke the
 * rule. The order matters: later checks reuse ids earlier ones left in the context's `state`, and
 * `errors.shape` and `secrets` scan the answers of the checks before them.
 */
import { ABUSE_CHECKS } from "./abuse-checks.ts";
import { ACCOUNT_CHECKS } from "./account-checks.ts";
import { ANSWER_CHECKS } from "./answer-checks.ts";
import { AUTHORITY_CHECKS } from "./authority-checks.ts";
import { PAYMENT_CHECKS } from "./payment-checks.ts";
import { RECEIPT_CHECKS } from "./receipt-checks.ts";
import { ROUTE_CHECKS } from "./route-checks.ts";
import type { Check } from "./support.ts";
import { VALIDATION_CHECKS } from "./validation-checks.ts";

export {
  type Check,
  type CheckContext,
  CheckFailure,
  CheckSkipped,
  type ConformanceFixtures,
  type SimulatorAccess,
} from "./support.ts";

/** Every check, in the order they run. */
export const CHECKS: readonly Check[] = [
  ...ROUTE_CHECKS,
  ...VALIDATION_CHECKS,
  ...ACCOUNT_CHECKS,
  ...PAYMENT_CHECKS,
  ...ANSWER_CHECKS,
  ...AUTHORITY_CHECKS,
  ...ABUSE_CHECKS,
  ...RECEIPT_CHECKS,
];
