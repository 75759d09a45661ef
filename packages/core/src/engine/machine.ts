/**
 * The checkout state machine: a pure `reduce(state, event)` over a discriminated union. It
 * decides nothing that needs the network, the clock or storage — the runner does those and
 * reports what happened as events. An event that makes no sense in a state returns the SAME
 * state object (so subscribers see no change) and is reported in development builds.
 *
 *   loading → selecting → creating_session → executing → processing → succeeded | failed
 *                                                ↘ requires_action → authenticating ↗
 *                                                ↘ verifying (ambiguous answer) → processing | failed
 *   processing | verifying → expired (polling cap: the money may still move) → checkAgain
 *   requires_action | authenticating | processing | verifying | expired → selecting (the customer
 *     leaves for another method, once status or the session's expiry proved it safe: the runner
 *     decides, this table only moves)
 *   creating_session | processing | verifying | busy → recoverable (network, rate limited, session expired)
 *   creating_session | executing → busy (the proxy's SOURCE_BUSY: another attempt holds the source)
 *                                    → already_paid | selecting (the source is free: pay now)
 *   creating_session | executing → already_paid (the proxy's ALREADY_PAID)
 */
import type { Attempt, AttemptOutcome } from "./ledger.ts";
import type {
  AuthenticationOutcome,
  EngineErrorInfo,
  ExecutionView,
  SelectedAccount,
} from "./types.ts";

/** Consecutive failed status checks after which the wait shows as `recoverable` (polling goes on). */
export const ERRORS_BEFORE_RECOVERABLE = 3;

/** Reading storage for an open attempt. */
export interface LoadingState {
  kind: "loading";
}
/** Choosing a payment account; `notice` says why we are back here, when we are. */
export interface SelectingState {
  kind: "selecting";
  account: SelectedAccount | null;
  /**
   * `source_free`: the attempt that held the source (`busy`) failed or never landed: pay now.
   * `attempt_left`: the customer left an attempt that could no longer go through.
   */
  notice?: "source_free" | "attempt_left";
}
/** Asking the proxy for a checkout session (no money can move yet). */
export interface CreatingSessionState {
  kind: "creating_session";
  account: SelectedAccount;
}
/** The execute request is out; its attempt (and reference id) is already in storage. */
export interface ExecutingState {
  kind: "executing";
  attempt: Attempt;
  /** True when this send re-uses the attempt's reference id and payload (same live session). */
  replay: boolean;
}
/**
 * When the customer asked to use another method and it was not yet safe: the time (ms since
 * epoch) the attempt's session dies, after which a last status check can let them go (null when
 * Dollr gave no expiry: only a final status can).
 */
interface LeaveRefusal {
  leaveRefusedUntil?: number | null;
}
/**
 * The card needs Stripe's next action; the UI runs it with `clientSecret`. Status is still
 * checked (Dollr may expire or decide the payment meanwhile).
 */
export interface RequiresActionState extends LeaveRefusal {
  kind: "requires_action";
  attempt: Attempt;
  clientSecret: string;
  execution: ExecutionView;
  pollingSince: number;
  consecutiveErrors: number;
}
/** The UI is running Stripe's next action (status is still checked). */
export interface AuthenticatingState extends LeaveRefusal {
  kind: "authenticating";
  attempt: Attempt;
  clientSecret: string;
  execution: ExecutionView;
  pollingSince: number;
  consecutiveErrors: number;
}
/** Dollr has the execution; waiting for a terminal status (mobile money: minutes). */
export interface ProcessingState extends LeaveRefusal {
  kind: "processing";
  attempt: Attempt;
  /** Dollr's latest answer (null after a reload, until the first status answer). */
  execution: ExecutionView | null;
  /** Start of this polling window (the policy's elapsed time counts from here). */
  pollingSince: number;
  consecutiveErrors: number;
  /** What the customer did in 3D Secure, when they did; a `requires_action` answer after success is not shown again. */
  authentication: AuthenticationOutcome | null;
}
/** The execute's answer was not seen: asking status with the same reference id. */
export interface VerifyingState extends LeaveRefusal {
  kind: "verifying";
  attempt: Attempt;
  /** Why: the execute failed ambiguously, or a reload found an attempt whose answer was never seen. */
  cause: "ambiguous_execute" | "resumed";
  pollingSince: number;
  /** 404 answers so far (within the grace window they prove nothing). */
  notFoundCount: number;
  consecutiveErrors: number;
}
/**
 * Another attempt holds the source (the proxy's `SOURCE_BUSY`: another device, browser or tab
 * with its own storage): its status is followed, with the same policy as the engine's own waits.
 * Nothing of this engine's was sent.
 */
