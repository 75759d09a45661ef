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
import type { EngineClock } from "./clock.ts";
import { systemClock } from "./clock.ts";
import {
  type Attempt,
  type AttemptLedger,
  createAttemptLedger,
  executePayloadOf,
  LedgerError,
  type LedgerProblem,
  type LedgerSnapshot,
} from "./ledger.ts";
import { defaultLocks, type EngineLocks } from "./locks.ts";
import {
  type CheckoutEvent,
  type CheckoutEventType,
  type CheckoutState,
  type CheckoutStateKind,
  createReducer,
  type FoundAttempt,
  INITIAL_STATE,
  type InvalidTransitionHandler,
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
import { browserStorage, createMemoryStorage, type StorageLike } from "./storage.ts";
import {
  classifyExecuteFailure,
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

/** What the engine reports as it works. No personal data: ids and codes only. */
export type EngineEvent =
  | { type: "transition"; from: CheckoutStateKind; to: CheckoutStateKind; event: CheckoutEventType }
  | { type: "command_ignored"; command: EngineCommand; state: CheckoutStateKind }
  | { type: "execute_sent"; referenceId: string; replay: boolean; executeCalls: number }
  | {
      type: "execute_settled";
      referenceId: string;
      outcome: "answered" | "ambiguous" | "refused" | "session_expired";
      status?: string;
      errorCode?: string;
    }
  | {
      type: "status_checked";
      referenceId: string;
      outcome: "answered" | "not_found" | "error";
      status?: string;
      errorCode?: string;
    }
  | { type: "not_landed"; referenceId: string }
  | { type: "attempt_adopted"; referenceId: string }
  | { type: "source_busy" }
  | { type: "ledger_problem"; problem: LedgerProblem }
  | { type: "storage_error"; message: string };

/** The engine's commands, as named in `command_ignored` events. */
export type EngineCommand =
  | "selectAccount"
  | "pay"
  | "beginAuthentication"
  | "authenticationFinished"
  | "checkAgain"
  | "retry"
  | "cancel";

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

function isWait(state: CheckoutState): ProcessingState | VerifyingState | null {
  if (state.kind === "processing" || state.kind === "verifying") return state;
  if (state.kind === "recoverable" && state.resume.kind !== "creating_session") return state.resume;
  return null;
}

/** Whether the state follows an open attempt (its close, by anyone, ends it). */
function isFollowing(state: CheckoutState): boolean {
  switch (state.kind) {
    case "executing":
    case "requires_action":
    case "authenticating":
    case "processing":
    case "verifying":
    case "expired":
      return true;
    case "recoverable":
      return state.resume.kind !== "creating_session";
    default:
      return false;
  }
}

/**
 * The attempt a state is about, if any: as it was when sent (the ledger holds the live record,
 * e.g. its `outcome`).
 */
export function attemptOf(state: CheckoutState): Attempt | null {
  switch (state.kind) {
    case "executing":
    case "requires_action":
    case "authenticating":
    case "processing":
    case "verifying":
    case "succeeded":
    case "expired":
      return state.attempt;
    case "failed":
      return state.attempt;
    case "recoverable":
      return state.resume.kind === "creating_session" ? null : state.resume.attempt;
    case "loading":
    case "selecting":
    case "creating_session":
      return null;
    default:
      return state satisfies never;
  }
}

function sessionMsLeft(attempt: Attempt, now: number): number {
  if (attempt.sessionExpiresAt === null) return 0;
  const at = Date.parse(attempt.sessionExpiresAt);
  return Number.isNaN(at) ? 0 : at - now;
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
  const watchStorage = (storage as { watch?: WatchStorage }).watch?.bind(storage);

  let state: CheckoutState = INITIAL_STATE;
  const listeners = new Set<() => void>();
  let running = false;
  let disposed = false;
  let unwatch: (() => void) | null = null;
  let writing = 0;
  let pollTimer: unknown = null;
  // The status check in flight (null when none); a check asked for meanwhile runs right after.
  let activePoll: object | null = null;
  let pollAgain = false;
  let pollAbort: AbortController | null = null;
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

  /** A user command: ignored quietly (and reported as an event) when it does not apply. */
  function command(name: EngineCommand, event: CheckoutEvent): boolean {
    if (disposed || transition(state, event) === state) {
      emit({ type: "command_ignored", command: name, state: state.kind });
      return false;
    }
    return dispatch(event);
  }

  /** Entering a wait starts the status checks; leaving every wait stops them. */
  function afterTransition(previous: CheckoutState, next: CheckoutState, event: CheckoutEvent) {
    const wait = isWait(next);
    if (!wait) {
      clearPoll();
      if (next.kind === "failed" && next.reason === "not_landed" && next.attempt) {
        scheduleLateLandingCheck(next.attempt.referenceId, 0);
      }
      return;
    }
    const before = isWait(previous);
    if (before && before.attempt.referenceId === wait.attempt.referenceId) return;
    if (previous.kind === "executing") planNextPoll(retryAfterOfEvent(event));
    else schedulePoll(0);
  }

  function retryAfterOfEvent(event: CheckoutEvent): number | undefined {
    return event.type === "EXECUTE_AMBIGUOUS" ? event.error.retryAfterMs : undefined;
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
    const snapshot = readLedger();
    if (!snapshot) return null;
    if (snapshot.open?.referenceId === referenceId) return snapshot.open;
    return snapshot.latest?.referenceId === referenceId ? snapshot.latest : null;
  }

  /** Records Dollr's answer; closes the attempt on a terminal status. Storage failures are reported, not thrown. */
  function recordAnswer(attempt: Attempt, view: ExecutionView): Attempt {
    return safely(() => {
      const answered = ledger.recordAnswer(source, attempt.referenceId, view.raw) ?? attempt;
      if (!view.terminal) return answered;
      const outcome = view.state === "succeeded" ? "succeeded" : "failed";
      return ledger.close(source, attempt.referenceId, outcome) ?? answered;
    }, attempt);
  }

  function found(attempt: Attempt): FoundAttempt {
    return { attempt, execution: null };
  }

  /** Another tab wrote: follow an attempt it opened, or the close of the one followed here. */
  function onStorageWrite(key: string) {
    if (writing > 0 || disposed || key !== ledger.keyOf(source)) return;
    const snapshot = readLedger();
    if (!snapshot) return;
    const followed = attemptOf(state);
    if (followed && isFollowing(state)) {
      const stored = findStored(followed.referenceId);
      if (stored && stored.outcome !== "open") {
        offer({ type: "ATTEMPT_CLOSED", attempt: stored, execution: null });
      }
      return;
    }
    if (state.kind === "succeeded") return;
    const candidate =
      snapshot.open ?? (snapshot.latest?.outcome === "succeeded" ? snapshot.latest : null);
    // Not following anything open: follow the open attempt, even one this state had given up
    // on (another tab replayed it).
    if (candidate) {
      if (offer({ type: "ATTEMPT_ADOPTED", found: found(candidate), at: clock.now() })) {
        emit({ type: "attempt_adopted", referenceId: candidate.referenceId });
      }
    }
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
    const { attempt } = wait;
    const stored = findStored(attempt.referenceId);
    if (stored && stored.outcome !== "open") {
      // Closed by another tab (or an earlier engine): follow it instead of asking again.
      offer({ type: "ATTEMPT_CLOSED", attempt: stored, execution: null });
      return;
    }
    const token = {};
    activePoll = token;
    pollAgain = false;
    const startedIn = pollGeneration;
    const abort = new AbortController();
    pollAbort = abort;
    let retryAfterMs: number | undefined;
    let notFound = false;
    try {
      const answer = await transport.getCollectionStatus(attempt.referenceId, {
        signal: abort.signal,
      });
      if (startedIn !== pollGeneration) return;
      const view = executionView(answer);
      recordAnswer(attempt, view);
      emit({
        type: "status_checked",
        referenceId: attempt.referenceId,
        outcome: "answered",
        status: view.raw,
      });
      if (waitingOn(attempt.referenceId)) {
        dispatch({ type: "STATUS_RECEIVED", execution: view, at: clock.now() });
      }
    } catch (error) {
      if (startedIn !== pollGeneration) return;
      const info = engineErrorInfo(error);
      if (!waitingOn(attempt.referenceId)) {
        // The state moved on while we asked: this answer is about nothing shown any more.
      } else if (isStatusNotFound(error) && waitingOn(attempt.referenceId, "verifying")) {
        notFound = true;
        emit({ type: "status_checked", referenceId: attempt.referenceId, outcome: "not_found" });
        dispatch({ type: "STATUS_NOT_FOUND", at: clock.now() });
      } else {
        retryAfterMs = retryAfterOf(error);
        emit({
          type: "status_checked",
          referenceId: attempt.referenceId,
          outcome: "error",
          errorCode: info.code,
        });
        dispatch({ type: "STATUS_FAILED", error: info, at: clock.now() });
      }
    } finally {
      if (activePoll === token) activePoll = null;
      if (pollAbort === abort) pollAbort = null;
    }
    if (startedIn !== pollGeneration) return;
    if (notFound) await proveNotLanded(attempt.referenceId, startedIn);
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
    const stored = findStored(referenceId);
    if (stored?.outcome !== "open" || stored.answerSeen) return;
    const graceFrom =
      stored.lastSettledAt ?? stored.lastSentAt + policy.unsettledExecuteAllowanceMs;
    if (clock.now() < graceFrom + policy.notLandedGraceMs) return;
    if (executesInFlight.has(referenceId)) return;

    const proved = await locks.tryWithLock(lockName, async () => {
      const fresh = findStored(referenceId);
      if (fresh?.outcome !== "open" || fresh.answerSeen) return false;
      if (fresh.lastSentAt !== stored.lastSentAt || executesInFlight.has(referenceId)) return false;
      try {
        const answer = await transport.getCollectionStatus(referenceId);
        // It landed after all: the answer wins.
        const view = executionView(answer);
        recordAnswer(fresh, view);
        if (startedIn === pollGeneration && waitingOn(referenceId)) {
          dispatch({ type: "STATUS_RECEIVED", execution: view, at: clock.now() });
        }
        return false;
      } catch (error) {
        if (!isStatusNotFound(error)) return false;
      }
      safely(() => ledger.close(source, referenceId, "not_landed"), null);
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
    const after = step === 0 ? 0 : (LATE_LANDING_CHECKS_MS[step - 1] ?? 0);
    const stillShown = () =>
      state.kind === "failed" &&
      state.reason === "not_landed" &&
      state.attempt?.referenceId === referenceId;
    clearPoll();
    pollTimer = clock.setTimeout(() => {
      pollTimer = null;
      if (!stillShown()) return;
      const startedIn = pollGeneration;
      void track(
        transport.getCollectionStatus(referenceId).then(
          (answer) => {
            if (startedIn !== pollGeneration || !stillShown()) return;
            const view = executionView(answer);
            const stored = findStored(referenceId);
            if (stored) recordAnswer(stored, view);
            dispatch({ type: "STATUS_RECEIVED", execution: view, at: clock.now() });
          },
          () => {
            if (startedIn === pollGeneration && stillShown()) {
              scheduleLateLandingCheck(referenceId, step + 1);
            }
          },
        ),
      );
    }, delay - after);
  }

  // ————— executing —————

  /** Sends the execute for an attempt already written. Never aborted, never repeated here. */
  async function sendExecute(attempt: Attempt, replay: boolean): Promise<void> {
    const { referenceId } = attempt;
    if (executesInFlight.has(referenceId)) return;
    executesInFlight.add(referenceId);
    try {
      emit({ type: "execute_sent", referenceId, replay, executeCalls: attempt.executeCalls });
      dispatch({ type: "EXECUTE_SENT", attempt, replay });
      try {
        const answer = await transport.executeCollection(executePayloadOf(attempt));
        safely(() => ledger.markSettled(source, referenceId), null);
        const view = executionView(answer);
        recordAnswer(attempt, view);
        emit({ type: "execute_settled", referenceId, outcome: "answered", status: view.raw });
        dispatch({ type: "EXECUTE_ANSWERED", execution: view, at: clock.now() });
      } catch (error) {
        safely(() => ledger.markSettled(source, referenceId), null);
        const kind = classifyExecuteFailure(error);
        const info = engineErrorInfo(error);
        if (kind === "ambiguous") {
          emit({
            type: "execute_settled",
            referenceId,
            outcome: "ambiguous",
            errorCode: info.code,
          });
          dispatch({ type: "EXECUTE_AMBIGUOUS", error: info, at: clock.now() });
        } else {
          // A definite refusal: it did not land, so the attempt closes.
          safely(() => ledger.close(source, referenceId, "not_landed"), null);
          const sessionExpired = kind === "session_expired";
          emit({
            type: "execute_settled",
            referenceId,
            outcome: sessionExpired ? "session_expired" : "refused",
            errorCode: info.code,
          });
          dispatch({ type: "EXECUTE_REFUSED", error: info, sessionExpired });
        }
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
    const snapshot = readLedger();
    const existing =
      snapshot?.open ?? (snapshot?.latest?.outcome === "succeeded" ? snapshot.latest : null);
    if (existing) {
      if (offer({ type: "ATTEMPT_ADOPTED", found: found(existing), at: clock.now() })) {
        emit({ type: "attempt_adopted", referenceId: existing.referenceId });
      }
      return;
    }
    const abort = new AbortController();
    sessionAbort = abort;
    let session: Awaited<ReturnType<EngineTransport["createCheckoutSession"]>>;
    try {
      session = await transport.createCheckoutSession(
        { source_type: source.type, source_id: source.id },
        { signal: abort.signal },
      );
    } catch (error) {
      if (startedIn !== payGeneration || state.kind !== "creating_session") return;
      dispatch({
        type: "SESSION_FAILED",
        error: engineErrorInfo(error),
        retryable: isRetryableSessionFailure(error),
        at: clock.now(),
      });
      return;
    } finally {
      if (sessionAbort === abort) sessionAbort = null;
    }
    // Cancelled (or stopped for good) while the session was made: nothing may be sent.
    if (startedIn !== payGeneration || state.kind !== "creating_session" || disposed) return;
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
        const open = readLedger()?.open;
        if (open) offer({ type: "ATTEMPT_ADOPTED", found: found(open), at: clock.now() });
        return;
      }
      dispatch({ type: "STORAGE_FAILED", error: engineErrorInfo(error) });
      return;
    }
    await sendExecute(attempt, false);
  }

  /** Takes the source's lock to create and execute; if another tab has it, follows that tab. */
  async function createAndExecute(account: SelectedAccount): Promise<void> {
    const startedIn = payGeneration;
    const result = await locks.tryWithLock(lockName, () =>
      createAndExecuteLocked(account, startedIn),
    );
    if (result.acquired) return;
    emit({ type: "source_busy" });
    followBusySource(startedIn, 0);
  }

  /** Another tab holds the lock: watch for its attempt; pay ourselves once it lets go without one. */
  function followBusySource(startedIn: number, tries: number) {
    if (disposed || state.kind !== "creating_session" || startedIn !== payGeneration) return;
    const open = readLedger()?.open;
    if (open) {
      if (offer({ type: "ATTEMPT_ADOPTED", found: found(open), at: clock.now() })) {
        emit({ type: "attempt_adopted", referenceId: open.referenceId });
      }
      return;
    }
    const account = state.account;
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
      if (disposed || state.kind !== "creating_session" || startedIn !== payGeneration) return;
      void track(
        locks
          .tryWithLock(lockName, () => createAndExecuteLocked(account, startedIn))
          .then((result) => {
            if (!result.acquired) followBusySource(startedIn, tries + 1);
          }),
      );
    }, BUSY_SOURCE_RECHECK_MS);
  }

  /** Retry after `failed`: replay the same id in the same live session, else a new session. */
  async function retryLocked(startedIn: number): Promise<void> {
    const current = state;
    if (current.kind !== "failed") return;
    const previous = current.reason === "not_landed" ? current.attempt : null;
    if (previous) {
      const stored = findStored(previous.referenceId);
      if (stored?.outcome === "open") {
        offer({ type: "ATTEMPT_ADOPTED", found: found(stored), at: clock.now() });
        return;
      }
      // One last look: an execute that landed late must be followed, not paid again.
      try {
        const answer = await transport.getCollectionStatus(previous.referenceId);
        const view = executionView(answer);
        recordAnswer(stored ?? previous, view);
        if (state === current)
          dispatch({ type: "STATUS_RECEIVED", execution: view, at: clock.now() });
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
        if (!attempt) return;
        await sendExecute(attempt, true);
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
      if (state.kind === "loading") {
        const snapshot = readLedger();
        const stored = snapshot?.open ?? snapshot?.latest ?? null;
        dispatch({ type: "LOADED", found: stored ? found(stored) : null, at: clock.now() });
        return;
      }
      if (isWait(state)) schedulePoll(0);
      else if (state.kind === "failed" && state.reason === "not_landed" && state.attempt) {
        scheduleLateLandingCheck(state.attempt.referenceId, 0);
      }
    },
    stop() {
      running = false;
      pollGeneration += 1;
      activePoll = null;
      pollAgain = false;
      clearPoll();
      pollAbort?.abort();
      unwatch?.();
      unwatch = null;
    },
    selectAccount(account) {
      command("selectAccount", { type: "ACCOUNT_SELECTED", account: { ...account } });
    },
    pay() {
      if (!command("pay", { type: "PAY_REQUESTED" })) return Promise.resolve();
      if (state.kind !== "creating_session") return Promise.resolve();
      return track(createAndExecute(state.account));
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
      if (!command("checkAgain", { type: "CHECK_AGAIN_REQUESTED", at: clock.now() })) {
        return Promise.resolve();
      }
      if (state.kind === "creating_session") return track(createAndExecute(state.account));
      if (current.kind === "recoverable" && isWait(state)) {
        schedulePoll(Math.max(0, (current.retryAt ?? 0) - clock.now()));
      }
      return Promise.resolve();
    },
    retry() {
      if (state.kind !== "failed" || disposed) {
        emit({ type: "command_ignored", command: "retry", state: state.kind });
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
