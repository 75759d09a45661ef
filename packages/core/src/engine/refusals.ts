/**
 * What a failed session or execute request means for the machine, as one event. The proxy's own
 * refusals are definite — decided before anything reached Dollr — so they never go through
 * `verifying`: `SOURCE_BUSY` follows the attempt that holds the source (`busy`), `ALREADY_PAID`
 * ends in `already_paid`, `CARD_USED` and any other `"ambiguous": false` close the attempt at once.
 */
import { isContractReferenceId } from "../contract.ts";
import { isDollrKitError } from "../errors.ts";
import type { CheckoutEvent } from "./machine.ts";
import { classifyExecuteFailure, type ExecuteFailureKind, engineErrorInfo } from "./transport.ts";

/** The machine's event for a source the proxy refused to take a payment for. */
export type SourceRefusalEvent = Extract<CheckoutEvent, { type: "SOURCE_BUSY" | "ALREADY_PAID" }>;

/**
 * The event for a `SOURCE_BUSY` (that names the attempt in flight by a reference id the kit can
 * follow: a lowercase UUID v4) or an `ALREADY_PAID` answer; null for any other failure.
 */
export function sourceRefusal(error: unknown, at: number): SourceRefusalEvent | null {
  if (!isDollrKitError(error)) return null;
  const conflict = error.sourceConflict;
  if (error.code === "ALREADY_PAID") {
    return { type: "ALREADY_PAID", paidAt: conflict?.kind === "paid" ? conflict.paidAt : null };
  }
  return error.code === "SOURCE_BUSY" &&
    conflict?.kind === "busy" &&
    isContractReferenceId(conflict.referenceId)
    ? {
        type: "SOURCE_BUSY",
        holder: { referenceId: conflict.referenceId, status: conflict.status },
        at,
      }
    : null;
}

/**
 * How an execute of `referenceId` failed (for `onEvent`) and the event that says so. A
 * `SOURCE_BUSY` that names this very attempt means the proxy holds it (it may have been sent
 * before): it is verified like any ambiguous answer, never closed.
 */
export function executeFailure(
  error: unknown,
  referenceId: string,
  at: number,
): { outcome: ExecuteFailureKind; event: CheckoutEvent } {
  const info = engineErrorInfo(error);
  const refusal = sourceRefusal(error, at);
  let outcome = classifyExecuteFailure(error);
  if (refusal?.type === "SOURCE_BUSY" && refusal.holder.referenceId === referenceId) {
    outcome = "ambiguous";
  }
  if (outcome === "ambiguous") {
    return { outcome, event: { type: "EXECUTE_AMBIGUOUS", error: info, at } };
  }
  if (refusal && (outcome === "source_busy" || outcome === "already_paid")) {
    return { outcome, event: refusal };
  }
  const reason = outcome === "card_used" || outcome === "session_expired" ? outcome : "rejected";
  return { outcome, event: { type: "EXECUTE_REFUSED", error: info, reason } };
}