export interface BusyState {
  kind: "busy";
  /** The attempt in flight as the proxy named it (`status`: its last known raw word, or null). */
  holder: { referenceId: string; status: string | null };
  /** The customer's choice, kept for when the source is free again. */
  account: SelectedAccount;
  /** Dollr's latest answer for the holder (null until the first). */
  execution: ExecutionView | null;
  /** When the proxy named it: 404s prove it never landed only past the grace window from here. */
  since: number;
  pollingSince: number;
  notFoundCount: number;
  consecutiveErrors: number;
  /** The polling cap was reached with no final status: checks stop until `checkAgain`. */
  stalled: boolean;
}
/**
 * The source is paid, and not by an attempt of this engine's: the proxy said so
 * (`ALREADY_PAID`), or the attempt followed while `busy` succeeded. Final; not a failure.
 */
export interface AlreadyPaidState {
  kind: "already_paid";
  /** The attempt that paid, when known (the one followed while `busy`). */
  referenceId: string | null;
  /** Dollr's answer for it, when it was followed. */
  execution: ExecutionView | null;
  /** When it was paid (ISO 8601), when the proxy said. */
  paidAt: string | null;
}
/** Dollr says the payment succeeded. Final. */
export interface SucceededState {
  kind: "succeeded";
  attempt: Attempt;
  execution: ExecutionView | null;
}
/** Why a payment is in `failed`. */
export type FailureReason =
  /** Dollr says the execution failed (declined, cancelled, expired…). */
  | "declined"
  /** Status proved the execute never landed (404 through the grace window). */
  | "not_landed"
  /** The execute was refused with a definite answer (it did not land). */
  | "rejected"
  /** No session could be created (the source is not payable, not the customer's…). */
  | "session_rejected"
  /** The single-use card account was already used for another payment: add the card again. */
  | "card_used"
  /** The attempt could not be written to storage, so nothing was sent. */
  | "storage_unavailable";
/** The payment did not go through. The customer may retry (a new attempt, or a replay). */
export interface FailedState {
  kind: "failed";
  reason: FailureReason;
  account: SelectedAccount;
  attempt: Attempt | null;
  execution: ExecutionView | null;
  error: EngineErrorInfo | null;
}
/** Polling reached its cap without a terminal status. Not a failure: the money may still move. */
export interface ExpiredState extends LeaveRefusal {
  kind: "expired";
  attempt: Attempt;
  execution: ExecutionView | null;
  /** False when Dollr never answered for this reference id (it was being verified). */
  answerSeen: boolean;
}
/** States a `recoverable` error interrupts and `checkAgain` goes back to. */
export type ResumableState = CreatingSessionState | ProcessingState | VerifyingState | BusyState;
/** Why the flow is paused on a recoverable error. */
export type RecoverableReason = "network" | "rate_limited" | "session_expired";
/** A recoverable error: the proxy is unreachable, rate limited, or the session died. */
export interface RecoverableState {
  kind: "recoverable";
  reason: RecoverableReason;
  error: EngineErrorInfo;
  /** When the server allows the next request (`Retry-After`), if it said. */
  retryAt: number | null;
  /** Where `checkAgain` (or, for a wait, the next good status answer) resumes. */
  resume: ResumableState;
}

/** Every state of a checkout. `kind` is what the DOM shows as `data-state`. */
export type CheckoutState =
  | LoadingState
  | SelectingState
  | CreatingSessionState
  | ExecutingState
  | RequiresActionState
  | AuthenticatingState
  | ProcessingState
  | VerifyingState
  | SucceededState
  | FailedState
  | ExpiredState
  | RecoverableState
  | BusyState
  | AlreadyPaidState;

/** A state's `kind`. */
export type CheckoutStateKind = CheckoutState["kind"];

