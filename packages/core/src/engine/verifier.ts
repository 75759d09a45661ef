/**
 * Proving an execute never landed, and checking afterwards that it still has not. "Did not land"
 * is concluded only when 404s held through the grace window, no execute of it is in flight
 * anywhere (the source's lock), nothing was sent since, and one last read under the lock is 404.
 * After that verdict a few late looks catch an execute that reached Dollr later than any proxy
 * should allow, so it is shown, never hidden.
 */
import {
  type EngineContext,
  executesInFlight,
  notLandedAttempt,
  notLandedProofFrom,
} from "./context.ts";
import type { Attempt } from "./ledger.ts";
import type { StatusWatch } from "./status-watch.ts";
import { type EngineExecution, isStatusNotFound } from "./transport.ts";

/**
 * After proving an execute did not land, look again this long after the verdict (cumulative):
 * a late landing, which the proxy's bounded upstream timeout should rule out, is still caught.
 */
export const LATE_LANDING_CHECKS_MS: readonly number[] = Object.freeze([
  15_000,
  60_000,
  3 * 60_000,
  10 * 60_000,
]);

export interface Verifier {
  /** Concludes `not_landed` for the verifying attempt when that is proved (see above). */
  proveNotLanded(referenceId: string, stillCurrent: () => boolean): Promise<void>;
  /** Starts the late looks at a not-landed attempt the state shows. */
  watchLateLanding(referenceId: string): void;
  /** Stops the late looks at a not-landed attempt (the engine stopped, or the state moved on). */
  stop(): void;
  /**
   * Looks again later at an attempt the customer left (its session had expired, but mobile money
   * can still complete): if Dollr then has it, `follow` shows it (it paid, or it still may) and
   * says whether it did.
   */
  watchLeft(referenceId: string, follow: (attempt: Attempt) => boolean): void;
  /** Stops the looks at left attempts (the engine stopped). */
  stopLeft(): void;
  /** Dollr answered for an attempt: record it and show it while `shown()`. */
  statusReceived(attempt: Attempt | null, answer: EngineExecution, shown: () => boolean): void;
}

export function createVerifier(ctx: EngineContext): Verifier {
  const { clock, records } = ctx;
  const policy = () => ctx.policy;

  function statusReceived(attempt: Attempt | null, answer: EngineExecution, shown: () => boolean) {
    const view = records.recordAnswer(attempt, answer);
    if (shown()) ctx.dispatch({ type: "STATUS_RECEIVED", execution: view, at: clock.now() });
  }

  const waitingVerifying = (referenceId: string) => {
    const state = ctx.getState();
    return state.kind === "verifying" && state.attempt.referenceId === referenceId;
  };

  async function proveNotLanded(referenceId: string, stillCurrent: () => boolean): Promise<void> {
    const current = ctx.getState();
    if (current.kind !== "verifying" || current.attempt.referenceId !== referenceId) return;
    if (current.notFoundCount < policy().minNotFoundAnswers) return;
    // Open (or salvaged), never answered, and no execute of it in flight in this context.
    const unanswered = (attempt: Attempt | null): attempt is Attempt =>
      (attempt?.outcome === "open" || attempt?.outcome === "unverified") &&
      !attempt.answerSeen &&
      !executesInFlight.has(referenceId);
    const stored = records.find(referenceId);
    if (!unanswered(stored)) return;
    if (clock.now() < notLandedProofFrom(stored, policy())) return;

    const proved = await ctx.locks.tryWithLock(ctx.lockName, async () => {
      // Nothing sent since (a replay would have moved `lastSentAt`).
      const fresh = records.find(referenceId);
      if (!unanswered(fresh) || fresh.lastSentAt !== stored.lastSentAt) return false;
      try {
        // It landed after all: the answer wins.
        statusReceived(
          fresh,
          await ctx.statusOf(referenceId),
          () => stillCurrent() && waitingVerifying(referenceId),
        );
        return false;
      } catch (error) {
        if (!isStatusNotFound(error)) return false;
      }
      records.close(referenceId, "not_landed");
      return records.find(referenceId)?.outcome === "not_landed";
    });
    if (proved.acquired && proved.value) {
      ctx.emit({ type: "not_landed", referenceId });
      if (waitingVerifying(referenceId)) ctx.dispatch({ type: "NOT_LANDED_PROVED" });
    }
  }

  /**
   * Looks at `referenceId` at the late-landing times from now, through the engine's watcher
   * (react-query's in the React binding: the one poller). `onAnswer` says whether to go on.
   */
  function lookLater(referenceId: string, onAnswer: (answer: EngineExecution) => boolean) {
    if (!ctx.running() || ctx.disposed()) return () => {};
    const from = clock.now();
    let going = true;
    let watch: StatusWatch | null = null;
    const stop = () => {
      if (!going) return;
      going = false;
      watch?.close();
    };
    watch = ctx.watcher(
      {
        referenceId,
        read: async () => {
          const answer = await ctx.statusOf(referenceId);
          if (going && !ctx.disposed() && !onAnswer(answer)) stop();
          return answer;
        },
        nextDelay: () => {
          const elapsed = clock.now() - from;
          const due = LATE_LANDING_CHECKS_MS.find((at) => at > elapsed);
          return going && due !== undefined ? due - elapsed : null;
        },
      },
      LATE_LANDING_CHECKS_MS[0] ?? 0,
    );
    return stop;
  }

  let stopLate = () => {};
  let stopLeft = () => {};

  return {
    watchLeft(referenceId, follow) {
      stopLeft();
      stopLeft = lookLater(referenceId, (answer) => {
        // Recorded: a success closes it as such; an answer that is not final opens it again.
        const view = records.recordAnswer(records.find(referenceId), answer);
        const stored = records.find(referenceId);
        // Followed: the wait's own watch takes over from here.
        return view.state !== "failed" && !!stored && !follow(stored) && !view.terminal;
      });
    },
    stopLeft: () => stopLeft(),
    proveNotLanded,
    statusReceived,
    stop: () => stopLate(),
    watchLateLanding(referenceId) {
      stopLate();
      const shown = () => notLandedAttempt(ctx.getState())?.referenceId === referenceId;
      stopLate = lookLater(referenceId, (answer) => {
        if (shown()) statusReceived(records.find(referenceId), answer, shown);
        return false;
      });
    },
  };
}
