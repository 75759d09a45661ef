import { formatElapsed, type Translate } from "../messages.ts";

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
  /** A second line of help, when there is one. */
  hint: string | null;
  /** Dollr's failure reason, when it gave one. */
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
  reason: string | null;
  kind: PaymentKind | undefined;
  elapsedMs: number;
  longWaitAfterMs: number;
  connectionProblem: boolean;
  locale: string | undefined;
}

/** Whether the phase is final or paused (no more automatic checks). */
export function isSettledPhase(phase: ExecutionStatusPhase): boolean {
  return phase === "succeeded" || phase === "failed" || phase === "expired";
}

/** Works out the words for a status. Pure. */
export function describeExecutionStatus(
  input: DescribeStatusInput,
  t: Translate,
): ExecutionStatusModel {
  const { phase, kind } = input;
  let message: string;
  let hint: string | null = null;
  switch (phase) {
    case "loading":
      message = t("status.loading");
      break;
    case "not_found":
      message = t("status.notFound");
      break;
    case "pending":
      message = kind === "MOBILE_MONEY" ? t("status.processingMobileMoney") : t("status.pending");
      if (kind === "MOBILE_MONEY") hint = t("status.processingMobileMoneyHint");
      break;
    case "processing":
      if (kind === "MOBILE_MONEY") {
        message = t("status.processingMobileMoney");
        hint = t("status.processingMobileMoneyHint");
      } else if (kind === "CARD") {
        message = t("status.processingCard");
      } else {
        message = t("status.processing");
      }
      break;
    case "unknown":
      message = t("status.unknown", { raw: input.raw ?? "" });
      break;
    case "succeeded":
      message = t("status.succeeded");
      break;
    case "failed":
      message = t("status.failed");
      break;
    case "expired":
      message = t("status.expired");
      break;
    default:
      message = phase satisfies never;
  }
  const waiting = !isSettledPhase(phase);
  const longWait = waiting && input.elapsedMs >= input.longWaitAfterMs;
  const longWaitText = longWait ? t("status.longWait") : null;
  const connectionProblem = waiting && input.connectionProblem;
  const connectionText = connectionProblem ? t("status.connectionProblem") : null;
  const reason =
    phase === "failed" && input.reason ? t("status.failedReason", { reason: input.reason }) : null;
  const elapsedText =
    waiting && input.elapsedMs >= 1000
      ? t("status.elapsed", { elapsed: formatElapsed(input.elapsedMs, input.locale) })
      : null;
  const announcement = [message, reason, longWaitText, connectionText].filter(Boolean).join(" ");
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
