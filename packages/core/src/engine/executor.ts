/**
 * Paying: a session, an attempt written, then its execute, all inside the source's lock; a
 * retry that replays the same reference id while its session lives; following another tab that
 * holds the lock. An execute is never aborted nor sent twice by this context: an ambiguous
 * failure is verified through status with the same reference id.
 */
import {
  type EngineContext,
  executesInFlight,
  notLandedAttempt,
  sessionMsLeft,
} from "./context.ts";
import { type Attempt, type AttemptLedger, executePayloadOf, LedgerError } from "./ledger.ts";
import type { CreatingSessionState } from "./machine.ts";
import { executeFailure, sourceRefusal } from "./refusals.ts";
import { attemptToFollow, type TabSync } from "./tab-sync.ts";
import {
  type EngineSession,
  engineErrorInfo,
  isRetryableSessionFailure,
  isStatusNotFound,
} from "./transport.ts";
import type { SelectedAccount } from "./types.ts";
import type { Verifier } from "./verifier.ts";

/** While another tab holds the source's lock without an attempt, look again this often… */
export const BUSY_SOURCE_RECHECK_MS = 1_000;
/** …this many times, then show a recoverable error. */
export const BUSY_SOURCE_TRIES = 10;

export interface Executor {
  /** Takes the source's lock to create and execute; follows another tab that has it. */
  createAndExecute(account: SelectedAccount): Promise<void>;
  /** After `failed`: replay while the session lives, else a new session and id. */
  retry(): Promise<void>;
  /** The customer backed out: a session asked for before may not be used to send anything. */
  cancel(): void;
}

