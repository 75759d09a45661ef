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
import { type EngineContext, notLandedAttempt, waitOf } from "./context.ts";
import type { EngineCommand, EngineEvent } from "./events.ts";
import { createExecutor } from "./executor.ts";
import { leavableAttempt, leaveAttempt } from "./leaving.ts";
import { type AttemptLedger, createAttemptLedger } from "./ledger.ts";
import { createLedgerAccess } from "./ledger-access.ts";
import { collectSettledRecords } from "./ledger-collect.ts";
import { defaultLocks, type EngineLocks } from "./locks.ts";
import {
  type CheckoutEvent,
  type CheckoutState,
  createReducer,
  INITIAL_STATE,
  type InvalidTransitionHandler,
  transition,
} from "./machine.ts";
import { DEFAULT_POLLING_POLICY, type PollingPolicy } from "./polling.ts";
import { clockStatusWatcher, type StatusWatcher } from "./status-watch.ts";
import { browserStorage, createMemoryStorage, type StorageLike } from "./storage.ts";
import { createTabSync } from "./tab-sync.ts";
import type { EngineTransport } from "./transport.ts";
import type { AuthenticationOutcome, CheckoutSource, SelectedAccount } from "./types.ts";
import { createVerifier } from "./verifier.ts";
import { createWaiter } from "./waiter.ts";

export { attemptOf, waitOf } from "./context.ts";
export type { EngineCommand, EngineEvent } from "./events.ts";
export { BUSY_SOURCE_RECHECK_MS, BUSY_SOURCE_TRIES } from "./executor.ts";
export { LATE_LANDING_CHECKS_MS } from "./verifier.ts";

/** Subscribes to writes to a storage (by anyone sharing it); returns the unsubscribe. */
export type WatchStorage = (listener: (key: string) => void) => () => void;

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
  /**
   * Who asks Dollr's status during a wait. Default: the engine's own timers. `@dollr-kit/react`
   * passes one over the host's react-query `QueryClient` (one query per reference id).
   */
  statusWatcher?: StatusWatcher;
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
  /**
   * Leaves an attempt that is not final (3D Secure that cannot run, a wait with no end) for
   * another method, once Dollr's status or the session's expiry proves it cannot take money;
   * else the state gets `leaveRefusedUntil`. See `leaving.ts`.
   */
  useAnotherMethod(): Promise<void>;
  /**
   * True the first time it is asked for an attempt, false ever after (in this tab, another tab
   * or after a reload: the ledger remembers). The binding tells the host of an outcome
   * (`onSuccess`, `onFailure`) only when this says so.
   */
  claimOutcomeNotice(referenceId: string): boolean;
  /** Replaces the polling policy (from the next planned read on). */
  setPolicy(policy: PollingPolicy): void;
  /** The polling policy in use. */
  getPolicy(): PollingPolicy;
  /** Stops for good: timers cleared, listeners dropped, commands ignored, nothing sent after. */
  dispose(): void;
  /** Resolves when no command or status check of this engine is in flight (for tests). */
  whenIdle(): Promise<void>;
}

/** Creates a checkout engine for one source. Call `start()` to load and resume. */
export function createCheckoutEngine(options: CheckoutEngineOptions): CheckoutEngine {
  return runEngine(
    options,
    (clock, track) => options.statusWatcher ?? clockStatusWatcher(clock, track),
  );
}

/**
 * The engine waiting only through the watcher it is given (`@dollr-kit/react` gives react-query's),
 * so a bundle that never polls on the engine's own timers does not carry them.
 */
export function createWatchedEngine(
  options: CheckoutEngineOptions & { statusWatcher: StatusWatcher },
): CheckoutEngine {
  return runEngine(options, () => options.statusWatcher);
}

