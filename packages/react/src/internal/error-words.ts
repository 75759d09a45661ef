/**
 * Plain words for the customer: what happened and what to do, in the second person. They are
 * chosen from an error's `code` (or HTTP `status`) and from known words in Dollr's failure
 * reason, and never copy the error's own `message` or the server's text, which can carry HTTP
 * jargon, field paths or anything a hostile server sends. That text stays on the error objects
 * for `onEvent`, `onFailure` and logs.
 */
import type { Translate } from "../messages.ts";

/** What the customer reads: what happened (`title`) and what to do next (`action`). */
export interface CustomerWords {
  /** Which words these are (for `data-reason`, styling and tests); never shown. */
  kind: CustomerErrorKind | CustomerFailureKind;
  title: string;
  action: string;
}

/** The kinds of error words, one pair of messages each (`error.{kind}` and `error.{kind}Action`). */
export type CustomerErrorKind =
  | "network"
  | "timeout"
  | "aborted"
  | "rateLimited"
  | "invalid"
  | "phoneRejected"
  | "nameRejected"
  | "signedOut"
  | "forbidden"
  | "notFound"
  | "sessionExpired"
  | "conflict"
  | "sourceBusy"
  | "alreadyPaid"
  | "cardUsed"
  | "server"
  | "service"
  | "unknown";

/** The kinds of failure words (`failure.{kind}` and `failure.{kind}Action`). */
export type CustomerFailureKind =
  | "notApproved"
  | "insufficientFunds"
  | "payerNotFound"
  | "otherPayment"
  | "limit"
  | "authentication"
  | "declined"
  | "unknown";

// Every `DollrKitError` code (core's errors.ts), plus the engine's `UNEXPECTED`.
const BY_CODE: Readonly<Record<string, CustomerErrorKind>> = {
  NETWORK: "network",
  TIMEOUT: "timeout",
  ABORTED: "aborted",
  RATE_LIMITED: "rateLimited",
  VALIDATION: "invalid",
  UNAUTHORIZED: "signedOut",
  FORBIDDEN: "forbidden",
  NOT_FOUND: "notFound",
  SESSION_EXPIRED: "sessionExpired",
  CONFLICT: "conflict",
  PAYLOAD_TOO_LARGE: "service",
  UNSUPPORTED_MEDIA_TYPE: "service",
  SERVER: "server",
  INVALID_RESPONSE: "service",
  CONFIGURATION: "service",
  SOURCE_BUSY: "sourceBusy",
  ALREADY_PAID: "alreadyPaid",
  CARD_USED: "cardUsed",
  UNEXPECTED: "unknown",
};

/** The kind for an HTTP status alone (an error object without a code). */
function kindOfStatus(status: number): CustomerErrorKind {
  if (status === 401) return "signedOut";
  if (status === 403) return "forbidden";
  if (status === 404 || status === 410) return "notFound";
  if (status === 408) return "timeout";
  if (status === 409) return "conflict";
  if (status === 429) return "rateLimited";
  if (status >= 500 && status <= 599) return "server";
  if (status >= 400 && status <= 499) return "invalid";
  return "service";
}

// Field paths of a rejected request that the customer typed (Dollr's 422 `detail[].loc`).
const PHONE_FIELD = /(^|\.)(phone|msisdn|account_number|insensitive_account_number)$/i;
const NAME_FIELD = /(^|\.)(account_name|name|fullname)$/i;

/** A validation error names the field: the phone or the name gets words of its own. */
function kindOfFields(fields: unknown): CustomerErrorKind {
  if (!Array.isArray(fields)) return "invalid";
  const paths = fields.map((field: unknown) =>
    field && typeof field === "object" && typeof (field as { path?: unknown }).path === "string"
      ? (field as { path: string }).path
      : "",
  );
  if (paths.some((path) => PHONE_FIELD.test(path))) return "phoneRejected";
  if (paths.some((path) => NAME_FIELD.test(path))) return "nameRejected";
  return "invalid";
}

