/**
 * Following the attempt that holds the source (`busy`): the proxy's `SOURCE_BUSY` named it, and
 * its status is asked with the engine's own polling policy (the schedule, the cap, the error
 * backoff, `Retry-After`). Dollr's success means the source is paid (`already_paid`); its
 * failure, or 404s through the grace window counted from when the proxy named it, free the
 * source (back to `selecting`, with a notice). When the holder is an attempt of this engine's
 * own ledger, the answer goes back to the runner, which follows it as its own.
 */
import type { EngineClock } from "./clock.ts";
import type { EngineEvent } from "./events.ts";
import type { BusyState, CheckoutEvent, CheckoutState } from "./machine.ts";
import { nextPollDelay, type PollingPolicy, retryAfterOf } from "./polling.ts";
import type { StatusWatch, StatusWatcher } from "./status-watch.ts";
import {
  type EngineExecution,
  engineErrorInfo,
  executionView,
  isStatusNotFound,
} from "./transport.ts";

/** The `busy` state shown, or kept behind a recoverable error. */
export function busyOf(state: CheckoutState): BusyState | null {
  if (state.kind === "recoverable") return busyOf(state.resume);
  return state.kind === "busy" ? state : null;
}

/** What the follower needs from its engine. */
export interface BusyFollowerOptions {
  /** Asks the status of an attempt, naming the engine's source (the runner's own status read). */
  statusOf(referenceId: string): Promise<EngineExecution>;
  /** The engine's status watcher (its clock's, or the host's react-query). */
  watcher: StatusWatcher;
  clock: EngineClock;
  policy: PollingPolicy;
  getState(): CheckoutState;
  dispatch(event: CheckoutEvent): unknown;
  /** Reports status checks (`status_checked`). */
  emit(event: EngineEvent): void;
  /** The holder is one of this engine's own attempts: record and follow it (false when not). */
  followOwn(referenceId: string, answer: EngineExecution): boolean;
}

/** Starts, re-times and stops the status checks of a `busy` state. */
export interface BusyFollower {
  /** After each transition. */
  update(previous: CheckoutState, next: CheckoutState, event: CheckoutEvent): void;
  /** The engine started: checks go on. */
  resume(): void;
  /** The engine stopped: no more checks, and an answer in flight is dropped. */
  pause(): void;
}

export function createBusyFollower(options: BusyFollowerOptions): BusyFollower {
  const { clock, emit } = options;
  let running = false;
  let watch: StatusWatch | null = null;
  let watched: string | null = null;
  let retryAfterMs: number | undefined;
  // Bumped whenever the watch closes: answers asked for before are dropped.
  let generation = 0;

  const following = () => {
    const busy = busyOf(options.getState());
    return running && busy && !busy.stalled ? busy : null;
  };

  function close() {
    generation += 1;
    watch?.close();
    watch = null;
    watched = null;
  }

  function open(referenceId: string, firstDelayMs: number) {
    close();
    if (!following()) return;
    const openedIn = generation;
    const still = () => openedIn === generation && following()?.holder.referenceId === referenceId;
    watched = referenceId;
    watch = options.watcher(
      {
        referenceId,
        read: () => check(referenceId, still),
        nextDelay: () => (still() ? plan() : null),
      },
      firstDelayMs,
    );
  }

  function plan(): number | null {
    const busy = following();
    if (!busy) return null;
    const delay = nextPollDelay(
      {
        elapsedMs: clock.now() - busy.pollingSince,
        retryAfterMs,
        consecutiveErrors: busy.consecutiveErrors,
      },
      options.policy,
    );
    if (delay !== "expired") return delay;
    queueMicrotask(() => {
      if (following() === busy) options.dispatch({ type: "POLLING_EXPIRED" });
    });
    return null;
  }

  async function check(referenceId: string, still: () => boolean): Promise<EngineExecution> {
    retryAfterMs = undefined;
    try {
      const answer = await options.statusOf(referenceId);
      if (!still()) return answer;
      const execution = executionView(answer);
      emit({ type: "status_checked", referenceId, outcome: "answered", status: execution.raw });
      if (!options.followOwn(referenceId, answer)) {
        options.dispatch({ type: "STATUS_RECEIVED", execution, at: clock.now() });
      }
      return answer;
    } catch (error) {
      if (still()) failed(referenceId, error);
      throw error;
    }
  }

  function failed(referenceId: string, error: unknown) {
    const at = clock.now();
    if (isStatusNotFound(error)) {
      emit({ type: "status_checked", referenceId, outcome: "not_found" });
      options.dispatch({ type: "STATUS_NOT_FOUND", at });
      // Whatever was in flight when the proxy named it has reached Dollr by now, or never will.
      const after = following();
      if (
        after &&
        after.notFoundCount >= options.policy.minNotFoundAnswers &&
        at >= after.since + options.policy.notLandedGraceMs
      ) {
        options.dispatch({ type: "NOT_LANDED_PROVED" });
      }
      return;
    }
    const info = engineErrorInfo(error);
    retryAfterMs = retryAfterOf(error);
    emit({ type: "status_checked", referenceId, outcome: "error", errorCode: info.code });
    options.dispatch({ type: "STATUS_FAILED", error: info, at });
  }

  return {
    update(previous, next, event) {
      const now = busyOf(next);
      if (!now || now.stalled) return close();
      if (event.type === "CHECK_AGAIN_REQUESTED") {
        // Behind a rate limit, not before the server allows it.
        const retryAt = previous.kind === "recoverable" ? (previous.retryAt ?? 0) : 0;
        const delay = Math.max(0, retryAt - clock.now());
        if (watch && watched === now.holder.referenceId) watch.refetch(delay);
        else open(now.holder.referenceId, delay);
      } else if (watched !== now.holder.referenceId) {
        open(now.holder.referenceId, 0);
      }
    },
    resume() {
      running = true;
      const busy = following();
      if (busy && watched === null) open(busy.holder.referenceId, 0);
    },
    pause() {
      running = false;
      close();
    },
  };
}