export function createExecutor(
  ctx: EngineContext,
  ledger: AttemptLedger,
  tabs: TabSync,
  verifier: Verifier,
): Executor {
  const { source, transport, clock, records } = ctx;
  // Bumped by cancel(): a session asked for before may not be used to send anything.
  let payGeneration = 0;
  let sessionAbort: AbortController | null = null;

  /** The `creating_session` of the pay started in `startedIn`, unless it was cancelled since. */
  function stillPaying(startedIn: number): CreatingSessionState | null {
    const state = ctx.getState();
    return startedIn === payGeneration && state.kind === "creating_session" && !ctx.disposed()
      ? state
      : null;
  }

  /** Sends the execute for an attempt already written. Never aborted, never repeated here. */
  async function sendExecute(attempt: Attempt, replay: boolean): Promise<void> {
    const { referenceId } = attempt;
    if (executesInFlight.has(referenceId)) return;
    executesInFlight.add(referenceId);
    const markSettled = () => records.safely(() => ledger.markSettled(source, referenceId), null);
    try {
      ctx.emit({ type: "execute_sent", referenceId, replay, executeCalls: attempt.executeCalls });
      ctx.dispatch({ type: "EXECUTE_SENT", attempt, replay });
      try {
        const answer = await transport.executeCollection(executePayloadOf(attempt));
        markSettled();
        const view = records.recordAnswer(attempt, answer);
        ctx.emit({ type: "execute_settled", referenceId, outcome: "answered", status: view.raw });
        ctx.dispatch({ type: "EXECUTE_ANSWERED", execution: view, at: clock.now() });
      } catch (error) {
        markSettled();
        const { outcome, event } = executeFailure(error, referenceId, clock.now());
        // A definite refusal: nothing was sent, so the attempt closes at once (no verifying).
        if (outcome !== "ambiguous") records.close(referenceId, "not_landed");
        const errorCode = engineErrorInfo(error).code;
        ctx.emit({ type: "execute_settled", referenceId, outcome, errorCode });
        ctx.dispatch(event);
      }
    } finally {
      executesInFlight.delete(referenceId);
    }
  }

  async function createAndExecuteLocked(account: SelectedAccount, startedIn: number) {
    const existing = attemptToFollow(records.read());
    if (existing) return void tabs.adopt(existing);
    const abort = new AbortController();
    sessionAbort = abort;
    let session: EngineSession;
    try {
      session = await transport.createCheckoutSession(
        { source_type: source.type, source_id: source.id },
        { signal: abort.signal },
      );
    } catch (error) {
      if (!stillPaying(startedIn)) return;
      const refused = sourceRefusal(error, clock.now());
      // The attempt holding the source is this storage's own open one: follow it as such.
      const own = records.read()?.open;
      if (refused?.type === "SOURCE_BUSY" && own?.referenceId === refused.holder.referenceId) {
        tabs.adopt(own, true);
        return;
      }
      ctx.dispatch(
        refused ?? {
          type: "SESSION_FAILED",
          error: engineErrorInfo(error),
          retryable: isRetryableSessionFailure(error),
          at: clock.now(),
        },
      );
      return;
    } finally {
      if (sessionAbort === abort) sessionAbort = null;
    }
    // Cancelled (or stopped for good) while the session was made: nothing may be sent.
    if (!stillPaying(startedIn)) return;
    let attempt: Attempt;
    try {
      attempt = records.own(() =>
        ledger.open({
          source,
          sessionId: String(session.id),
          sessionExpiresAt: session.expires_at ?? null,
          paymentAccountId: account.id,
          currency: account.currency,
        }),
      );
    } catch (error) {
      if (error instanceof LedgerError && error.reason === "attempt_open") {
        return void tabs.adopt(records.read()?.open, true);
      }
      ctx.dispatch({ type: "STORAGE_FAILED", error: engineErrorInfo(error) });
      return;
    }
    await sendExecute(attempt, false);
  }

  async function createAndExecute(
    account: SelectedAccount,
    startedIn = payGeneration,
    tries = 0,
  ): Promise<void> {
    const result = await ctx.locks.tryWithLock(ctx.lockName, () =>
      createAndExecuteLocked(account, startedIn),
    );
    if (result.acquired) return;
    if (tries === 0) ctx.emit({ type: "source_busy" });
    followBusySource(startedIn, tries);
  }

  /** Another tab holds the lock: watch for its attempt; pay ourselves once it lets go without one. */
  function followBusySource(startedIn: number, tries: number) {
    const paying = stillPaying(startedIn);
    if (!paying) return;
    const open = records.read()?.open;
    if (open) return void tabs.adopt(open);
    if (tries >= BUSY_SOURCE_TRIES) {
      ctx.dispatch({
        type: "SESSION_FAILED",
        error: { code: "CONFLICT", message: "Another tab is paying for this source" },
        retryable: true,
        at: clock.now(),
      });
      return;
    }
    clock.setTimeout(() => {
      // An engine stopped or disposed meanwhile sends nothing: a payment with no UI is refused.
      if (ctx.running() && stillPaying(startedIn)) {
        void ctx.track(createAndExecute(paying.account, startedIn, tries + 1));
      }
    }, BUSY_SOURCE_RECHECK_MS);
  }

  async function retryLocked(startedIn: number): Promise<void> {
    const current = ctx.getState();
    if (current.kind !== "failed") return;
    const previous = notLandedAttempt(current);
    if (previous) {
      const stored = records.find(previous.referenceId);
      if (stored?.outcome === "open") {
        tabs.adopt(stored, true);
        return;
      }
      // One last look: an execute that landed late must be followed, not paid again.
      try {
        const answer = await ctx.statusOf(previous.referenceId);
        verifier.statusReceived(stored ?? previous, answer, () => ctx.getState() === current);
        return;
      } catch (error) {
        if (!isStatusNotFound(error)) {
          if (ctx.getState() === current) {
            const info = engineErrorInfo(error);
            ctx.dispatch({ type: "STATUS_FAILED", error: info, at: clock.now() });
          }
          return;
        }
      }
      if (startedIn !== payGeneration || ctx.getState() !== current || ctx.disposed()) return;
      const replayable =
        stored?.outcome === "not_landed" &&
        sessionMsLeft(stored, clock.now()) > ctx.policy.sessionReplayMarginMs;
      if (replayable) {
        const attempt = records.safely(() => ledger.replay(source, previous.referenceId), null);
        if (attempt) await sendExecute(attempt, true);
        return;
      }
    }
    if (!ctx.dispatch({ type: "RETRY_REQUESTED" })) return;
    const state = ctx.getState();
    if (state.kind === "creating_session") await createAndExecuteLocked(state.account, startedIn);
  }

  return {
    createAndExecute: (account) => createAndExecute(account),
    async retry() {
      const startedIn = payGeneration;
      const result = await ctx.locks.tryWithLock(ctx.lockName, () => retryLocked(startedIn));
      if (!result.acquired) ctx.emit({ type: "source_busy" });
    },
    cancel() {
      payGeneration += 1;
      sessionAbort?.abort();
    },
  };
}
