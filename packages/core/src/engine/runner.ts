/**
 * The checkout engine: drives the state machine with the proxy client, the attempt ledger, the
 * cross-tab locks and the polling policy, on an injectable clock. React binds to it with
 * `useSyncExternalStore(engine.subscribe, engine.getState)`; tests drive it on a manual clock.
 *
 * How it keeps one payment from running twice:
 * - an execute leaves only from inside the source's lock, after its attempt is in storage, and
 *   only for an attempt the ledger just opened (or re-opened for a same-session replay);
 * - a module-wide in-flight set keyed by reference id stops a second send from any engine in
 *   this context (StrictMode's double effects, a second engine on the same source);
 * - an execute is never aborted nor retried on its own: an ambiguous failure is verified
 *   through status with the same reference id, and "did not land" is concluded only under the
 *   lock, after the grace window, with one last 404.
 */
import { createBusyFollower } from "./busy.ts";
import type { EngineClock } from "./clock.ts";
import { systemClock } from "./clock.ts";
import type { EngineCommand, EngineEvent } from "./events.ts";
import {
  type Attempt,
  type AttemptLedger,
  createAttemptLedger,
  executePayloadOf,
  LedgerError,
  type LedgerSnapshot,
} from "./ledger.ts";
import { defaultLocks, type EngineLocks } from "./locks.ts";
import {
  type CheckoutEvent,
  type CheckoutState,
  type CreatingSessionState,
  createReducer,
  INITIAL_STATE,
  type InvalidTransitionHandler,
  isFinalState,
  type ProcessingState,
  transition,
  type VerifyingState,
} from "./machine.ts";
import {
  DEFAULT_POLLING_POLICY,
  nextPollDelay,
  type PollingPolicy,
  retryAfterOf,
} from "./polling.ts";
import { executeFailure, sourceRefusal } from "./refusals.ts";
import { browserStorage, createMemoryStorage, type StorageLike } from "./storage.ts";
import {
  type EngineExecution,
  type EngineSession,
  type EngineTransport,
  engineErrorInfo,
  executionView,
  isRetryableSessionFailure,
  isStatusNotFound,
} from "./transport.ts";
import type {
  AuthenticationOutcome,
  CheckoutSource,
  ExecutionView,
  SelectedAccount,
} from "./types.ts";

export type { EngineCommand, EngineEvent } from "./events.ts";

/** Subscribes to writes to a storage (by anyone sharing it); returns the unsubscribe. */
export type WatchStorage = (listener: (key: string) => void) => () => void;

/** While another tab holds the source's lock without an attempt, look again this often… */
export const BUSY_SOURCE_RECHECK_MS = 1_000;
/** …this many times, then show a recoverable error. */
export const BUSY_SOURCE_TRIES = 10;

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

/** Options of `createCheckoutEngine`. */
export interface CheckoutEngineOptions {
  /** The proxy client (or anything with its three calls). */
  transport: EngineTransport;
  /** The invoice or order to pay. */
  source: CheckoutSource;
  /**
   * Where attempts are written. Default `localStorage` (memory where there is none, e.g. SSR).
   * If it has `watch` (a memory storage, or the browser's storage events), other tabs' writes
   * are followed at once; otherwise on the next status check.
   */
  storage?: StorageLike & { watch?: WatchStorage };
  /** Time and timers. Default the real clock. */
  clock?: EngineClock;
  /** Cross-tab locks. Default Web Locks, else a storage lease. */
  locks?: EngineLocks;
  /** Polling and verification numbers. Default `DEFAULT_POLLING_POLICY`. */
  policy?: PollingPolicy;
  /** Everything the engine does, as typed events (no personal data). */
  onEvent?: (event: EngineEvent) => void;
  /** Told (in development builds) when an internal event makes no sense in a state. */
  onInvalidTransition?: InvalidTransitionHandler;
  /** Mints reference ids. Default `crypto.randomUUID()`. */
  newReferenceId?: () => string;
}

