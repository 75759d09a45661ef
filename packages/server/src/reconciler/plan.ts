/**
 * The reconciler's decisions, as pure functions of a record and the time: what a visit does,
 * when the next read is, when "did not land" is final, when an attempt is unresolved. Everything
 * here is derived from stored fields, so any instance (or the same one after a restart) decides
 * the same way.
 */
import type { AttemptRecord } from "../stores/attempt-store.ts";
import { SERVER_NOT_LANDED_GRACE_MS } from "../stores/settlement.ts";
import type { SettledPayment } from "./options.ts";

/** What a visit to a claimed attempt does. */
export type Visit =
  /** Read Dollr's status (or settle from a final word the record already has). */
  | "check"
  /** Call the merchant's hook for the outcome it has. */
  | "notify"
  /** Nothing yet (a late-landing check or a hook retry later): release it. */
  | "wait";

const at = (iso: string | null): number => (iso === null ? Number.NaN : Date.parse(iso));

function isDueAt(attempt: AttemptRecord, nowMs: number): boolean {
  return attempt.nextCheckAt === null || at(attempt.nextCheckAt) <= nowMs;
}

/**
 * Whether a `not_landed` verdict has outlived its late-landing checks: Dollr has never shown a
 * status word for it, and a read at or after the last check still found nothing.
 */
export function lateChecksDone(attempt: AttemptRecord, checks: readonly number[]): boolean {
  if (attempt.outcome !== "not_landed" || attempt.status !== null) return false;
  const last = checks.length === 0 ? 0 : Math.max(...checks);
  return at(attempt.statusCheckedAt) - at(attempt.settledAt) >= last;
}

/** What to do with a claimed attempt at `nowMs`. */
export function planVisit(
  attempt: AttemptRecord,
  nowMs: number,
  notLandedChecks: readonly number[],
): Visit {
  const due = isDueAt(attempt, nowMs);
  switch (attempt.outcome) {
    case "open":
    case "unresolved":
      // An unresolved attempt's hook is retried with its next check.
      return due ? "check" : "wait";
    case "not_landed":
      if (attempt.notifiedAt !== null || !due) return "wait";
      return lateChecksDone(attempt, notLandedChecks) ? "notify" : "check";
    default:
      return attempt.notifiedAt === null && due ? "notify" : "wait";
  }
}

/** Whether the merchant's hook should hear of this record now. */
export function wantsNotify(attempt: AttemptRecord, notLandedChecks: readonly number[]): boolean {
  if (attempt.outcome === "open" || attempt.notifiedAt !== null) return false;
  return attempt.outcome !== "not_landed" || lateChecksDone(attempt, notLandedChecks);
}

/** The wait after the `checks`-th read (1-based), from the schedule (its last entry repeats). */
export function scheduledWait(checks: number, schedule: readonly number[]): number {
  const index = Math.min(Math.max(checks, 1), schedule.length) - 1;
  return schedule[index] as number;
}

/**
 * When to read an attempt that holds its source again, after its `checks`-th read at `nowMs`.
 * After a 404 that does not prove anything yet, no later than the moment it could.
 */
export function nextCheck(
  attempt: AttemptRecord,
  checks: number,
  nowMs: number,
  schedule: readonly number[],
  options: { notFound?: boolean; executeTimeoutMs: number },
): string {
  let next = nowMs + scheduledWait(checks, schedule);
  if (options.notFound) {
    const ended = attempt.executeEndedAt
      ? at(attempt.executeEndedAt)
      : at(attempt.createdAt) + options.executeTimeoutMs;
    const provable = ended + SERVER_NOT_LANDED_GRACE_MS;
    if (Number.isFinite(provable) && provable > nowMs) next = Math.min(next, provable);
  }
  return new Date(next).toISOString();
}

/**
 * The next late-landing check of a `not_landed` attempt read at `nowMs`, or null when that read
 * was the last one.
 */
export function nextLateCheck(
  attempt: AttemptRecord,
  nowMs: number,
  checks: readonly number[],
): string | null {
  const settled = at(attempt.settledAt);
  const offsets = [...checks].sort((a, b) => a - b);
  const next = offsets.find((offset) => settled + offset > nowMs);
  return next === undefined ? null : new Date(settled + next).toISOString();
}

/**
 * Whether an open attempt has gone on too long without a final word: `unresolvedAfterMs` after
 * it was recorded, and past its session's expiry (when known).
 */
export function pastUnresolvedLimit(
  attempt: AttemptRecord,
  nowMs: number,
  unresolvedAfterMs: number,
  sessionExpiresAt: string | null,
): boolean {
  if (nowMs < at(attempt.createdAt) + unresolvedAfterMs) return false;
  return sessionExpiresAt === null || !(nowMs < at(sessionExpiresAt));
}

/** The payment as `onSettled` receives it. */
export function settledPayment(attempt: AttemptRecord): SettledPayment {
  return {
    kind: "attempt",
    referenceId: attempt.referenceId,
    operation: attempt.operation,
    source: attempt.source,
    customerId: attempt.customerId,
    outcome: attempt.outcome as SettledPayment["outcome"],
    status: attempt.status,
    settledAt: attempt.settledAt ?? attempt.updatedAt,
    attempt,
  };
}