/** Every state kind, as a runtime list. */
export const CHECKOUT_STATE_KINDS = /* @__PURE__ */ Object.freeze([
  "loading",
  "selecting",
  "creating_session",
  "executing",
  "requires_action",
  "authenticating",
  "processing",
  "verifying",
  "succeeded",
  "failed",
  "expired",
  "recoverable",
  "busy",
  "already_paid",
] as const satisfies readonly CheckoutStateKind[]);

/** The states after which nothing more happens on its own. */
export function isFinalState(
  state: CheckoutState,
): state is SucceededState | FailedState | AlreadyPaidState {
  return state.kind === "succeeded" || state.kind === "failed" || state.kind === "already_paid";
}

/** An attempt found in storage when the engine loads. */
export interface FoundAttempt {
  attempt: Attempt;
  /** Dollr's last answer kept with it, when there was one. */
  execution: ExecutionView | null;
}

/** Everything that can happen to a checkout. The runner sends them; the reducer decides. */
export type CheckoutEvent =
  /** Storage was read: nothing, an open attempt to resume, or the latest closed one. */
  | { type: "LOADED"; found: FoundAttempt | null; at: number }
  | { type: "ACCOUNT_SELECTED"; account: SelectedAccount }
  | { type: "PAY_REQUESTED" }
  /** Creating the session failed; `retryable` when it was the network/server/rate limit. */
  | { type: "SESSION_FAILED"; error: EngineErrorInfo; retryable: boolean; at: number }
  /** The attempt was written and its execute left (or is about to, in the same tick). */
  | { type: "EXECUTE_SENT"; attempt: Attempt; replay: boolean }
  | { type: "EXECUTE_ANSWERED"; execution: ExecutionView; at: number }
  /** The execute may have landed (network, timeout, 5xx, 429, duplicate): verify with status. */
  | { type: "EXECUTE_AMBIGUOUS"; error: EngineErrorInfo; at: number }
  /** The execute was refused with a definite answer: it did not land. */
  | {
      type: "EXECUTE_REFUSED";
      error: EngineErrorInfo;
      reason: "rejected" | "card_used" | "session_expired";
    }
  /** The proxy refused the session or the execute: another attempt holds the source. */
  | { type: "SOURCE_BUSY"; holder: BusyState["holder"]; at: number }
  /** The proxy refused the session or the execute: the source is paid. */
  | { type: "ALREADY_PAID"; paidAt: string | null }
  | { type: "AUTHENTICATION_STARTED" }
  | { type: "AUTHENTICATION_FINISHED"; outcome: AuthenticationOutcome; at: number }
  | { type: "STATUS_RECEIVED"; execution: ExecutionView; at: number }
  | { type: "STATUS_NOT_FOUND"; at: number }
  | { type: "STATUS_FAILED"; error: EngineErrorInfo; at: number }
  /** 404 held through the grace window with nobody executing: it never landed. */
  | { type: "NOT_LANDED_PROVED" }
  | { type: "POLLING_EXPIRED" }
  | { type: "CHECK_AGAIN_REQUESTED"; at: number }
  | { type: "RETRY_REQUESTED" }
  | { type: "CANCEL_REQUESTED" }
  /** The attempt was written before any execute could leave, but storage refused it. */
  | { type: "STORAGE_FAILED"; error: EngineErrorInfo }
  /** Another engine (a tab, a reload) opened an attempt for this source: follow it. */
  | { type: "ATTEMPT_ADOPTED"; found: FoundAttempt; at: number }
  /** Another engine closed the attempt being followed. */
  | { type: "ATTEMPT_CLOSED"; attempt: Attempt; execution: ExecutionView | null }
  /** The attempt shown can no longer go through (status and the session said): pick again. */
  | { type: "ATTEMPT_LEFT" }
  /** Leaving is not safe yet: the money may still move until `until` (or a final status). */
  | { type: "LEAVE_REFUSED"; until: number | null };

/** An event's `type`. */
export type CheckoutEventType = CheckoutEvent["type"];

/** Called in development builds when an event makes no sense in the current state. */
export type InvalidTransitionHandler = (state: CheckoutState, event: CheckoutEvent) => void;

function accountOf(attempt: Attempt): SelectedAccount {
  return { id: attempt.paymentAccountId, currency: attempt.currency };
}

