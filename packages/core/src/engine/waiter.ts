/**
 * The wait: while the state waits on Dollr for its attempt (processing, verifying, 3D Secure
 * asked for or running, and behind a recoverable error), one status watch follows that
 * reference id. The watcher asks; this part handles each answer before the next is planned:
 * records it, moves the state, counts 404s towards the not-landed proof, and paces the next read
 * by the policy (the schedule, the cap, the error backoff, `Retry-After`).
 */
import { type EngineContext, waitOf } from "./context.ts";
import type { CheckoutEvent, CheckoutState } from "./machine.ts";
import { nextPollDelay, retryAfterOf } from "./polling.ts";
import type { StatusWatch } from "./status-watch.ts";
import { type EngineExecution, engineErrorInfo, isStatusNotFound } from "./transport.ts";
import type { Verifier } from "./verifier.ts";

export interface Waiter {
  /** After each transition: opens, keeps or closes the watch. */
  update(previous: CheckoutState, next: CheckoutState, event: CheckoutEvent): void;
  /** The engine started: follow the wait shown, if any. */
  resume(): void;
  /** The engine stopped: no more reads, and answers in flight are dropped. */
  pause(): void;
  /** Reads again now, or after `delayMs` (a "check again" behind `Retry-After`). */
  refetch(delayMs?: number): void;
}

export function createWaiter(ctx: EngineContext, verifier: Verifier): Waiter {
  const { clock, records } = ctx;
  let watch: StatusWatch | null = null;
  let watched: string | null = null;
  // Bumped whenever the watch closes: answers to reads asked for before are dropped.
  let generation = 0;
  let retryAfterMs: number | undefined;
  let proving: Promise<void> = Promise.resolve();

  const waitingOn = (referenceId: string) =>
    waitOf(ctx.getState())?.attempt.referenceId === referenceId;

  function close() {
    generation += 1;
    watch?.close();
    watch = null;
    watched = null;
  }

  function open(referenceId: string, firstDelayMs: number) {
    close();
    if (!ctx.running() || ctx.disposed()) return;
    const openedIn = generation;
    const current = () => openedIn === generation && waitingOn(referenceId);
    watched = referenceId;
    retryAfterMs = undefined;
    watch = ctx.watcher(
      {
        referenceId,
        read: () => read(referenceId, current),
        nextDelay: () => (current() ? plan() : null),
      },
      firstDelayMs,
    );
  }

  async function read(referenceId: string, current: () => boolean): Promise<EngineExecution> {
    // A proof under way reads under the lock: the next read waits for its verdict.
    await proving;
    const wait = waitOf(ctx.getState());
    const stored = records.find(referenceId);
    if (current() && stored && stored.outcome !== "open" && stored.outcome !== "unverified") {
      // Closed by another tab (or an earlier engine): follow it instead of asking again.
      ctx.offer({ type: "ATTEMPT_CLOSED", attempt: stored, execution: null });
      return { reference_id: referenceId, status: stored.lastStatus ?? "" };
    }
    retryAfterMs = undefined;
    try {
      const answer = await ctx.statusOf(referenceId);
      if (current() && wait) {
        const view = records.recordAnswer(wait.attempt, answer);
        ctx.emit({ type: "status_checked", referenceId, outcome: "answered", status: view.raw });
        if (waitingOn(referenceId)) {
          ctx.dispatch({ type: "STATUS_RECEIVED", execution: view, at: clock.now() });
        }
      }
      return answer;
    } catch (error) {
      if (current()) failed(referenceId, error, current);
      throw error;
    }
  }

  function failed(referenceId: string, error: unknown, current: () => boolean) {
    const state = ctx.getState();
    const verifying = state.kind === "verifying" && state.attempt.referenceId === referenceId;
    if (isStatusNotFound(error) && verifying) {
      ctx.emit({ type: "status_checked", referenceId, outcome: "not_found" });
      ctx.dispatch({ type: "STATUS_NOT_FOUND", at: clock.now() });
      proving = ctx.track(verifier.proveNotLanded(referenceId, current));
      return;
    }
    const info = engineErrorInfo(error);
    retryAfterMs = retryAfterOf(error);
    ctx.emit({ type: "status_checked", referenceId, outcome: "error", errorCode: info.code });
    ctx.dispatch({ type: "STATUS_FAILED", error: info, at: clock.now() });
  }

  /** The delay to the next read by the policy, or null at the cap (the state then expires). */
  function plan(): number | null {
    const wait = waitOf(ctx.getState());
    if (!wait) return null;
    const delay = nextPollDelay(
      {
        elapsedMs: clock.now() - wait.pollingSince,
        retryAfterMs,
        consecutiveErrors: wait.consecutiveErrors,
      },
      ctx.policy,
    );
    if (delay !== "expired") return delay;
    // Not from inside the watcher's own planning: the transition closes the watch.
    queueMicrotask(() => {
      if (waitOf(ctx.getState()) === wait) ctx.dispatch({ type: "POLLING_EXPIRED" });
    });
    return null;
  }

  return {
    update(previous, next, event) {
      const wait = waitOf(next);
      if (!wait) return close();
      if (watched === wait.attempt.referenceId) {
        // Back from 3D Secure: Dollr's status is what decides, so ask it now.
        if (event.type === "AUTHENTICATION_FINISHED") watch?.refetch(0);
        return;
      }
      if (previous.kind !== "executing") return open(wait.attempt.referenceId, 0);
      retryAfterMs = event.type === "EXECUTE_AMBIGUOUS" ? event.error.retryAfterMs : undefined;
      const first = plan();
      if (first !== null) {
        const pending = retryAfterMs;
        open(wait.attempt.referenceId, first);
        retryAfterMs = pending;
      }
    },
    resume() {
      const wait = waitOf(ctx.getState());
      if (wait && watched === null) open(wait.attempt.referenceId, 0);
    },
    pause: close,
    refetch(delayMs = 0) {
      const wait = waitOf(ctx.getState());
      if (!wait) return;
      if (watch && watched === wait.attempt.referenceId) watch.refetch(delayMs);
      else open(wait.attempt.referenceId, delayMs);
    },
  };
}