/** Reads a property of an unknown value without trusting its shape. */
function read(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object"
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/**
 * Which words fit an error: its `code` (a `DollrKitError`, an engine `EngineErrorInfo`, or any
 * `{ code }`), else its `status`, else what the platform threw (a fetch `TypeError` is the
 * network; an `AbortError` or `TimeoutError` says so). Never its `message`.
 */
export function customerErrorKind(error: unknown): CustomerErrorKind {
  const code = read(error, "code");
  if (typeof code === "string" && Object.hasOwn(BY_CODE, code)) {
    const kind = BY_CODE[code] as CustomerErrorKind;
    return kind === "invalid" ? kindOfFields(read(error, "fields")) : kind;
  }
  const status = read(error, "status");
  if (typeof status === "number" && Number.isInteger(status)) return kindOfStatus(status);
  const name = read(error, "name");
  if (name === "AbortError") return "aborted";
  if (name === "TimeoutError") return "timeout";
  // fetch rejects with a TypeError when there is no answer at all (offline, DNS, CORS).
  if (error instanceof TypeError) return "network";
  return "unknown";
}

function wordsOf(kind: CustomerErrorKind, t: Translate): CustomerWords {
  return {
    kind,
    title: t(`error.${kind}`),
    action: t(`error.${kind}Action`),
  };
}

/**
 * What the customer reads about an error: what happened and what to do. Takes anything thrown
 * or kept (`DollrKitError`, `EngineErrorInfo`, a fetch error, `unknown`); reads only its code,
 * status, field paths and error name, never its text.
 *
 * @example
 * const { title, action } = customerWordsFor(error, t); // "We couldn't reach the payment service." …
 */
export function customerWordsFor(error: unknown, t: Translate): CustomerWords {
  return wordsOf(customerErrorKind(error), t);
}

/** The words as one line ("What happened. What to do."), for slots that take a sentence. */
export function customerText(words: CustomerWords): string {
  return [words.title, words.action].filter(Boolean).join(" ");
}

// Known words in Dollr's free-text failure reasons (`gateway_message`, `wallet_message`):
// pawaPay's failure codes and the usual phrasings. The first match wins, so the specific
// (3D Secure, another payment) come before the general (expired, declined).
const FAILURE_PATTERNS: readonly (readonly [CustomerFailureKind, RegExp])[] = [
  ["authentication", /3-?d ?secure|\b3ds\b|authenticat/i],
  [
    "otherPayment",
    /payment[ _]in[ _]progress|another (payment|transaction)|pending (payment|transaction)/i,
  ],
  ["insufficientFunds", /insufficient|not enough (funds|balance|money)|low balance/i],
  [
    "payerNotFound",
    /payer[ _]not[ _]found|not registered|unknown subscriber|invalid (msisdn|phone|number)/i,
  ],
  ["limit", /limit/i],
  [
    "notApproved",
    /not[ _]approved|(did not|didn't) approve|not confirmed|not authori[sz]ed|timed?[ _]?out|expired/i,
  ],
  ["declined", /declin|reject|refused|do not honou?r/i],
];

// A reason is read, never shown; a long one is cut before matching (hostile text, slow regexes).
const MAX_REASON_READ = 500;

/** Which failure words fit Dollr's reason text (`unknown` when none, or no reason). */
export function customerFailureKind(reason: string | null | undefined): CustomerFailureKind {
  if (typeof reason !== "string" || reason.trim() === "") return "unknown";
  const text = reason.slice(0, MAX_REASON_READ);
  return FAILURE_PATTERNS.find(([, pattern]) => pattern.test(text))?.[0] ?? "unknown";
}

/**
 * What the customer reads about a failed payment, from the known words of Dollr's reason
 * (`gateway_message` / `wallet_message`): "The payment wasn't approved on your phone in time."
 * + "Try again, and enter your PIN …". Unknown or missing reasons get general words. The reason
 * itself is never shown.
 */
export function failureWordsFor(reason: string | null | undefined, t: Translate): CustomerWords {
  const kind = customerFailureKind(reason);
  return {
    kind,
    title: t(`failure.${kind}`),
    action: t(`failure.${kind}Action`),
  };
}
