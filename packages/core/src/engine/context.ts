/**
 * What the engine's parts share: the source, the network, the clock, the policy, the locks and
 * the ledger, the current state and how to move it. Built once by `createCheckoutEngine`; each
 * part (the waiter, the verifier, the executor, the tab sync) gets it and does one job.
 */
import type { EngineClock } from "./clock.ts";
import type { EngineEvent } from "./events.ts";
import type { Attempt } from "./ledger.ts";
import type { LedgerAccess } from "./ledger-access.ts";
import type { EngineLocks } from "./locks.ts";
import type {
  AuthenticatingState,
  CheckoutEvent,
  CheckoutState,
  ProcessingState,
  RequiresActionState,
  VerifyingState,
} from "./machine.ts";
import type { PollingPolicy } from "./polling.ts";
import type { StatusWatcher } from "./status-watch.ts";
import type { EngineExecution, EngineTransport } from "./transport.ts";
import type { CheckoutSource } from "./types.ts";

export interface EngineContext {
  source: CheckoutSource;
  transport: EngineTransport;
  clock: EngineClock;
  /** Read at each use: `setPolicy` may change it (the proxy's `/kit/config` settings). */
  policy: PollingPolicy;
  locks: EngineLocks;
  /** The source's cross-tab lock: every execute leaves from inside it. */
  lockName: string;
  records: LedgerAccess;
  watcher: StatusWatcher;
  emit(event: EngineEvent): void;
  /** A status read that names the source (the proxy answers for attempts it has no record of). */
  statusOf(referenceId: string): Promise<EngineExecution>;
  getState(): CheckoutState;
  /** Applies an event; false when it made no sense in the state. */
  dispatch(event: CheckoutEvent): boolean;
  /** An event that may have been overtaken: applied if it still makes sense, dropped if not. */
  offer(event: CheckoutEvent): boolean;
  /** Counts work in flight (`whenIdle`). */
  track<T>(work: Promise<T>): Promise<T>;
  running(): boolean;
  disposed(): boolean;
}

/** Executes in flight in this JavaScript context, by reference id: no engine sends one twice. */
export const executesInFlight = new Set<string>();

/** A state that waits on Dollr's status for its attempt. */
export type WaitState =
  | ProcessingState
  | VerifyingState
  | RequiresActionState
  | AuthenticatingState;

/** The wait the state shows, or keeps polling behind a recoverable error. */
export function waitOf(state: CheckoutState): WaitState | null {
  if (state.kind === "recoverable") return waitOf(state.resume);
  return state.kind === "processing" ||
    state.kind === "verifying" ||
    state.kind === "requires_action" ||
    state.kind === "authenticating"
    ? state
    : null;
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
export function notLandedAttempt(state: CheckoutState): Attempt | null {
  return state.kind === "failed" && state.reason === "not_landed" ? state.attempt : null;
}

/** Time left in the attempt's session (0 when it gave no expiry, or an unreadable one). */
export function sessionMsLeft(attempt: Attempt, now: number): number {
  const left = Date.parse(attempt.sessionExpiresAt ?? "") - now;
  return Number.isNaN(left) ? 0 : left;
}

/**
 * When 404s for an attempt start to prove it never landed: the grace window after its execute
 * ended (or, never seen to end, after the allowance for one still in flight).
 */
export function notLandedProofFrom(attempt: Attempt, policy: PollingPolicy): number {
  const ended = attempt.lastSettledAt ?? attempt.lastSentAt + policy.unsettledExecuteAllowanceMs;
  return ended + policy.notLandedGraceMs;
}
