/**
 * The states an event leads to, built from the attempt and Dollr's answer: what the transition
 * table (`transitions.ts`) returns. Pure helpers of the machine, not exported from `machine.ts`.
 */
import type { Attempt, AttemptOutcome } from "./ledger.ts";
import type {
  AlreadyPaidState,
  BusyState,
  CheckoutState,
  FailedState,
  FailureReason,
  FoundAttempt,
  ProcessingState,
  RecoverableState,
  ResumableState,
  VerifyingState,
} from "./states.ts";
import { ERRORS_BEFORE_RECOVERABLE } from "./states.ts";
import type {
  AuthenticationOutcome,
  EngineErrorInfo,
  ExecutionView,
  SelectedAccount,
} from "./types.ts";

/** The account an attempt charges, as the picker holds it. */
export function accountOf(attempt: Attempt): SelectedAccount {
  return { id: attempt.paymentAccountId, currency: attempt.currency };
}

/** Waiting on Dollr's status for a sent attempt. */
export function processing(
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

/** Proving whether an attempt landed (no answer seen for it yet). */
export function verifying(
  attempt: Attempt,
  cause: VerifyingState["cause"],
  at: number,
): VerifyingState {
  return {
    kind: "verifying",
    attempt,
    cause,
    pollingSince: at,
    notFoundCount: 0,
    consecutiveErrors: 0,
  };
}

/** A failed payment, back to `account`. */
export function failed(
  reason: FailureReason,
  account: SelectedAccount,
  error: EngineErrorInfo | null,
  attempt: Attempt | null = null,
  execution: ExecutionView | null = null,
): FailedState {
  return { kind: "failed", reason, account, attempt, execution, error };
}

/** A sent attempt failed: back to the account it charged. */
export function attemptFailed(
  reason: FailureReason,
  attempt: Attempt,
  execution: ExecutionView | null = null,
  error: EngineErrorInfo | null = null,
): FailedState {
  return failed(reason, accountOf(attempt), error, attempt, execution);
}

/** A network-ish error (or a rate limit) paused `resume`; `checkAgain` goes back to it. */
export function recoverable(
  error: EngineErrorInfo,
  at: number,
  resume: ResumableState,
): RecoverableState {
  return {
    kind: "recoverable",
    reason: error.code === "RATE_LIMITED" ? "rate_limited" : "network",
    error,
    retryAt: error.retryAfterMs === undefined ? null : at + error.retryAfterMs,
    resume,
  };
}

/** Where a found attempt puts the checkout: its outcome, or the wait it was in. */
export function fromFound({ attempt, execution }: FoundAttempt, at: number): CheckoutState {
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
export function fromAnswer(
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
export function afterStatusError<S extends ProcessingState | VerifyingState | BusyState>(
  state: S,
  error: EngineErrorInfo,
  at: number,
): S | RecoverableState {
  const counted = { ...state, consecutiveErrors: state.consecutiveErrors + 1 };
  return counted.consecutiveErrors < ERRORS_BEFORE_RECOVERABLE
    ? counted
    : recoverable(error, at, counted);
}

/** The source is paid (by `referenceId`'s attempt, when known). */
export function alreadyPaid(
  referenceId: string | null,
  execution: ExecutionView | null,
  paidAt: string | null,
): AlreadyPaidState {
  return { kind: "already_paid", referenceId, execution, paidAt };
}
