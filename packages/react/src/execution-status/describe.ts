import { failureWordsFor } from "../internal/error-words.ts";
import { formatElapsed, type MessageKey, type Translate } from "../messages.ts";

/**
 * Where a payment's wait stands, as `<ExecutionStatus>` shows it (`data-state`):
 * - `loading`: no answer yet;
 * - `not_found`: Dollr does not know the reference yet (still checking);
 * - `pending` / `processing`: Dollr's PENDING / PROCESSING;
 * - `unknown`: a status word the kit does not know (still in progress; the word is shown);
 * - `succeeded` / `failed`: final;
 * - `expired`: the kit stopped checking on its own after the polling cap (the money may still
 *   move; "Check again" looks once more).
 */
export type ExecutionStatusPhase =
  | "loading"
  | "not_found"
  | "pending"
  | "processing"
  | "unknown"
  | "succeeded"
  | "failed"
  | "expired";

/** The kind of account paying, for the words ("Approve the payment on your phone"). */
export type PaymentKind = "MOBILE_MONEY" | "CARD";

/** Everything the status view shows, worked out from the state alone. */
export interface ExecutionStatusModel {
  phase: ExecutionStatusPhase;
  /** Dollr's raw status word, when there was an answer. */
  raw: string | null;
  terminal: boolean;
  /** The main line. */
  message: string;
  /** A second line of help, when there is one (after a failure: what to do). */
  hint: string | null;
  /**
   * Why it failed, in plain words read from Dollr's reason ("Reason: The payment wasn't approved
   * on your phone in time."), when it gave one. Dollr's own text is never shown.
   */
  reason: string | null;
  elapsedMs: number;
  /** "Waiting for 1 min 5 sec", while waiting. */
  elapsedText: string | null;
  /** True once the wait passed the long-wait threshold: "you can leave this page". */
  longWait: boolean;
  longWaitText: string | null;
  /** True while status checks are failing (the kit keeps trying). */
  connectionProblem: boolean;
  connectionText: string | null;
  /** What the live region says; changes only when the phase (or a flag) changes. */
  announcement: string;
}

export interface DescribeStatusInput {
  phase: ExecutionStatusPhase;
  raw: string | null;
  /** Dollr's failure reason as it sent it (`gateway_message`); read for known words, never shown. */
  reason: string | null;
  kind: PaymentKind | undefined;
  elapsedMs: number;
  longWaitAfterMs: number;
  connectionProblem: boolean;
  locale: string | undefined;
}

// A status word as Dollr writes them (`PROCESSING`, `ON_HOLD`): only such a word is shown.
const STATUS_WORD = /^[A-Z][A-Z_]{0,31}$/;

/** Whether the phase is final or paused (no more automatic checks). */
export function isSettledPhase(phase: ExecutionStatusPhase): boolean {
  return phase === "succeeded" || phase === "failed" || phase === "expired";
}

const PHASE_MESSAGES: Record<ExecutionStatusPhase, MessageKey> = {
  loading: "status.loading",
  not_found: "status.notFound",
  pending: "status.pending",
  processing: "status.processing",
  unknown: "status.unknown",
  succeeded: "status.succeeded",
  failed: "status.failed",
  expired: "status.expired",
};

/** Works out the words for a status. Pure. */
export function describeExecutionStatus(
  input: DescribeStatusInput,
  t: Translate,
): ExecutionStatusModel {
  const { phase, kind } = input;
  // A wallet's wait (pending or processing) asks the customer to act; a card's says so.
  const onPhone = kind === "MOBILE_MONEY" && (phase === "pending" || phase === "processing");
  const message = onPhone
    ? t("status.processingMobileMoney")
    : phase === "processing" && kind === "CARD"
      ? t("status.processingCard")
      : phase === "unknown" && input.raw !== null && STATUS_WORD.test(input.raw)
        ? t("status.unknown", { raw: input.raw })
        : t(PHASE_MESSAGES[phase === "unknown" ? "processing" : phase]);
  const failure = phase === "failed" && input.reason ? failureWordsFor(input.reason, t) : null;
  const hint = onPhone ? t("status.processingMobileMoneyHint") : (failure?.action ?? null);
  const waiting = !isSettledPhase(phase);
  const longWait = waiting && input.elapsedMs >= input.longWaitAfterMs;
  const longWaitText = longWait ? t("status.longWait") : null;
  const connectionProblem = waiting && input.connectionProblem;
  const connectionText = connectionProblem ? t("status.connectionProblem") : null;
  const reason = failure ? t("status.failedReason", { reason: failure.title }) : null;
  const elapsedText =
    waiting && input.elapsedMs >= 1000
      ? t("status.elapsed", { elapsed: formatElapsed(input.elapsedMs, input.locale, t) })
      : null;
  const announcement = [message, reason, failure?.action, longWaitText, connectionText]
    .filter(Boolean)
    .join(" ");
  return {
    phase,
    raw: input.raw,
    terminal: phase === "succeeded" || phase === "failed",
    message,
    hint,
    reason,
    elapsedMs: input.elapsedMs,
    elapsedText,
    longWait,
    longWaitText,
    connectionProblem,
    connectionText,
    announcement,
  };
}