function runEngine(
  options: CheckoutEngineOptions,
  watcherFor: (clock: EngineClock, track: (work: Promise<unknown>) => unknown) => StatusWatcher,
): CheckoutEngine {
  const { transport, source, onEvent } = options;
  const clock = options.clock ?? systemClock;
  const storage = options.storage ?? browserStorage() ?? createMemoryStorage();
  const locks = options.locks ?? defaultLocks(storage, clock);
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
  const records = createLedgerAccess(ledger, source, emit);
  const watchStorage = (storage as { watch?: WatchStorage }).watch?.bind(storage);

  let state: CheckoutState = INITIAL_STATE;
  const listeners = new Set<() => void>();
  let running = false;
  let disposed = false;
  let unwatch: (() => void) | null = null;
  const inFlight = new Set<Promise<unknown>>();

  function track<T>(work: Promise<T>): Promise<T> {
    inFlight.add(work);
    const done = () => inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  function dispatch(event: CheckoutEvent): boolean {
    const previous = state;
    const next = reducer(previous, event);
    if (next === previous) return false;
    state = next;
    emit({ type: "transition", from: previous.kind, to: next.kind, event: event.type });
    for (const listener of [...listeners]) listener();
    follower.update(previous, next, event);
    waiter.update(previous, next, event);
    const lost = notLandedAttempt(next);
    if (lost && notLandedAttempt(previous)?.referenceId !== lost.referenceId) {
      verifier.watchLateLanding(lost.referenceId);
    } else if (!lost) verifier.stop();
    return true;
  }

  const ctx: EngineContext = {
    source,
    transport,
    clock,
    policy: options.policy ?? DEFAULT_POLLING_POLICY,
    locks,
    lockName: `dollr-kit:v1:source:${source.type}:${source.id}`,
    records,
    watcher: watcherFor(clock, track),
    emit,
    // Status reads name the source: the proxy answers for attempts it has no record of that way.
    statusOf: (referenceId) =>
      transport.getCollectionStatus(referenceId, {
        source: { source_type: source.type, source_id: source.id },
      }),
    getState: () => state,
    dispatch,
    offer: (event) => transition(state, event) !== state && dispatch(event),
    track,
    running: () => running,
    disposed: () => disposed,
  };
  const verifier = createVerifier(ctx);
  const waiter = createWaiter(ctx, verifier);
  const tabs = createTabSync(ctx, ledger.keyOf(source));
  const executor = createExecutor(ctx, ledger, tabs, verifier);
  // `busy`: following the attempt another device holds the source with.
  const follower = createBusyFollower({
    statusOf: ctx.statusOf,
    watcher: ctx.watcher,
    clock,
    get policy() {
      return ctx.policy;
    },
    getState: () => state,
    dispatch,
    emit,
    followOwn(referenceId, answer) {
      // One of ours after all (e.g. closed as not landed here, still held by the proxy).
      const stored = records.find(referenceId);
      if (!stored) return false;
      records.recordAnswer(stored, answer);
      return tabs.adopt(records.find(referenceId), true);
    },
  });

  function ignored(name: EngineCommand): false {
    emit({ type: "command_ignored", command: name, state: state.kind });
    return false;
  }

  /** A user command: ignored quietly (and reported as an event) when it does not apply. */
  function command(name: EngineCommand, event: CheckoutEvent): boolean {
    return disposed || transition(state, event) === state ? ignored(name) : dispatch(event);
  }

  const engine: CheckoutEngine = {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      if (disposed || running) return;
      running = true;
      if (!unwatch && watchStorage) unwatch = watchStorage(tabs.onStorageWrite);
      follower.resume();
      if (state.kind === "loading") {
        records.safely(() => collectSettledRecords(storage, clock.now()), 0);
        // `latest` is the open attempt when there is one, else the last closed one.
        const stored = records.read()?.latest;
        dispatch({
          type: "LOADED",
          found: stored ? { attempt: stored, execution: null } : null,
          at: clock.now(),
        });
        return;
      }
      const lost = notLandedAttempt(state);
      if (waitOf(state)) waiter.resume();
      else if (lost) verifier.watchLateLanding(lost.referenceId);
    },
    stop() {
      running = false;
      follower.pause();
      waiter.pause();
      verifier.stop();
      verifier.stopLeft();
      unwatch?.();
      unwatch = null;
    },
    selectAccount(account) {
      command("selectAccount", { type: "ACCOUNT_SELECTED", account: { ...account } });
    },
    pay() {
      return command("pay", { type: "PAY_REQUESTED" }) && state.kind === "creating_session"
        ? track(executor.createAndExecute(state.account))
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
        if (state.kind === "creating_session")
          return track(executor.createAndExecute(state.account));
        if (current.kind === "recoverable" && waitOf(state)) {
          waiter.refetch(Math.max(0, (current.retryAt ?? 0) - clock.now()));
        }
      }
      return Promise.resolve();
    },
    retry() {
      if (disposed || transition(state, { type: "RETRY_REQUESTED" }) === state) {
        ignored("retry");
        return Promise.resolve();
      }
      return track(executor.retry());
    },
    cancel() {
      if (!command("cancel", { type: "CANCEL_REQUESTED" })) return;
      executor.cancel();
    },
    useAnotherMethod() {
      if (disposed || !leavableAttempt(ctx)) {
        ignored("useAnotherMethod");
        return Promise.resolve();
      }
      // A left attempt is still looked at later: mobile money can complete after its session.
      return track(
        leaveAttempt(ctx, (referenceId) =>
          verifier.watchLeft(referenceId, (attempt) => tabs.adopt(attempt)),
        ),
      );
    },
    setPolicy(policy) {
      ctx.policy = policy;
    },
    getPolicy: () => ctx.policy,
    claimOutcomeNotice(referenceId) {
      return !disposed && records.safely(() => ledger.markTold(source, referenceId), false);
    },
    dispose() {
      engine.stop();
      disposed = true;
      executor.cancel();
      listeners.clear();
    },
    async whenIdle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
  return engine;
}