function processing(
  attempt: Attempt,
  execution: ExecutionView | null,
  pollingSince: number,
  authentication: AuthenticationOutcome | null = null,
): ProcessingState {
  return {
    kind: "processing",
    attempt,
    execution,
    pollingSince,
    consecutiveErrors: 0,
    authentication,
  };
}

function verifying(attempt: Attempt, cause: VerifyingState["cause"], at: number): VerifyingState {
  return {
    kind: "verifying",
    attempt,
    cause,
    pollingSince: at,
    notFoundCount: 0,
    consecutiveErrors: 0,
  };
}

function failed(
  reason: FailureReason,
  account: SelectedAccount,
  error: EngineErrorInfo | null,
  attempt: Attempt | null = null,
  execution: ExecutionView | null = null,
): FailedState {
  return { kind: "failed", reason, account, attempt, execution, error };
}

/** A sent attempt failed: back to the account it charged. */
function attemptFailed(
  reason: FailureReason,
  attempt: Attempt,
  execution: ExecutionView | null = null,
  error: EngineErrorInfo | null = null,
): FailedState {
  return failed(reason, accountOf(attempt), error, attempt, execution);
}

/** A network-ish error (or a rate limit) paused `resume`; `checkAgain` goes back to it. */
function recoverable(error: EngineErrorInfo, at: number, resume: ResumableState): RecoverableState {
  return {
    kind: "recoverable",
    reason: error.code === "RATE_LIMITED" ? "rate_limited" : "network",
    error,
    retryAt: error.retryAfterMs === undefined ? null : at + error.retryAfterMs,
    resume,
  };
}

/** Where a found attempt puts the checkout: its outcome, or the wait it was in. */
function fromFound({ attempt, execution }: FoundAttempt, at: number): CheckoutState {
  const outcome: AttemptOutcome = attempt.outcome;
  switch (outcome) {
    case "succeeded":
      return { kind: "succeeded", attempt, execution };
    case "failed":
      return attemptFailed("declined", attempt, execution);
    case "not_landed":
      return attemptFailed("not_landed", attempt);
    case "left":
      return { kind: "selecting", account: null, notice: "attempt_left" };
    case "unverified":
      return verifying(attempt, "resumed", at);
    case "open":
      // The wait counts from the first send, so a reload does not restart quick polling;
      // verifying counts from now (it ends within the grace window, or proves nothing).
      return attempt.answerSeen
        ? processing(attempt, execution, Math.min(attempt.createdAt, at))
        : verifying(attempt, "resumed", at);
    default:
      return outcome satisfies never;
  }
}

/** What Dollr's answer means for an attempt being waited on. */
function fromAnswer(
  attempt: Attempt,
  execution: ExecutionView,
  pollingSince: number,
  current: ProcessingState | null,
): CheckoutState {
  if (execution.state === "succeeded") return { kind: "succeeded", attempt, execution };
  if (execution.state === "failed") return attemptFailed("declined", attempt, execution);
  // After a successful 3DS the status may still say requires_action for a moment: wait, don't ask again.
  if (
    execution.requiresAction &&
    execution.clientSecret !== null &&
    current?.authentication !== "succeeded"
  ) {
    return {
      kind: "requires_action",
      attempt,
      clientSecret: execution.clientSecret,
      execution,
      pollingSince: current?.pollingSince ?? pollingSince,
      consecutiveErrors: 0,
    };
  }
  if (current) return { ...current, execution, consecutiveErrors: 0 };
  return processing(attempt, execution, pollingSince);
}

/** A failed status check: count it; past the threshold, show the wait as recoverable. */
function afterStatusError<S extends ProcessingState | VerifyingState | BusyState>(
  state: S,
  error: EngineErrorInfo,
  at: number,
): S | RecoverableState {
  const counted = { ...state, consecutiveErrors: state.consecutiveErrors + 1 };
  return counted.consecutiveErrors < ERRORS_BEFORE_RECOVERABLE
    ? counted
    : recoverable(error, at, counted);
}

/** How a state answers one event: the next state, or undefined when it makes no sense there. */
type Handler<S, E extends CheckoutEventType> = (
  state: S,
  event: Extract<CheckoutEvent, { type: E }>,
) => CheckoutState | undefined;
/** The events a state answers; any other event leaves it as it is. */
type Handlers<S> = { [E in CheckoutEventType]?: Handler<S, E> };

