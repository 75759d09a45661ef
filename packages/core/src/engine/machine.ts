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
 *   creating_session | processing | verifying → recoverable (network, rate limited, session expired)
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
/** The card needs Stripe's next action; the UI runs it with `clientSecret`. */
export interface RequiresActionState {
  kind: "requires_action";
  attempt: Attempt;
  clientSecret: string;
  execution: ExecutionView;
}
/** The UI is running Stripe's next action. */
export interface AuthenticatingState {
  kind: "authenticating";
  attempt: Attempt;
  clientSecret: string;
  execution: ExecutionView;
}
/** Dollr has the execution; waiting for a terminal status (mobile money: minutes). */
export interface ProcessingState {
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
export interface VerifyingState {
  kind: "verifying";
  attempt: Attempt;
  /** Why: the execute failed ambiguously, or a reload found an attempt whose answer was never seen. */
  cause: "ambiguous_execute" | "resumed";
  pollingSince: number;
  /** 404 answers so far (within the grace window they prove nothing). */
  notFoundCount: number;
  consecutiveErrors: number;
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
export interface ExpiredState {
  kind: "expired";
  attempt: Attempt;
  execution: ExecutionView | null;
  /** False when Dollr never answered for this reference id (it was being verified). */
  answerSeen: boolean;
}
/** States a `recoverable` error interrupts and `checkAgain` goes back to. */
export type ResumableState = CreatingSessionState | ProcessingState | VerifyingState;
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
  | RecoverableState;

/** A state's `kind`. */
export type CheckoutStateKind = CheckoutState["kind"];

/** Every state kind, as a runtime list. */
export const CHECKOUT_STATE_KINDS = Object.freeze([
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
] as const satisfies readonly CheckoutStateKind[]);

/** The states after which nothing more happens on its own. */
export function isFinalState(state: CheckoutState): state is SucceededState | FailedState {
  return state.kind === "succeeded" || state.kind === "failed";
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
  | { type: "EXECUTE_REFUSED"; error: EngineErrorInfo; sessionExpired: boolean }
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
  | { type: "ATTEMPT_CLOSED"; attempt: Attempt; execution: ExecutionView | null };

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

/** Where a found attempt puts the checkout: its outcome, or the wait it was in. */
function fromFound(found: FoundAttempt, at: number): CheckoutState {
  const { attempt, execution } = found;
  const outcome: AttemptOutcome = attempt.outcome;
  switch (outcome) {
    case "succeeded":
      return { kind: "succeeded", attempt, execution };
    case "failed":
      return failed("declined", accountOf(attempt), attempt, execution, null);
    case "not_landed":
      return failed("not_landed", accountOf(attempt), attempt, null, null);
    case "open":
      // The polling window counts from the first send, so a reload does not restart quick polling.
      // The wait counts from the first send, so a reload does not restart quick polling;
      // verifying counts from now (it ends within the grace window, or proves nothing).
      return attempt.answerSeen
        ? processing(attempt, execution, Math.min(attempt.createdAt, at))
        : verifying(attempt, "resumed", at);
    default:
      return outcome satisfies never;
  }
}

function failed(
  reason: FailureReason,
  account: SelectedAccount,
  attempt: Attempt | null,
  execution: ExecutionView | null,
  error: EngineErrorInfo | null,
): FailedState {
  return { kind: "failed", reason, account, attempt, execution, error };
}

/** What Dollr's answer means for an attempt being waited on. */
function fromAnswer(
  attempt: Attempt,
  execution: ExecutionView,
  pollingSince: number,
  current: ProcessingState | null,
): CheckoutState {
  if (execution.state === "succeeded") return { kind: "succeeded", attempt, execution };
  if (execution.state === "failed") {
    return failed("declined", accountOf(attempt), attempt, execution, null);
  }
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
    };
  }
  if (current) return { ...current, execution, consecutiveErrors: 0 };
  return processing(attempt, execution, pollingSince);
}

/** A failed status check: count it; past the threshold, show the wait as recoverable. */
function afterStatusError(
  state: ProcessingState | VerifyingState,
  error: EngineErrorInfo,
  at: number,
): CheckoutState {
  const counted = { ...state, consecutiveErrors: state.consecutiveErrors + 1 };
  if (counted.consecutiveErrors < ERRORS_BEFORE_RECOVERABLE) return counted;
  const rateLimited = error.code === "RATE_LIMITED";
  return {
    kind: "recoverable",
    reason: rateLimited ? "rate_limited" : "network",
    error,
    retryAt: error.retryAfterMs === undefined ? null : at + error.retryAfterMs,
    resume: counted,
  };
}

/** An attempt closed by anyone (e.g. another tab): the state it ends in, if it is `attempt`. */
function closedBy(
  attempt: Attempt,
  event: CheckoutEvent & { type: "ATTEMPT_CLOSED" },
): CheckoutState | undefined {
  return event.attempt.referenceId === attempt.referenceId
    ? fromFound({ attempt: event.attempt, execution: event.execution }, 0)
    : undefined;
}

/** The transitions out of a wait (processing or verifying) that both share. */
function reduceWait(
  state: ProcessingState | VerifyingState,
  event: CheckoutEvent,
): CheckoutState | undefined {
  switch (event.type) {
    case "STATUS_RECEIVED":
      return fromAnswer(
        state.attempt,
        event.execution,
        state.pollingSince,
        state.kind === "processing" ? state : null,
      );
    case "STATUS_FAILED":
      return afterStatusError(state, event.error, event.at);
    case "POLLING_EXPIRED":
      return {
        kind: "expired",
        attempt: state.attempt,
        execution: state.kind === "processing" ? state.execution : null,
        answerSeen: state.kind === "processing",
      };
    case "ATTEMPT_CLOSED":
      return closedBy(state.attempt, event);
    default:
      return undefined;
  }
}

/**
 * The next state. Pure: the same state and event always give the same result, and an event that
 * makes no sense returns `state` itself (the runner compares by identity).
 */
export function transition(state: CheckoutState, event: CheckoutEvent): CheckoutState {
  switch (state.kind) {
    case "loading":
      if (event.type === "LOADED") {
        return event.found
          ? fromFound(event.found, event.at)
          : { kind: "selecting", account: null };
      }
      return state;

    case "selecting":
      switch (event.type) {
        case "ACCOUNT_SELECTED":
          return { kind: "selecting", account: event.account };
        case "PAY_REQUESTED":
          return state.account ? { kind: "creating_session", account: state.account } : state;
        case "CANCEL_REQUESTED":
          return state.account ? { kind: "selecting", account: null } : state;
        case "ATTEMPT_ADOPTED":
          return fromFound(event.found, event.at);
        default:
          return state;
      }

    case "creating_session":
      switch (event.type) {
        case "EXECUTE_SENT":
          return { kind: "executing", attempt: event.attempt, replay: event.replay };
        case "SESSION_FAILED":
          return event.retryable
            ? {
                kind: "recoverable",
                reason: event.error.code === "RATE_LIMITED" ? "rate_limited" : "network",
                error: event.error,
                retryAt:
                  event.error.retryAfterMs === undefined
                    ? null
                    : event.at + event.error.retryAfterMs,
                resume: state,
              }
            : failed("session_rejected", state.account, null, null, event.error);
        case "STORAGE_FAILED":
          return failed("storage_unavailable", state.account, null, null, event.error);
        case "CANCEL_REQUESTED":
          return { kind: "selecting", account: state.account };
        case "ATTEMPT_ADOPTED":
          return fromFound(event.found, event.at);
        default:
          return state;
      }

    case "executing":
      switch (event.type) {
        case "EXECUTE_ANSWERED":
          return fromAnswer(state.attempt, event.execution, event.at, null);
        case "EXECUTE_AMBIGUOUS":
          return verifying(state.attempt, "ambiguous_execute", event.at);
        case "EXECUTE_REFUSED":
          return event.sessionExpired
            ? {
                kind: "recoverable",
                reason: "session_expired",
                error: event.error,
                retryAt: null,
                resume: { kind: "creating_session", account: accountOf(state.attempt) },
              }
            : failed("rejected", accountOf(state.attempt), state.attempt, null, event.error);
        default:
          return state;
      }

    case "requires_action":
    case "authenticating":
      switch (event.type) {
        case "AUTHENTICATION_STARTED":
          return state.kind === "requires_action" ? { ...state, kind: "authenticating" } : state;
        case "AUTHENTICATION_FINISHED":
          // Stripe's result never decides: back to Dollr's status.
          return processing(state.attempt, state.execution, event.at, event.outcome);
        case "ATTEMPT_CLOSED":
          return closedBy(state.attempt, event) ?? state;
        default:
          return state;
      }

    case "processing":
      return reduceWait(state, event) ?? state;

    case "verifying":
      switch (event.type) {
        case "STATUS_NOT_FOUND":
          return { ...state, notFoundCount: state.notFoundCount + 1, consecutiveErrors: 0 };
        case "NOT_LANDED_PROVED":
          return failed("not_landed", accountOf(state.attempt), state.attempt, null, null);
        default:
          return reduceWait(state, event) ?? state;
      }

    case "succeeded":
      return state;

    case "failed":
      switch (event.type) {
        case "RETRY_REQUESTED":
          return { kind: "creating_session", account: state.account };
        case "EXECUTE_SENT":
          // A replay: the not-landed attempt's session still lives, so its id and payload go again.
          return state.reason === "not_landed" &&
            state.attempt?.referenceId === event.attempt.referenceId
            ? { kind: "executing", attempt: event.attempt, replay: true }
            : state;
        case "ACCOUNT_SELECTED":
          return { kind: "selecting", account: event.account };
        case "CANCEL_REQUESTED":
          return { kind: "selecting", account: state.account };
        case "STATUS_RECEIVED":
          // A late answer for a not-landed attempt: it landed after all.
          return state.reason === "not_landed" && state.attempt
            ? fromAnswer(state.attempt, event.execution, event.at, null)
            : state;
        case "STATUS_FAILED":
          // The check before a retry failed: stay, and say why nothing was sent.
          return state.reason === "not_landed" ? { ...state, error: event.error } : state;
        case "ATTEMPT_ADOPTED":
          return fromFound(event.found, event.at);
        default:
          return state;
      }

    case "expired":
      switch (event.type) {
        case "CHECK_AGAIN_REQUESTED":
          return state.answerSeen
            ? processing(state.attempt, state.execution, event.at)
            : verifying(state.attempt, "resumed", event.at);
        case "ATTEMPT_CLOSED":
          return closedBy(state.attempt, event) ?? state;
        default:
          return state;
      }

    case "recoverable":
      return reduceRecoverable(state, event);

    default:
      return state satisfies never;
  }
}

function reduceRecoverable(state: RecoverableState, event: CheckoutEvent): CheckoutState {
  const { resume } = state;
  if (resume.kind === "creating_session") {
    switch (event.type) {
      case "CHECK_AGAIN_REQUESTED":
        return resume;
      case "CANCEL_REQUESTED":
        return { kind: "selecting", account: resume.account };
      case "ATTEMPT_ADOPTED":
        return fromFound(event.found, event.at);
      default:
        return state;
    }
  }
  switch (event.type) {
    case "CHECK_AGAIN_REQUESTED":
      return { ...resume, consecutiveErrors: 0 };
    case "STATUS_FAILED": {
      // Still failing: stay here, keep the latest error and Retry-After.
      const next = afterStatusError(resume, event.error, event.at);
      return next.kind === "recoverable" ? next : state;
    }
    case "STATUS_RECEIVED":
    case "STATUS_NOT_FOUND":
    case "NOT_LANDED_PROVED":
    case "POLLING_EXPIRED":
    case "ATTEMPT_CLOSED": {
      // The polling goes on behind a recoverable wait; a good answer ends it.
      const base = { ...resume, consecutiveErrors: 0 };
      const next = transition(base, event);
      return next === base ? state : next;
    }
    default:
      return state;
  }
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
  createReducer();

/** The state an engine starts in. */
export const INITIAL_STATE: LoadingState = Object.freeze({ kind: "loading" }) as LoadingState;
