/**
 * The rules every `AttemptStore` and its callers read an attempt by: which outcomes hold the
 * source, which outcome a status word decides, a new attempt's bookkeeping, whether a settle
 * applies, and whether the reconciler has work for an attempt nobody else holds.
 */
import { normaliseExecutionStatus } from "@dollr-kit/core/internal";
import type { AttemptOutcome, AttemptRecord } from "./attempt-store.ts";

/** Outcomes that hold the source (no second attempt may be recorded for it). */
export const HOLDING_OUTCOMES: readonly AttemptOutcome[] = Object.freeze(["open", "unresolved"]);

/** Whether an attempt still holds its source (`open` or `unresolved`). */
export function isUnsettledAttempt(attempt: AttemptRecord): boolean {
  return HOLDING_OUTCOMES.includes(attempt.outcome);
}

/** The outcome a final status word decides, or null when the word is not final. */
export function outcomeOfStatus(status: string | null): "succeeded" | "failed" | null {
  if (status === null) return null;
  const normalised = normaliseExecutionStatus(status);
  if (!normalised.terminal) return null;
  return normalised.state === "succeeded" ? "succeeded" : "failed";
}

/** A new attempt record's bookkeeping fields, for callers that build one. */
export function freshAttemptFields(): Pick<
  AttemptRecord,
  | "executeEndedAt"
  | "outcome"
  | "settledAt"
  | "notifiedAt"
  | "nextCheckAt"
  | "checks"
  | "claimedBy"
  | "claimedUntil"
> {
  return {
    executeEndedAt: null,
    outcome: "open",
    settledAt: null,
    notifiedAt: null,
    nextCheckAt: null,
    checks: 0,
    claimedBy: null,
    claimedUntil: null,
  };
}

/** Whether a settle from `from` to `to` applies (see `AttemptStore.settleAttempt`). */
export function settleApplies(record: AttemptRecord, to: AttemptOutcome): boolean {
  const from = record.outcome;
  if (from === to) return false;
  if (from === "open") return to !== "released";
  if (from === "unresolved") return to !== "open";
  if (from === "not_landed") {
    return record.notifiedAt === null && (to === "open" || to === "succeeded" || to === "failed");
  }
  return false;
}

/** Whether a lease of another owner still runs at `now`. */
export function leaseRunning(record: AttemptRecord, owner: string, now: string): boolean {
  return (
    record.claimedBy !== null &&
    record.claimedBy !== owner &&
    record.claimedUntil !== null &&
    Date.parse(record.claimedUntil) > Date.parse(now)
  );
}

/** Whether the reconciler has work for this attempt at `now` (see `AttemptStore.claimDue`). */
export function isDue(record: AttemptRecord, now: string): boolean {
  // Settled but not told yet: due too, at its `nextCheckAt` (a late-landing check, a hook retry).
  const wanted = HOLDING_OUTCOMES.includes(record.outcome) || record.notifiedAt === null;
  return (
    wanted && (record.nextCheckAt === null || Date.parse(record.nextCheckAt) <= Date.parse(now))
  );
}