const adoptFound = (_: unknown, event: { found: FoundAttempt; at: number }) =>
  fromFound(event.found, event.at);

const backToPicker = ({ account }: { account: SelectedAccount }): SelectingState => ({
  kind: "selecting",
  account,
});

/** An attempt closed by anyone (e.g. another tab): the state it ends in, if it is the one shown. */
const closedBy = (state: { attempt: Attempt }, event: FoundAttempt) =>
  event.attempt.referenceId === state.attempt.referenceId ? fromFound(event, 0) : undefined;

/** The proxy refused: another attempt holds the source (follow it), or the source is paid. */
const SOURCE_REFUSALS: Handlers<CreatingSessionState | ExecutingState> = {
  SOURCE_BUSY: (state, { holder, at }) => ({
    kind: "busy",
    holder,
    account: "account" in state ? state.account : accountOf(state.attempt),
    execution: null,
    since: at,
    pollingSince: at,
    notFoundCount: 0,
    consecutiveErrors: 0,
    stalled: false,
  }),
  ALREADY_PAID: (_, { paidAt }) => alreadyPaid(null, null, paidAt),
};

function alreadyPaid(
  referenceId: string | null,
  execution: ExecutionView | null,
  paidAt: string | null,
): AlreadyPaidState {
  return { kind: "already_paid", referenceId, execution, paidAt };
}

/** The attempt that held the source ended without paying it: pay now. */
const sourceFree = ({ account }: BusyState): SelectingState => ({
  kind: "selecting",
  account,
  notice: "source_free",
});

/** Leaving an attempt (the runner proved it safe), or being told it is not safe yet. */
const LEAVING: Handlers<
  RequiresActionState | AuthenticatingState | ProcessingState | VerifyingState | ExpiredState
> = {
  ATTEMPT_LEFT: () => ({ kind: "selecting", account: null, notice: "attempt_left" }),
  LEAVE_REFUSED: (state, { until }) => ({ ...state, leaveRefusedUntil: until }),
};

/** 3D Secure, asked for or running: Dollr's status is still followed meanwhile. */
const AUTHENTICATION: Handlers<RequiresActionState | AuthenticatingState> = {
  // Stripe's result never decides: back to Dollr's status.
  AUTHENTICATION_FINISHED: (state, event) =>
    processing(state.attempt, state.execution, event.at, event.outcome),
  ATTEMPT_CLOSED: closedBy,
  // A final answer ends the wait for 3D Secure (e.g. Dollr expired it); any other keeps it.
  STATUS_RECEIVED: (state, { execution, at }) =>
    execution.terminal
      ? fromAnswer(state.attempt, execution, at, null)
      : { ...state, execution, consecutiveErrors: 0 },
  STATUS_FAILED: (state) => ({ ...state, consecutiveErrors: state.consecutiveErrors + 1 }),
  POLLING_EXPIRED: (state) => ({
    kind: "expired",
    attempt: state.attempt,
    execution: state.execution,
    answerSeen: true,
  }),
  ...LEAVING,
};

/** The transitions out of a wait (processing or verifying) that both share. */
const WAIT: Handlers<ProcessingState | VerifyingState> = {
  STATUS_RECEIVED: (state, event) =>
    fromAnswer(
      state.attempt,
      event.execution,
      state.pollingSince,
      state.kind === "processing" ? state : null,
    ),
  STATUS_FAILED: (state, event) => afterStatusError(state, event.error, event.at),
  POLLING_EXPIRED: (state) => ({
    kind: "expired",
    attempt: state.attempt,
    execution: state.kind === "processing" ? state.execution : null,
    answerSeen: state.kind === "processing",
  }),
  ATTEMPT_CLOSED: closedBy,
  ...LEAVING,
};

/** Behind a recoverable error: what the interrupted state would do (its wait goes on). */
const behindRecoverable = ({ resume }: RecoverableState, event: CheckoutEvent) =>
  next(resume.kind === "creating_session" ? resume : { ...resume, consecutiveErrors: 0 }, event);

