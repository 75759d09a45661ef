/**
 * `DollrKitError`, its closed set of codes and its options, and `isDollrKitError`, which also
 * knows one from another copy of this package.
 */

/** Every error code, as a runtime list (for exhaustive checks and validation). */
export const DOLLR_KIT_ERROR_CODES = Object.freeze([
  "NETWORK",
  "TIMEOUT",
  "ABORTED",
  "RATE_LIMITED",
  "VALIDATION",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "SESSION_EXPIRED",
  "CONFLICT",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "SERVER",
  "INVALID_RESPONSE",
  "CONFIGURATION",
  "SOURCE_BUSY",
  "ALREADY_PAID",
  "CARD_USED",
] as const);

/**
 * What went wrong, as a closed set:
 * - `NETWORK`: no HTTP answer (connection refused, dropped, DNS, CORS).
 * - `TIMEOUT`: no answer in time (the kit's own timeout, or HTTP 408).
 * - `ABORTED`: the caller aborted the request (an `AbortSignal`).
 * - `RATE_LIMITED`: HTTP 429; `retryAfterMs` says when to try again, when the server said.
 * - `VALIDATION`: the request was rejected as invalid; `fields` lists what and where.
 * - `UNAUTHORIZED`: HTTP 401 (missing or bad credentials).
 * - `FORBIDDEN`: HTTP 403 (e.g. the merchant's verification is incomplete, or not the customer's).
 * - `NOT_FOUND`: HTTP 404/410 (e.g. status of a `reference_id` Dollr never saw).
 * - `SESSION_EXPIRED`: the checkout session is expired or unknown: start a new session and id.
 * - `CONFLICT`: a `reference_id` (or other unique value) reused with another payload.
 * - `PAYLOAD_TOO_LARGE`: HTTP 413.
 * - `UNSUPPORTED_MEDIA_TYPE`: HTTP 415.
 * - `SERVER`: HTTP 5xx.
 * - `INVALID_RESPONSE`: an answer the kit cannot read (wrong shape, not JSON, unexpected status).
 * - `CONFIGURATION`: the kit or the proxy is set up wrongly (missing option, unknown route).
 * - `SOURCE_BUSY`: the proxy says another attempt holds the source (on this or another device);
 *   `sourceConflict` names it, so it can be followed through status.
 * - `ALREADY_PAID`: the proxy says the source is paid; `sourceConflict.paidAt` says when, if known.
 * - `CARD_USED`: a single-use card account is already bound to another payment: the card must
 *   be added again (a new card account).
 */
export type DollrKitErrorCode = (typeof DOLLR_KIT_ERROR_CODES)[number];

/** One rejected field of a request (from Dollr's 422 `detail[]`) or of a response being parsed. */
export interface DollrKitErrorField {
  /** Dotted path of the field without the `body`/`query` prefix, e.g. `"currency"`, `"items.0.amount"`. */
  path: string;
  /** What is wrong, in words (Dollr's `msg`, or the parser's description). */
  message: string;
  /** The machine type of the problem when known, e.g. `"value_error.missing"` or `"missing"`. */
  type?: string;
}

/**
 * What holds a source, as the proxy's `SOURCE_BUSY` (the attempt in flight and its last known
 * status word) or `ALREADY_PAID` (when, if known) says.
 */
export type DollrKitSourceConflict =
  | { kind: "busy"; referenceId: string; status: string | null }
  | { kind: "paid"; paidAt: string | null };

/** Options for `new DollrKitError(code, message, options)`. */
export interface DollrKitErrorOptions {
  /** True when the request may have landed (default false). */
  ambiguous?: boolean;
  /** True when the answer said outright that nothing was sent (`"ambiguous": false`). */
  definite?: boolean;
  /** What holds the source (`SOURCE_BUSY`, `ALREADY_PAID`). */
  sourceConflict?: DollrKitSourceConflict | undefined;
  /** The HTTP status, when there was an answer. */
  status?: number;
  /** Dollr's raw `detail` (string or array), kept for callers; left out of `toJSON()`. */
  detail?: unknown;
  /** Milliseconds to wait before trying again (`RATE_LIMITED`). */
  retryAfterMs?: number;
  /** The rejected fields (`VALIDATION`, `INVALID_RESPONSE`). */
  fields?: readonly DollrKitErrorField[];
  /** The underlying error (a fetch `TypeError`, an `AbortError`, …). */
  cause?: unknown;
}