/** A running checkout for one source. */
export interface CheckoutEngine {
  /** The current state (the same object until something changes). */
  getState(): CheckoutState;
  /** Calls `listener` after each change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Loads storage and resumes any open attempt; after `stop()`, resumes polling. Idempotent. */
  start(): void;
  /** Pauses timers and status checks (an execute in flight still completes and is recorded). */
  stop(): void;
  /** Chooses the payment account and payer currency (in `selecting`, or from `failed`). */
  selectAccount(account: SelectedAccount): void;
  /** Creates a session, writes the attempt, sends the execute. Ignored unless `selecting` with an account. */
  pay(): Promise<void>;
  /** The UI is about to run Stripe's next action (`requires_action` → `authenticating`). */
  beginAuthentication(): void;
  /** Stripe's next action ended; the engine goes back to Dollr's status (Stripe never decides). */
  authenticationFinished(outcome: AuthenticationOutcome): void;
  /** After `expired` or a `recoverable` error: look again (or resume what was interrupted). */
  checkAgain(): Promise<void>;
  /** After `failed`: replay the same reference id while its session lives, else a new session and id. */
  retry(): Promise<void>;
  /** Backs out to the picker. Only before anything was sent, or after a failure. */
  cancel(): void;
  /** Stops for good: timers cleared, listeners dropped, commands ignored. */
  dispose(): void;
  /** Resolves when no command or status check of this engine is in flight (for tests). */
  whenIdle(): Promise<void>;
}

// Executes in flight in this JavaScript context, by reference id: no engine sends one twice.
const executesInFlight = new Set<string>();

/** The wait the state shows, or keeps polling behind a recoverable error. */
function isWait(state: CheckoutState): ProcessingState | VerifyingState | null {
  if (state.kind === "recoverable") return isWait(state.resume);
  return state.kind === "processing" || state.kind === "verifying" ? state : null;
}

/**
 * The attempt a state is about, if any: as it was when sent (the ledger holds the live record,
 * e.g. its `outcome`).
 */
export function attemptOf(state: CheckoutState): Attempt | null {
  if (state.kind === "recoverable") return attemptOf(state.resume);
  return "attempt" in state ? state.attempt : null;
}

/** The attempt a `failed` (`not_landed`) state shows: still looked at for a late landing. */
function notLandedAttempt(state: CheckoutState): Attempt | null {
  return state.kind === "failed" && state.reason === "not_landed" ? state.attempt : null;
}

/** What a tab about to pay follows instead: an open attempt, or a success. */
function attemptToFollow(snapshot: LedgerSnapshot | null | undefined): Attempt | null {
  const latest = snapshot?.latest;
  return snapshot?.open ?? (latest?.outcome === "succeeded" ? latest : null);
}

function sessionMsLeft(attempt: Attempt, now: number): number {
  // No expiry, or an unreadable one, leaves no time.
  const left = Date.parse(attempt.sessionExpiresAt ?? "") - now;
  return Number.isNaN(left) ? 0 : left;
}

