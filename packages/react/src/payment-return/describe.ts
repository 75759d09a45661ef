import type { CustomerWords } from "../internal/error-words.ts";
import type { MessageKey, Translate } from "../messages.ts";

/**
 * Where the source stands on the return page (`data-state`), from the proxy's answer only:
 * - `loading`: no answer yet;
 * - `idle` / `active` / `processing` / `paid` / `canceled`: Dollr's IDLE, ACTIVE, PROCESSING,
 *   PAID, CANCELED (`checking` says whether the kit is still looking on its own);
 * - `unknown`: a status word the kit does not know (in progress; the word is shown);
 * - `expired`: still PROCESSING at the polling cap: the kit stopped looking by itself;
 * - `not_found` (404, or a `source` that is not an invoice or order) / `forbidden` (403):
 *   the proxy will not tell this customer about the source;
 * - `refused`: another final refusal (signed out, a rejected query): `message` says what to do.
 */
export type PaymentReturnPhase =
  | "loading"
  | "idle"
  | "active"
  | "processing"
  | "unknown"
  | "paid"
  | "canceled"
  | "expired"
  | "not_found"
  | "forbidden"
  | "refused";

/** Everything the return page shows, worked out from the state alone. */
export interface PaymentReturnModel {
  phase: PaymentReturnPhase;
  /** Dollr's raw status word, when there was an answer. */
  raw: string | null;
  /** PAID or CANCELED: it will not change again. */
  terminal: boolean;
  /** True while the kit keeps asking on its own (timers, not only focus and reconnect). */
  checking: boolean;
  /** The main line. */
  message: string;
  /** A second line of help, when there is one. */
  hint: string | null;
  /** "Order ORD-2026-00042: $12.50", once Dollr named the source and its total. */
  summary: string | null;
  /** True while status checks are failing (the kit keeps trying). */
  connectionProblem: boolean;
  connectionText: string | null;
  /** Whether "Check again" makes sense now (not checking, not final). */
  canCheckAgain: boolean;
  /** What the live region says; changes only when the words change. */
  announcement: string;
}

export interface DescribePaymentReturnInput {
  phase: PaymentReturnPhase;
  raw: string | null;
  checking: boolean;
  connectionProblem: boolean;
  /** Words for a `refused` phase (from the error's code, never its text). */
  refusal: CustomerWords | null;
  /** The summary line, already worded (it needs the source's number and formatted total). */
  summary: string | null;
  /** Whether a check can be made at all (false for a `source` that is not one). */
  checkable: boolean;
}

// A status word as Dollr writes them (`ON_HOLD`): only such a word is shown.
const STATUS_WORD = /^[A-Z][A-Z_]{0,31}$/;

const MESSAGES: Record<Exclude<PaymentReturnPhase, "refused">, MessageKey> = {
  loading: "paymentReturn.loading",
  idle: "paymentReturn.idle",
  active: "paymentReturn.active",
  processing: "paymentReturn.processing",
  unknown: "paymentReturn.processing",
  paid: "paymentReturn.paid",
  canceled: "paymentReturn.canceled",
  expired: "paymentReturn.expired",
  not_found: "paymentReturn.notFound",
  forbidden: "paymentReturn.forbidden",
};

const HINTS: Partial<Record<PaymentReturnPhase, MessageKey>> = {
  active: "paymentReturn.activeHint",
  processing: "paymentReturn.processingHint",
  unknown: "paymentReturn.processingHint",
  canceled: "paymentReturn.canceledHint",
};

/** Works out the return page's words. Pure. */
export function describePaymentReturn(
  input: DescribePaymentReturnInput,
  t: Translate,
): PaymentReturnModel {
  const { phase, checking } = input;
  // ACTIVE (or IDLE) just after a return: the payment may be landing, so say "checking" until
  // the kit stops looking, and only then that it has not started.
  const landing = checking && (phase === "active" || phase === "idle");
  let message: string;
  if (phase === "refused") message = input.refusal?.title ?? t("paymentReturn.notFound");
  else if (landing) message = t("paymentReturn.checking");
  else if (phase === "unknown" && input.raw !== null && STATUS_WORD.test(input.raw.trim()))
    message = t("paymentReturn.unknown", { raw: input.raw.trim() });
  else message = t(MESSAGES[phase]);
  const hintKey = landing ? undefined : HINTS[phase];
  const hint = phase === "refused" ? (input.refusal?.action ?? null) : hintKey ? t(hintKey) : null;
  const terminal = phase === "paid" || phase === "canceled";
  const connectionProblem = !terminal && input.connectionProblem;
  const connectionText = connectionProblem ? t("status.connectionProblem") : null;
  const summary = phase === "loading" ? null : input.summary;
  return {
    phase,
    raw: input.raw,
    terminal,
    checking,
    message,
    hint,
    summary,
    connectionProblem,
    connectionText,
    canCheckAgain: input.checkable && !checking && !terminal && phase !== "loading",
    announcement: [message, hint, connectionText].filter(Boolean).join(" "),
  };
}