/** The JSON form of a `DollrKitError`: safe to log (no raw detail, no request data). */
export interface DollrKitErrorJSON {
  name: "DollrKitError";
  code: DollrKitErrorCode;
  message: string;
  ambiguous: boolean;
  definite?: true;
  status?: number;
  retryAfterMs?: number;
  fields?: DollrKitErrorField[];
  sourceConflict?: DollrKitSourceConflict;
  cause?: { name: string; message: string } | DollrKitErrorJSON;
}

/**
 * The kit's error: a closed `code`, a human-readable `message` that never carries secrets, and
 * `ambiguous` — true when the request may have landed, so an execute must be verified through
 * status with the same `reference_id` rather than sent again.
 */
export class DollrKitError extends Error {
  override readonly name = "DollrKitError";
  // The fields below are `declare`d: the constructor assigns each (in this order), so no
  // separate field definitions need shipping.
  /** What went wrong, from the closed set `DOLLR_KIT_ERROR_CODES`. */
  declare readonly code: DollrKitErrorCode;
  /** True when the request may have landed (network loss, timeout, 5xx, 429 on a write). */
  declare readonly ambiguous: boolean;
  /**
   * True only when the answer said so outright (`"ambiguous": false` in the proxy's body): it was
   * refused before anything was sent, so there is nothing to verify. `ambiguous: false` alone is
   * just the default and proves nothing.
   */
  declare readonly definite: boolean;
  /** The HTTP status, when there was an answer. */
  declare readonly status: number | undefined;
  /** Dollr's raw `detail` (string or `detail[]`), as received. */
  declare readonly detail: unknown;
  /** Milliseconds to wait before trying again, when the server said (`Retry-After`). */
  declare readonly retryAfterMs: number | undefined;
  /** The rejected fields; empty unless `VALIDATION`/`INVALID_RESPONSE` (and sometimes `CONFLICT`). */
  declare readonly fields: readonly DollrKitErrorField[];
  /** What holds the source, for `SOURCE_BUSY` (the attempt in flight) and `ALREADY_PAID`. */
  declare readonly sourceConflict: DollrKitSourceConflict | undefined;

  constructor(code: DollrKitErrorCode, message: string, options: DollrKitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.ambiguous = options.ambiguous ?? false;
    // An answer cannot be both: "it may have landed" wins.
    this.definite = options.definite === true && !this.ambiguous;
    this.status = options.status;
    this.detail = options.detail;
    this.retryAfterMs = options.retryAfterMs;
    this.fields = Object.freeze([...(options.fields ?? [])]);
    this.sourceConflict = options.sourceConflict;
  }

  /** A plain object for logs: code, message, status, fields and the cause's name and message. */
  toJSON(): DollrKitErrorJSON {
    const json: DollrKitErrorJSON = {
      name: "DollrKitError",
      code: this.code,
      message: this.message,
      ambiguous: this.ambiguous,
    };
    if (this.definite) json.definite = true;
    if (this.status !== undefined) json.status = this.status;
    if (this.retryAfterMs !== undefined) json.retryAfterMs = this.retryAfterMs;
    if (this.fields.length > 0) {
      json.fields = this.fields.map(({ path, message, type }) =>
        type === undefined ? { path, message } : { path, message, type },
      );
    }
    if (this.sourceConflict) json.sourceConflict = { ...this.sourceConflict };
    const cause = this.cause;
    if (cause instanceof DollrKitError) json.cause = cause.toJSON();
    else if (cause instanceof Error) json.cause = { name: cause.name, message: cause.message };
    return json;
  }
}

/**
 * Whether `value` is a `DollrKitError` (optionally with one of the given codes). Also
 * recognises one from another copy of this package, by its shape.
 */
export function isDollrKitError(
  value: unknown,
  ...codes: DollrKitErrorCode[]
): value is DollrKitError {
  const matches =
    value instanceof DollrKitError ||
    (value instanceof Error &&
      value.name === "DollrKitError" &&
      (DOLLR_KIT_ERROR_CODES as readonly unknown[]).includes((value as DollrKitError).code) &&
      typeof (value as DollrKitError).ambiguous === "boolean");
  return matches && (codes.length === 0 || codes.includes((value as DollrKitError).code));
}
