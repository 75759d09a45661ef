/**
 * The transition table: every valid (state, event) pair and the state it leads to, and
 * `transition`, which looks the pair up. An event that makes no sense in a state returns the
 * SAME state object (so subscribers see no change).
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
import type { Attempt } from "./ledger.ts";
import {
  accountOf,
  afterStatusError,
  alreadyPaid,
  attemptFailed,
  failed,
  fromAnswer,
  fromFound,
  processing,
  recoverable,
  verifying,
} from "./next-states.ts";
import type {
  AuthenticatingState,
  BusyState,
  CheckoutEvent,
  CheckoutEventType,
  CheckoutState,
  CheckoutStateKind,
  CreatingSessionState,
  ExecutingState,
  ExpiredState,
  FoundAttempt,
  ProcessingState,
  RecoverableState,
  RequiresActionState,
  SelectingState,
  VerifyingState,
} from "./states.ts";
import type { SelectedAccount } from "./types.ts";

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
