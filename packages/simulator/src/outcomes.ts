// Outcomes chosen by the data, like card test numbers: the phone's last digit for mobile money,
// the Stripe payment method id for cards. An execution stores a plan when it is created; its
// status is computed from the plan and the simulator clock on every read (no timers), so moving
// the clock fast-forwards every payment.
import { isMobileMoney, testCard } from "./catalog.ts";
import type { Execution, PaymentAccount } from "./store.ts";

export type Plan =
  /** Settles at `at`: before that it is PROCESSING. */
  | { kind: "settles"; at: number; result: "succeeded" | "failed"; message: string }
  /** Stays PROCESSING until `at` (when its session dies), then reports EXPIRED. */
  | { kind: "expires"; at: number }
  /** A 3DS card: PROCESSING with `requires_action` until authenticated, EXPIRED at `expiresAt`. */
  | { kind: "authenticates"; expiresAt: number };

export type Phase = "processing" | "succeeded" | "failed" | "expired";

export interface ExecutionState {
  phase: Phase;
  /** When the execution reached its final phase; null while processing. */
  settledAt: number | null;
  requiresAction: boolean;
  gatewayMessage: string | null;
}

export const MESSAGES = {
  approved: "The customer approved the payment",
  notApproved: "The customer did not approve the payment in time",
  insufficientFunds: "The payer's wallet has insufficient funds",
  waitingForCustomer: "Waiting for the customer to approve the payment on their phone",
  expired: "The payment was not approved before the session expired",
  cardSucceeded: "The card payment succeeded",
  cardDeclined: "Your card was declined.",
  authenticationRequired: "The card requires 3D Secure authentication",
  authenticated: "3D Secure authentication succeeded; the card payment succeeded",
  authenticationFailed: "3D Secure authentication failed; the card payment was declined",
  authenticationExpired: "3D Secure authentication was not completed before the session expired",
  payoutSent: "The payout was delivered to the recipient's wallet",
  payoutFailed: "The recipient's wallet could not receive the payout",
} as const;

export interface PlanContext {
  now: number;
  processingMs: number;
  sessionExpiresAt: number;
  operation: "COLLECTION" | "PAYOUT";
}

/**
 * Mobile money, by the last digit of the phone: 1 fails after the PROCESSING time, 2 stays
 * PROCESSING until the session dies (then EXPIRED), 3 fails at once, any other digit succeeds
 * after the PROCESSING time. Cards settle at once except 3DS ones, which wait for authentication.
 */
export function planFor(account: PaymentAccount, context: PlanContext): Plan {
  const { now, processingMs, sessionExpiresAt, operation } = context;
  if (isMobileMoney(account.method)) {
    const succeeded = operation === "PAYOUT" ? MESSAGES.payoutSent : MESSAGES.approved;
    const failed = operation === "PAYOUT" ? MESSAGES.payoutFailed : MESSAGES.notApproved;
    switch ((account.account_number ?? "").slice(-1)) {
      case "1":
        return { kind: "settles", at: now + processingMs, result: "failed", message: failed };
      case "2":
        return { kind: "expires", at: sessionExpiresAt };
      case "3":
        return {
          kind: "settles",
          at: now,
          result: "failed",
          message: operation === "PAYOUT" ? MESSAGES.payoutFailed : MESSAGES.insufficientFunds,
        };
      default:
        return { kind: "settles", at: now + processingMs, result: "succeeded", message: succeeded };
    }
  }
  switch (testCard(account.payment_method_id ?? "").behaviour) {
    case "requires_action":
      return { kind: "authenticates", expiresAt: sessionExpiresAt };
    case "declined":
      return { kind: "settles", at: now, result: "failed", message: MESSAGES.cardDeclined };
    default:
      return { kind: "settles", at: now, result: "succeeded", message: MESSAGES.cardSucceeded };
  }
}

export function evaluate(execution: Execution, now: number): ExecutionState {
  const { plan } = execution;
  switch (plan.kind) {
    case "settles":
      return now >= plan.at
        ? {
            phase: plan.result,
            settledAt: plan.at,
            requiresAction: false,
            gatewayMessage: plan.message,
          }
        : processing(MESSAGES.waitingForCustomer);
    case "expires":
      return now >= plan.at
        ? {
            phase: "expired",
            settledAt: plan.at,
            requiresAction: false,
            gatewayMessage: MESSAGES.expired,
          }
        : processing(MESSAGES.waitingForCustomer);
    case "authenticates": {
      const { authentication } = execution;
      if (authentication)
        return authentication.outcome === "succeeded"
          ? {
              phase: "succeeded",
              settledAt: authentication.at,
              requiresAction: false,
              gatewayMessage: MESSAGES.authenticated,
            }
          : {
              phase: "failed",
              settledAt: authentication.at,
              requiresAction: false,
              gatewayMessage: MESSAGES.authenticationFailed,
            };
      if (now >= plan.expiresAt)
        return {
          phase: "expired",
          settledAt: plan.expiresAt,
          requiresAction: false,
          gatewayMessage: MESSAGES.authenticationExpired,
        };
      return { ...processing(MESSAGES.authenticationRequired), requiresAction: true };
    }
  }
}

function processing(message: string): ExecutionState {
  return { phase: "processing", settledAt: null, requiresAction: false, gatewayMessage: message };
}

/** The status word an execution reports in its phase. */
export function statusWord(execution: Execution, phase: Phase): string {
  switch (phase) {
    case "processing":
      return "PROCESSING";
    case "succeeded":
      return execution.successWord;
    case "failed":
      return "FAILED";
    case "expired":
      return "EXPIRED";
  }
}