/** Every valid (state, event) pair. `machine.test.ts` holds the same table as a list. */
const TRANSITIONS: { [K in CheckoutStateKind]: Handlers<Extract<CheckoutState, { kind: K }>> } = {
  loading: {
    LOADED: (_, event) =>
      event.found ? fromFound(event.found, event.at) : { kind: "selecting", account: null },
  },
  selecting: {
    ACCOUNT_SELECTED: (_, event) => backToPicker(event),
    PAY_REQUESTED: ({ account }) => (account ? { kind: "creating_session", account } : undefined),
    CANCEL_REQUESTED: ({ account }) => (account ? { kind: "selecting", account: null } : undefined),
    ATTEMPT_ADOPTED: adoptFound,
  },
  creating_session: {
    EXECUTE_SENT: (_, event) => ({
      kind: "executing",
      attempt: event.attempt,
      replay: event.replay,
    }),
    SESSION_FAILED: (state, event) =>
      event.retryable
        ? recoverable(event.error, event.at, state)
        : failed("session_rejected", state.account, event.error),
    STORAGE_FAILED: (state, event) => failed("storage_unavailable", state.account, event.error),
    CANCEL_REQUESTED: backToPicker,
    ATTEMPT_ADOPTED: adoptFound,
    ...SOURCE_REFUSALS,
  },
  executing: {
    EXECUTE_ANSWERED: (state, event) => fromAnswer(state.attempt, event.execution, event.at, null),
    EXECUTE_AMBIGUOUS: (state, event) => verifying(state.attempt, "ambiguous_execute", event.at),
    EXECUTE_REFUSED: ({ attempt }, event) =>
      event.reason === "session_expired"
        ? {
            kind: "recoverable",
            reason: "session_expired",
            error: event.error,
            retryAt: null,
            resume: { kind: "creating_session", account: accountOf(attempt) },
          }
        : attemptFailed(event.reason, attempt, null, event.error),
    ...SOURCE_REFUSALS,
  },
  requires_action: {
    ...AUTHENTICATION,
    AUTHENTICATION_STARTED: (state) => ({ ...state, kind: "authenticating" }),
  },
  authenticating: AUTHENTICATION,
  processing: WAIT,
  verifying: {
    ...WAIT,
    STATUS_NOT_FOUND: (state) => ({
      ...state,
      notFoundCount: state.notFoundCount + 1,
      consecutiveErrors: 0,
    }),
    NOT_LANDED_PROVED: (state) => attemptFailed("not_landed", state.attempt),
  },
  busy: {
    STATUS_RECEIVED: (state, { execution }) =>
      execution.state === "succeeded"
        ? alreadyPaid(state.holder.referenceId, execution, null)
        : execution.state === "failed"
          ? sourceFree(state)
          : { ...state, execution, consecutiveErrors: 0 },
    STATUS_NOT_FOUND: (state) => ({
      ...state,
      notFoundCount: state.notFoundCount + 1,
      consecutiveErrors: 0,
    }),
    STATUS_FAILED: (state, event) => afterStatusError(state, event.error, event.at),
    // 404s through the grace window since the proxy named it: it never landed.
    NOT_LANDED_PROVED: sourceFree,
    POLLING_EXPIRED: (state) => (state.stalled ? undefined : { ...state, stalled: true }),
    CHECK_AGAIN_REQUESTED: (state, event) =>
      state.stalled
        ? { ...state, stalled: false, pollingSince: event.at, consecutiveErrors: 0 }
        : undefined,
    // Another engine on this storage opened an attempt (or this engine's own was named): follow it.
    ATTEMPT_ADOPTED: adoptFound,
  },
  already_paid: {},
  succeeded: {},
  failed: {
    // A used card cannot be paid with again: the customer adds it again or picks another method.
    RETRY_REQUESTED: ({ account, reason }) =>
      reason === "card_used" ? undefined : { kind: "creating_session", account },
    // A replay: the not-landed attempt's session still lives, so its id and payload go again.
    EXECUTE_SENT: (state, event) =>
      state.reason === "not_landed" && state.attempt?.referenceId === event.attempt.referenceId
        ? { kind: "executing", attempt: event.attempt, replay: true }
        : undefined,
    ACCOUNT_SELECTED: (_, event) => backToPicker(event),
    // Back to the picker, without a used card.
    CANCEL_REQUESTED: (state) =>
      state.reason === "card_used" ? { kind: "selecting", account: null } : backToPicker(state),
    // A late answer for a not-landed attempt: it landed after all.
    STATUS_RECEIVED: (state, event) =>
      state.reason === "not_landed" && state.attempt
        ? fromAnswer(state.attempt, event.execution, event.at, null)
        : undefined,
    // The check before a retry failed: stay, and say why nothing was sent.
    STATUS_FAILED: (state, event) =>
      state.reason === "not_landed" ? { ...state, error: event.error } : undefined,
    ATTEMPT_ADOPTED: adoptFound,
  },
  expired: {
    CHECK_AGAIN_REQUESTED: (state, event) =>
      state.answerSeen
        ? processing(state.attempt, state.execution, event.at)
        : verifying(state.attempt, "resumed", event.at),
    ATTEMPT_CLOSED: closedBy,
    ...LEAVING,
  },
  recoverable: {
    CHECK_AGAIN_REQUESTED: ({ resume }) =>
      resume.kind === "creating_session" ? resume : { ...resume, consecutiveErrors: 0 },
    // Still failing: stay here, keep the latest error and Retry-After.
    STATUS_FAILED: ({ resume }, event) => {
      if (resume.kind === "creating_session") return undefined;
      const counted = afterStatusError(resume, event.error, event.at);
      return counted.kind === "recoverable" ? counted : undefined;
    },
    // Cancel and adopt apply behind a session request; a good answer ends a wait's error.
    CANCEL_REQUESTED: behindRecoverable,
    ATTEMPT_ADOPTED: behindRecoverable,
    STATUS_RECEIVED: behindRecoverable,
    STATUS_NOT_FOUND: behindRecoverable,
    NOT_LANDED_PROVED: behindRecoverable,
    POLLING_EXPIRED: behindRecoverable,
    ATTEMPT_CLOSED: behindRecoverable,
    ATTEMPT_LEFT: behindRecoverable,
    LEAVE_REFUSED: behindRecoverable,
  },
};

