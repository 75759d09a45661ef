/**
 * When the server may call an attempt settled. One set of rules for the proxy's status route and
 * the reconciler, so a browser's poll and the follow-up job always reach the same verdict.
 */
import type { AttemptRecord } from "./attempt-store.ts";

/**
 * A status 404 proves nothing until this long after the execute request ended: Dollr may record
 * an execute a little after answering (or after the proxy gave up waiting). The same window as
 * the browser engine's `NOT_LANDED_GRACE_MS`.
 */
export const SERVER_NOT_LANDED_GRACE_MS = 30_000;

/**
 * Whether Dollr's 404 for this attempt's status, read at `nowMs`, proves the execute never
 * landed: no answer ever said it was made (no 2xx, no status word), and the execute ended (or,
 * when its end was never seen, could no longer be running: `executeTimeoutMs` after it was
 * recorded) at least `graceMs` ago.
 */
export function notFoundProvesNotLanded(
  attempt: AttemptRecord,
  nowMs: number,
  executeTimeoutMs: number,
  graceMs = SERVER_NOT_LANDED_GRACE_MS,
): boolean {
  if (attempt.status !== null) return false;
  if (attempt.httpStatus !== null && attempt.httpStatus >= 200 && attempt.httpStatus < 300) {
    return false;
  }
  const ended = attempt.executeEndedAt
    ? Date.parse(attempt.executeEndedAt)
    : Date.parse(attempt.createdAt) + executeTimeoutMs;
  return Number.isFinite(ended) && nowMs >= ended + graceMs;
}
