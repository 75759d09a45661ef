/**
 * The checkout's states and events, as types: what `machine.ts` moves between. Kept apart so
 * each file does one job (this one names things; the machine decides).
 */
import type { Attempt } from "./ledger.ts";
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