/** The next state, or undefined when the event makes no sense in `state`. */
function next(state: CheckoutState, event: CheckoutEvent): CheckoutState | undefined {
  // The table is typed per state and per event; here it is looked up by the pair.
  const handlers = TRANSITIONS[state.kind] as Record<string, Handler<CheckoutState, never>>;
  return Object.hasOwn(handlers, event.type)
    ? handlers[event.type]?.(state, event as never)
    : undefined;
}

/**
 * The next state. Pure: the same state and event always give the same result, and an event that
 * makes no sense returns `state` itself (the runner compares by identity).
 */
export function transition(state: CheckoutState, event: CheckoutEvent): CheckoutState {
  return next(state, event) ?? state;
}

// Written out literally so bundlers can replace `process.env.NODE_ENV`; guarded for browsers.
declare const process: { env: Record<string, string | undefined> };
function isDevelopment(): boolean {
  return typeof process !== "undefined" && process.env.NODE_ENV !== "production";
}

/** Options of `createReducer`. */
export interface ReducerOptions {
  /** Told about events that make no sense in a state (development builds only). */
  onInvalidTransition?: InvalidTransitionHandler;
}

/**
 * `transition` that reports invalid events in development builds (`NODE_ENV !== "production"`),
 * through `onInvalidTransition` (default: `console.warn`).
 */
export function createReducer(
  options: ReducerOptions = {},
): (state: CheckoutState, event: CheckoutEvent) => CheckoutState {
  const report =
    options.onInvalidTransition ??
    ((state: CheckoutState, event: CheckoutEvent) =>
      console.warn(`[dollr-kit] ignored ${event.type} in state ${state.kind}`));
  return (state, event) => {
    const next = transition(state, event);
    if (next === state && isDevelopment()) report(state, event);
    return next;
  };
}

/** `transition` with the default development warning. */
export const reduce: (state: CheckoutState, event: CheckoutEvent) => CheckoutState =
  /* @__PURE__ */ createReducer();

/** The state an engine starts in. */
export const INITIAL_STATE: LoadingState = Object.freeze({ kind: "loading" }) as LoadingState;