/** Creates a checkout engine for one source. Call `start()` to load and resume. */
export function createCheckoutEngine(options: CheckoutEngineOptions): CheckoutEngine {
  const { transport, source, onEvent } = options;
  const clock = options.clock ?? systemClock;
  const storage = options.storage ?? browserStorage() ?? createMemoryStorage();
  const locks = options.locks ?? defaultLocks(storage, clock);
  const policy = options.policy ?? DEFAULT_POLLING_POLICY;
  const reducer = createReducer({ onInvalidTransition: options.onInvalidTransition });
  const emit = (event: EngineEvent) => {
    try {
      onEvent?.(event);
    } catch {
      // A listener's failure must never break the money path.
    }
  };
  const ledger: AttemptLedger = createAttemptLedger({
    storage,
    now: () => clock.now(),
    newReferenceId: options.newReferenceId,
    onProblem: (problem) => emit({ type: "ledger_problem", problem }),
  });
  const lockName = `dollr-kit:v1:source:${source.type}:${source.id}`;
  // Status reads name the source: the proxy answers for attempts it has no record of that way.
  const statusOf = (referenceId: string, signal?: AbortSignal) =>
    transport.getCollectionStatus(referenceId, {
      signal,
      source: { source_type: source.type, source_id: source.id },
    });
  const watchStorage = (storage as { watch?: WatchStorage }).watch?.bind(storage);

  let state: CheckoutState = INITIAL_STATE;
  const listeners = new Set<() => void>();
  let running = false;
  let disposed = false;
  let unwatch: (() => void) | null = null;
  let writing = 0;
  let pollTimer: unknown = null;
  // The status check in flight (null when none); a check asked for meanwhile runs right after.
  let activePoll: AbortController | null = null;
  let pollAgain = false;
  let sessionAbort: AbortController | null = null;
  // Bumped by stop(): status answers asked for before are dropped.
  let pollGeneration = 0;
  // Bumped by cancel(): a session asked for before may not be used to send anything.
  let payGeneration = 0;
  const inFlight = new Set<Promise<unknown>>();

  function track<T>(work: Promise<T>): Promise<T> {
    inFlight.add(work);
    const done = () => inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  // `busy`: following the attempt another device holds the source with.
  const follower = createBusyFollower({
    statusOf,
    clock,
    policy,
    getState: () => state,
    dispatch,
    emit,
    followOwn(referenceId, answer) {
      // One of ours after all (e.g. closed as not landed here, still held by the proxy).
      const stored = findStored(referenceId);
      if (!stored) return false;
      recordAnswer(stored, answer);
      return adopt(findStored(referenceId), true);
    },
    track,
  });

  // ————— state —————

  function dispatch(event: CheckoutEvent): boolean {
    const previous = state;
    const next = reducer(previous, event);
    if (next === previous) return false;
    state = next;
    emit({ type: "transition", from: previous.kind, to: next.kind, event: event.type });
    for (const listener of [...listeners]) listener();
    afterTransition(previous, next, event);
    return true;
  }

  /**
   * An event that may have been overtaken by another (a tab's write, an answer arriving after
   * the state moved on): applied if it still makes sense, dropped quietly if not.
   */
  function offer(event: CheckoutEvent): boolean {
    return transition(state, event) !== state && dispatch(event);
  }

  /** Whether the state still waits on this attempt. */
  function waitingOn(referenceId: string, kind?: "verifying"): boolean {
    const wait = isWait(state);
    return wait?.attempt.referenceId === referenceId && (kind === undefined || wait.kind === kind);
  }

  /** The `creating_session` of the pay started in `startedIn`, unless it was cancelled since. */
  function stillPaying(startedIn: number): CreatingSessionState | null {
    return startedIn === payGeneration && state.kind === "creating_session" ? state : null;
  }

  function ignored(name: EngineCommand): false {
    emit({ type: "command_ignored", command: name, state: state.kind });
    return false;
  }

  /** A user command: ignored quietly (and reported as an event) when it does not apply. */
  function command(name: EngineCommand, event: CheckoutEvent): boolean {
    return disposed || transition(state, event) === state ? ignored(name) : dispatch(event);
  }

  /** Entering a wait starts the status checks; leaving every wait stops them. */
  function afterTransition(previous: CheckoutState, next: CheckoutState, event: CheckoutEvent) {
    follower.update(previous, next, event);
    const wait = isWait(next);
    if (!wait) {
      clearPoll();
      const lost = notLandedAttempt(next);
      if (lost) scheduleLateLandingCheck(lost.referenceId, 0);
      return;
    }
    if (isWait(previous)?.attempt.referenceId === wait.attempt.referenceId) return;
    if (previous.kind !== "executing") schedulePoll(0);
    else planNextPoll(event.type === "EXECUTE_AMBIGUOUS" ? event.error.retryAfterMs : undefined);
  }

  // ————— storage —————

  function own<T>(write: () => T): T {
    writing += 1;
    try {
      return write();
    } finally {
      writing -= 1;
    }
  }

  /** Runs a ledger access; a storage failure is reported (not thrown) and gives `fallback`. */
  function safely<T>(access: () => T, fallback: T): T {
    try {
      return own(access);
    } catch (error) {
      emit({ type: "storage_error", message: engineErrorInfo(error).message });
      return fallback;
    }
  }

  function readLedger(): LedgerSnapshot | null {
    return safely(() => ledger.read(source), null);
  }

  function findStored(referenceId: string): Attempt | null {
    // `latest` is the open attempt when there is one.
    const latest = readLedger()?.latest;
    return latest?.referenceId === referenceId ? latest : null;
  }

  function closeNotLanded(referenceId: string) {
    safely(() => ledger.close(source, referenceId, "not_landed"), null);
  }

  /**
   * Reads Dollr's answer and records it for `attempt` (when stored), closing it on a terminal
   * status. Storage failures are reported, not thrown.
   */
  function recordAnswer(attempt: Attempt | null, answer: EngineExecution): ExecutionView {
    const view = executionView(answer);
    if (attempt) {
      safely(() => {
        ledger.recordAnswer(source, attempt.referenceId, view.raw);
        if (view.terminal) {
          const outcome = view.state === "succeeded" ? "succeeded" : "failed";
          ledger.close(source, attempt.referenceId, outcome);
        }
      }, null);
    }
    return view;
  }

  /** Dollr knows the reference id: its answer is recorded, then shown while `shown()`. */
  function statusReceived(attempt: Attempt | null, answer: EngineExecution, shown: () => boolean) {
    const view = recordAnswer(attempt, answer);
    if (shown()) dispatch({ type: "STATUS_RECEIVED", execution: view, at: clock.now() });
  }

  /** Follows an attempt found in storage (reported as `attempt_adopted` unless `quietly`). */
  function adopt(attempt: Attempt | null | undefined, quietly = false): boolean {
    if (!attempt) return false;
    if (!offer({ type: "ATTEMPT_ADOPTED", found: { attempt, execution: null }, at: clock.now() })) {
      return false;
    }
    if (!quietly) emit({ type: "attempt_adopted", referenceId: attempt.referenceId });
    return true;
  }

  /** Another tab wrote: follow an attempt it opened, or the close of the one followed here. */
  function onStorageWrite(key: string) {
    if (writing > 0 || disposed || key !== ledger.keyOf(source)) return;
    const snapshot = readLedger();
    if (!snapshot) return;
    const followed = attemptOf(state);
    if (followed && !isFinalState(state)) {
      const stored = findStored(followed.referenceId);
      if (stored && stored.outcome !== "open") {
        offer({ type: "ATTEMPT_CLOSED", attempt: stored, execution: null });
      }
      return;
    }
    // Not following anything open: follow the open attempt, even one this state had given up
    // on (another tab replayed it).
    if (state.kind !== "succeeded") adopt(attemptToFollow(snapshot));
  }

  // ————— polling —————

  function clearPoll() {
    if (pollTimer !== null) clock.clearTimeout(pollTimer);
    pollTimer = null;
  }

  function schedulePoll(delayMs: number) {
    clearPoll();
    if (!running || disposed) return;
    pollTimer = clock.setTimeout(() => {
      pollTimer = null;
      void track(pollOnce());
    }, delayMs);
  }

  function planNextPoll(retryAfterMs?: number) {
    const wait = isWait(state);
    if (!wait || !running) return;
    const delay = nextPollDelay(
      {
        elapsedMs: clock.now() - wait.pollingSince,
        retryAfterMs,
        consecutiveErrors: wait.consecutiveErrors,
      },
      policy,
    );
    if (delay === "expired") dispatch({ type: "POLLING_EXPIRED" });
    else schedulePoll(delay);
  }

  async function pollOnce(): Promise<void> {
    const wait = isWait(state);
    if (!wait || !running) return;
    if (activePoll) {
      pollAgain = true;
      return;
    }
    const { referenceId } = wait.attempt;
    const stored = findStored(referenceId);
    if (stored && stored.outcome !== "open") {
      // Closed by another tab (or an earlier engine): follow it instead of asking again.
      offer({ type: "ATTEMPT_CLOSED", attempt: stored, execution: null });
      return;
    }
    const abort = new AbortController();
    activePoll = abort;
    pollAgain = false;
    const startedIn = pollGeneration;
    let retryAfterMs: number | undefined;
    let notFound = false;
    try {
      const answer = await statusOf(referenceId, abort.signal);
      if (startedIn !== pollGeneration) return;
      const view = recordAnswer(wait.attempt, answer);
      emit({ type: "status_checked", referenceId, outcome: "answered", status: view.raw });
      if (waitingOn(referenceId)) {
        dispatch({ type: "STATUS_RECEIVED", execution: view, at: clock.now() });
      }
    } catch (error) {
      if (startedIn !== pollGeneration) return;
      const info = engineErrorInfo(error);
      if (!waitingOn(referenceId)) {
        // The state moved on while we asked: this answer is about nothing shown any more.
      } else if (isStatusNotFound(error) && waitingOn(referenceId, "verifying")) {
        notFound = true;
        emit({ type: "status_checked", referenceId, outcome: "not_found" });
        dispatch({ type: "STATUS_NOT_FOUND", at: clock.now() });
      } else {
        retryAfterMs = retryAfterOf(error);
        emit({ type: "status_checked", referenceId, outcome: "error", errorCode: info.code });
        dispatch({ type: "STATUS_FAILED", error: info, at: clock.now() });
      }
    } finally {
      if (activePoll === abort) activePoll = null;
    }
    if (startedIn !== pollGeneration) return;
    if (notFound) await proveNotLanded(referenceId, startedIn);
    if (startedIn !== pollGeneration) return;
    if (pollAgain) {
      pollAgain = false;
      schedulePoll(0);
    } else {
      planNextPoll(retryAfterMs);
    }
  }

  /**
   * Concludes that an execute never landed, if that is proved: 404s through the grace window,
   * no execute in flight anywhere (the source's lock), nothing sent since, and a last 404 under
   * the lock. Then closes the attempt as `not_landed`.
   */
  async function proveNotLanded(referenceId: string, startedIn: number): Promise<void> {
    const current = state;
    if (current.kind !== "verifying" || current.attempt.referenceId !== referenceId) return;
    if (current.notFoundCount < policy.minNotFoundAnswers) return;
    // Open, never answered, and no execute of it in flight in this context.
    const unanswered = (attempt: Attempt | null): attempt is Attempt =>
      attempt?.outcome === "open" && !attempt.answerSeen && !executesInFlight.has(referenceId);
    const stored = findStored(referenceId);
    if (!unanswered(stored)) return;
    const graceFrom =
      stored.lastSettledAt ?? stored.lastSentAt + policy.unsettledExecuteAllowanceMs;
    if (clock.now() < graceFrom + policy.notLandedGraceMs) return;

    const proved = await locks.tryWithLock(lockName, async () => {
      // Nothing sent since (a replay would have moved `lastSentAt`).
      const fresh = findStored(referenceId);
      if (!unanswered(fresh) || fresh.lastSentAt !== stored.lastSentAt) return false;
      try {
        // It landed after all: the answer wins.
        statusReceived(
          fresh,
          await statusOf(referenceId),
          () => startedIn === pollGeneration && waitingOn(referenceId),
        );
        return false;
      } catch (error) {
        if (!isStatusNotFound(error)) return false;
      }
      closeNotLanded(referenceId);
      return findStored(referenceId)?.outcome === "not_landed";
    });
    if (proved.acquired && proved.value) {
      emit({ type: "not_landed", referenceId });
      if (waitingOn(referenceId, "verifying")) dispatch({ type: "NOT_LANDED_PROVED" });
    }
  }

  /**
   * Defence in depth after "did not land": a few more looks at the old reference id, so an
   * execute that reached Dollr later than any proxy should allow is still shown, not hidden.
   */
  function scheduleLateLandingCheck(referenceId: string, step: number) {
    const delay = LATE_LANDING_CHECKS_MS[step];
    if (delay === undefined || !running || disposed) return;
    const stillShown = () => notLandedAttempt(state)?.referenceId === referenceId;
    clearPoll();
    pollTimer = clock.setTimeout(
      () => {
        pollTimer = null;
        if (!stillShown()) return;
        const startedIn = pollGeneration;
        const current = () => startedIn === pollGeneration && stillShown();
        void track(
          statusOf(referenceId).then(
            (answer) => {
              if (current()) statusReceived(findStored(referenceId), answer, stillShown);
            },
            () => {
              if (current()) scheduleLateLandingCheck(referenceId, step + 1);
            },
          ),
        );
      },
      delay - (LATE_LANDING_CHECKS_MS[step - 1] ?? 0),
    );
  }

  // ————— executing —————

  /** Sends the execute for an attempt already written. Never aborted, never repeated here. */
  async function sendExecute(attempt: Attempt, replay: boolean): Promise<void> {
    const { referenceId } = attempt;
    if (executesInFlight.has(referenceId)) return;
    executesInFlight.add(referenceId);
    const settle = () => safely(() => ledger.markSettled(source, referenceId), null);
    try {
      emit({ type: "execute_sent", referenceId, replay, executeCalls: attempt.executeCalls });
      dispatch({ type: "EXECUTE_SENT", attempt, replay });
      try {
        const answer = await transport.executeCollection(executePayloadOf(attempt));
        settle();
        const view = recordAnswer(attempt, answer);
        emit({ type: "execute_settled", referenceId, outcome: "answered", status: view.raw });
        dispatch({ type: "EXECUTE_ANSWERED", execution: view, at: clock.now() });
      } catch (error) {
        settle();
        const { outcome, event } = executeFailure(error, referenceId, clock.now());
        // A definite refusal: nothing was sent, so the attempt closes at once (no verifying).
        if (outcome !== "ambiguous") closeNotLanded(referenceId);
        const errorCode = engineErrorInfo(error).code;
        emit({ type: "execute_settled", referenceId, outcome, errorCode });
        dispatch(event);
      }
    } finally {
      executesInFlight.delete(referenceId);
    }
  }

  /**
   * Inside the source's lock: a new session, a new attempt written, then its execute. Follows an
   * attempt another tab opened (or a success it had) instead of starting one.
   */
  async function createAndExecuteLocked(account: SelectedAccount, startedIn: number) {
    const existing = attemptToFollow(readLedger());
    if (existing) return adopt(existing);
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
      const own = readLedger()?.open;
      if (refused?.type === "SOURCE_BUSY" && own?.referenceId === refused.holder.referenceId) {
        adopt(own, true);
        return;
      }
      dispatch(
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
    if (!stillPaying(startedIn) || disposed) return;
    let attempt: Attempt;
    try {
      attempt = own(() =>
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
        return adopt(readLedger()?.open, true);
      }
      dispatch({ type: "STORAGE_FAILED", error: engineErrorInfo(error) });
      return;
    }
    await sendExecute(attempt, false);
  }

  /** Takes the source's lock to create and execute; if another tab has it, follows that tab. */
  async function createAndExecute(
    account: SelectedAccount,
    startedIn = payGeneration,
    tries = 0,
  ): Promise<void> {
    const result = await locks.tryWithLock(lockName, () =>
      createAndExecuteLocked(account, startedIn),
    );
    if (result.acquired) return;
    if (tries === 0) emit({ type: "source_busy" });
    followBusySource(startedIn, tries);
  }

  /** Another tab holds the lock: watch for its attempt; pay ourselves once it lets go without one. */
  function followBusySource(startedIn: number, tries: number) {
    const paying = !disposed && stillPaying(startedIn);
    if (!paying) return;
    const open = readLedger()?.open;
    if (open) return adopt(open);
    if (tries >= BUSY_SOURCE_TRIES) {
      dispatch({
        type: "SESSION_FAILED",
        error: { code: "CONFLICT", message: "Another tab is paying for this source" },
        retryable: true,
        at: clock.now(),
      });
      return;
    }
    clock.setTimeout(() => {
      if (!disposed && stillPaying(startedIn)) {
        void track(createAndExecute(paying.account, startedIn, tries + 1));
      }
    }, BUSY_SOURCE_RECHECK_MS);
  }

  /** Retry after `failed`: replay the same id in the same live session, else a new session. */
  async function retryLocked(startedIn: number): Promise<void> {
    const current = state;
    if (current.kind !== "failed") return;
    const previous = notLandedAttempt(current);
    if (previous) {
      const stored = findStored(previous.referenceId);
      if (stored?.outcome === "open") {
        adopt(stored, true);
        return;
      }
      // One last look: an execute that landed late must be followed, not paid again.
      try {
        const answer = await statusOf(previous.referenceId);
        statusReceived(stored ?? previous, answer, () => state === current);
        return;
      } catch (error) {
        if (!isStatusNotFound(error)) {
          if (state === current) {
            dispatch({ type: "STATUS_FAILED", error: engineErrorInfo(error), at: clock.now() });
          }
          return;
        }
      }
      if (startedIn !== payGeneration || state !== current) return;
      const replayable =
        stored?.outcome === "not_landed" &&
        sessionMsLeft(stored, clock.now()) > policy.sessionReplayMarginMs;
      if (replayable) {
        const attempt = safely(() => ledger.replay(source, previous.referenceId), null);
        if (attempt) await sendExecute(attempt, true);
        return;
      }
    }
    if (!dispatch({ type: "RETRY_REQUESTED" })) return;
    if (state.kind === "creating_session") await createAndExecuteLocked(state.account, startedIn);
  }

  // ————— commands —————

  const engine: CheckoutEngine = {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      if (disposed || running) return;
      running = true;
      if (!unwatch && watchStorage) unwatch = watchStorage(onStorageWrite);
      follower.resume();
      if (state.kind === "loading") {
        // `latest` is the open attempt when there is one, else the last closed one.
        const stored = readLedger()?.latest;
        dispatch({
          type: "LOADED",
          found: stored ? { attempt: stored, execution: null } : null,
          at: clock.now(),
        });
        return;
      }
      const lost = notLandedAttempt(state);
      if (isWait(state)) schedulePoll(0);
      else if (lost) scheduleLateLandingCheck(lost.referenceId, 0);
    },
    stop() {
      running = false;
      follower.pause();
      pollGeneration += 1;
      pollAgain = false;
      clearPoll();
      activePoll?.abort();
      activePoll = null;
      unwatch?.();
      unwatch = null;
    },
    selectAccount(account) {
      command("selectAccount", { type: "ACCOUNT_SELECTED", account: { ...account } });
    },
    pay() {
      return command("pay", { type: "PAY_REQUESTED" }) && state.kind === "creating_session"
        ? track(createAndExecute(state.account))
        : Promise.resolve();
    },
    beginAuthentication() {
      command("beginAuthentication", { type: "AUTHENTICATION_STARTED" });
    },
    authenticationFinished(outcome) {
      command("authenticationFinished", {
        type: "AUTHENTICATION_FINISHED",
        outcome,
        at: clock.now(),
      });
    },
    checkAgain() {
      const current = state;
      if (command("checkAgain", { type: "CHECK_AGAIN_REQUESTED", at: clock.now() })) {
        if (state.kind === "creating_session") return track(createAndExecute(state.account));
        if (current.kind === "recoverable" && isWait(state)) {
          schedulePoll(Math.max(0, (current.retryAt ?? 0) - clock.now()));
        }
      }
      return Promise.resolve();
    },
    retry() {
      if (disposed || transition(state, { type: "RETRY_REQUESTED" }) === state) {
        ignored("retry");
        return Promise.resolve();
      }
      const startedIn = payGeneration;
      return track(
        locks
          .tryWithLock(lockName, () => retryLocked(startedIn))
          .then((result) => {
            if (!result.acquired) emit({ type: "source_busy" });
          }),
      );
    },
    cancel() {
      if (!command("cancel", { type: "CANCEL_REQUESTED" })) return;
      payGeneration += 1;
      sessionAbort?.abort();
    },
    dispose() {
      engine.stop();
      disposed = true;
      listeners.clear();
    },
    async whenIdle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
  return engine;
}
