/**
 * "Use another method" while an attempt is not final (3D Secure that cannot run, a mobile-money
 * wait with no end, the polling cap). Leaving is allowed only when the old attempt can no longer
 * take money, as far as Dollr's status and the session can tell:
 * - Dollr gives a final status: that status is shown (a failure lets the customer pick again);
 * - status is 404 and the execute's grace window has passed (nothing in flight, as the
 *   not-landed proof);
 * - the attempt's session has expired and a last status check, under the source's lock, is
 *   not a success.
 * Otherwise the state says until when the money may still move (`leaveRefusedUntil`). The
 * server stays the authority: a source still held answers `SOURCE_BUSY` to the next attempt.
 */
import {
  attemptOf,
  type EngineContext,
  executesInFlight,
  notLandedAttempt,
  notLandedProofFrom,
  waitOf,
} from "./context.ts";
import type { Attempt } from "./ledger.ts";
import { type EngineExecution, engineErrorInfo, isStatusNotFound } from "./transport.ts";

/** The attempt the customer may ask to leave in this state, if any. */
export function leavableAttempt(ctx: EngineContext): Attempt | null {
  const state = ctx.getState();
  if (notLandedAttempt(state)) return null;
  if (waitOf(state) || state.kind === "expired") return attemptOf(state);
  return null;
}

type Verdict =
  | { kind: "left" }
  | { kind: "answered" }
  | { kind: "refused"; until: number | null }
  | { kind: "error"; error: unknown };

export async function leaveAttempt(
  ctx: EngineContext,
  onLeft: (referenceId: string) => void,
): Promise<void> {
  const attempt = leavableAttempt(ctx);
  if (!attempt) return;
  const { referenceId } = attempt;
  const shown = () => attemptOf(ctx.getState())?.referenceId === referenceId;
  const sessionEnd = Date.parse(attempt.sessionExpiresAt ?? "");
  const until = Number.isNaN(sessionEnd) ? null : sessionEnd;

  const locked = await ctx.locks.tryWithLock<Verdict>(ctx.lockName, async () => {
    if (executesInFlight.has(referenceId)) return { kind: "refused", until };
    let answer: EngineExecution | null = null;
    try {
      answer = await ctx.statusOf(referenceId);
    } catch (error) {
      if (!isStatusNotFound(error)) return { kind: "error", error };
    }
    const stored = ctx.records.find(referenceId) ?? attempt;
    if (answer) {
      const view = ctx.records.recordAnswer(stored, answer);
      const closed = ctx.records.find(referenceId);
      if (view.terminal && closed) {
        if (shown()) ctx.offer({ type: "ATTEMPT_CLOSED", attempt: closed, execution: view });
        return { kind: "answered" };
      }
    }
    const now = ctx.clock.now();
    const sessionOver = until !== null && now >= until;
    const neverLanded = answer === null && now >= notLandedProofFrom(stored, ctx.policy);
    if (!sessionOver && !neverLanded) return { kind: "refused", until };
    ctx.records.close(referenceId, neverLanded ? "not_landed" : "left");
    return { kind: "left" };
  });

  if (!locked.acquired) {
    ctx.emit({ type: "source_busy" });
    ctx.offer({ type: "LEAVE_REFUSED", until });
    return;
  }
  const verdict = locked.value;
  if (!shown()) return;
  if (verdict.kind === "left") {
    ctx.emit({ type: "attempt_left", referenceId });
    ctx.dispatch({ type: "ATTEMPT_LEFT" });
    onLeft(referenceId);
  } else if (verdict.kind === "refused") {
    ctx.emit({ type: "leave_refused", referenceId, until: verdict.until });
    ctx.offer({ type: "LEAVE_REFUSED", until: verdict.until });
  } else if (verdict.kind === "error") {
    ctx.offer({
      type: "STATUS_FAILED",
      error: engineErrorInfo(verdict.error),
      at: ctx.clock.now(),
    });
  }
}
