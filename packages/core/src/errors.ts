/**
 * The kit's one error type. Every failure the kit reports (network, Dollr's HTTP errors, a
 * response that does not parse, a bad configuration) is a `DollrKitError` with a code from a
 * closed set, so callers switch on `code` and never on message text.
 */

import { isRecord } from "./internal/is-record.ts";

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

/** Options for `new DollrKitError(code, message, options)`. */
export interface DollrKitErrorOptions {
  /** True when the request may have landed (default false). */
  ambiguous?: boolean;
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
  status?: number;
  retryAfterMs?: number;
  fields?: DollrKitErrorField[];
  cause?: { name: string; message: string } | DollrKitErrorJSON;
}

/**
 * The kit's error: a closed `code`, a human-readable `message` that never carries secrets, and
 * `ambiguous` — true when the request may have landed, so an execute must be verified through
 * status with the same `reference_id` rather than sent again.
 */
export class DollrKitError extends Error {
  override readonly name = "DollrKitError";
  /** What went wrong, from the closed set `DOLLR_KIT_ERROR_CODES`. */
  readonly code: DollrKitErrorCode;
  /** True when the request may have landed (network loss, timeout, 5xx, 429 on a write). */
  readonly ambiguous: boolean;
  /** The HTTP status, when there was an answer. */
  readonly status: number | undefined;
  /** Dollr's raw `detail` (string or `detail[]`), as received. */
  readonly detail: unknown;
  /** Milliseconds to wait before trying again, when the server said (`Retry-After`). */
  readonly retryAfterMs: number | undefined;
  /** The rejected fields; empty unless `VALIDATION`/`INVALID_RESPONSE` (and sometimes `CONFLICT`). */
  readonly fields: readonly DollrKitErrorField[];

  constructor(code: DollrKitErrorCode, message: string, options: DollrKitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.ambiguous = options.ambiguous ?? false;
    this.status = options.status;
    this.detail = options.detail;
    this.retryAfterMs = options.retryAfterMs;
    this.fields = Object.freeze([...(options.fields ?? [])]);
  }

  /** A plain object for logs: code, message, status, fields and the cause's name and message. */
  toJSON(): DollrKitErrorJSON {
    const json: DollrKitErrorJSON = {
      name: "DollrKitError",
      code: this.code,
      message: this.message,
      ambiguous: this.ambiguous,
    };
    if (this.status !== undefined) json.status = this.status;
    if (this.retryAfterMs !== undefined) json.retryAfterMs = this.retryAfterMs;
    if (this.fields.length > 0) {
      json.fields = this.fields.map(({ path, message, type }) =>
        type === undefined ? { path, message } : { path, message, type },
      );
    }
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

/** Response headers as fetch (`Headers`), Node (`IncomingHttpHeaders`) or a plain record has them. */
export type HeadersLike =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/** The parts of an HTTP answer `errorFromResponse` reads. */
export interface ErrorResponseInput {
  /** The HTTP status. */
  status: number;
  /** The body: its text (parsed here when JSON) or the already-parsed JSON value. */
  body?: unknown;
  /** The response headers (only `Retry-After` is read). */
  headers?: HeadersLike;
  /** Whether a 5xx, 408 or 429 leaves the request ambiguous (true for execute; default false). */
  ambiguousOnServerError?: boolean;
  /** The current time in ms, for an HTTP-date `Retry-After` (default `Date.now()`). */
  now?: number;
}

// Dollr's words for "this session is gone" and "this reference was used before" (api-notes §2.3).
const SESSION_GONE =
  /\bsession(?:_id)?\b[^.;\n]*?\b(expired|not found|does not exist|no longer|inactive)\b|\b(expired|unknown|invalid)\s+session\b/i;
const DUPLICATE = /\b(duplicate|already exists|already used|already been used)\b/i;
const REQUEST_LOCATIONS = new Set(["body", "query", "path", "header", "cookie"]);
const MAX_MESSAGE_DETAIL = 200;
const MAX_LISTED_FIELDS = 3;

function headerValue(headers: HeadersLike | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as { get?: unknown }).get === "function") {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() !== wanted) continue;
    if (typeof value === "string") return value;
    if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  }
  return undefined;
}

/**
 * Reads `Retry-After` (delay in seconds, or an HTTP date) as milliseconds from `now`.
 * Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // HTTP dates always name a weekday or month; this keeps bare numbers like "-1" out of Date.parse.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

type BodyKind = "empty" | "json" | "text";

/** Reads the body as JSON when it can: "text" means there was a body and it is not JSON. */
function readBody(body: unknown): { json: unknown; kind: BodyKind } {
  if (body === undefined || body === null) return { json: undefined, kind: "empty" };
  if (typeof body !== "string") return { json: body, kind: "json" };
  if (body.trim() === "") return { json: undefined, kind: "empty" };
  try {
    return { json: JSON.parse(body), kind: "json" };
  } catch {
    return { json: undefined, kind: "text" };
  }
}

/** Reads pydantic's `detail[]` items (v1 and v2 spellings, extra keys ignored) as fields. */
function fieldsFromDetail(detail: unknown): DollrKitErrorField[] {
  if (!Array.isArray(detail)) return [];
  const fields: DollrKitErrorField[] = [];
  for (const item of detail) {
    if (!isRecord(item)) continue;
    const loc = Array.isArray(item.loc)
      ? item.loc.filter((part) => typeof part === "string" || typeof part === "number")
      : [];
    const rest = loc.length > 0 && REQUEST_LOCATIONS.has(String(loc[0])) ? loc.slice(1) : loc;
    const path = (rest.length > 0 ? rest : loc).join(".");
    const message = typeof item.msg === "string" ? item.msg : "invalid value";
    const field: DollrKitErrorField = { path, message };
    if (typeof item.type === "string") field.type = item.type;
    fields.push(field);
  }
  return fields;
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_MESSAGE_DETAIL ? `${oneLine.slice(0, MAX_MESSAGE_DETAIL)}…` : oneLine;
}

function describeFields(fields: readonly DollrKitErrorField[]): string {
  const listed = fields
    .slice(0, MAX_LISTED_FIELDS)
    .map((field) => clip(field.path ? `${field.path}: ${field.message}` : field.message));
  const more = fields.length - listed.length;
  return listed.join("; ") + (more > 0 ? ` (and ${more} more)` : "");
}

/** What the body says, in words: a `detail` string, the fields of `detail[]`, or a `message`. */
function bodyText(json: unknown, fields: readonly DollrKitErrorField[]): string | undefined {
  if (!isRecord(json)) return undefined;
  if (typeof json.detail === "string" && json.detail.trim()) return clip(json.detail);
  if (fields.length > 0) return describeFields(fields);
  if (typeof json.message === "string" && json.message.trim()) return clip(json.message);
  if (typeof json.error === "string" && json.error.trim()) return clip(json.error);
  return undefined;
}

/** All of the body's words in one string, for recognising "session expired" and "duplicate". */
function searchableText(json: unknown, fields: readonly DollrKitErrorField[]): string {
  if (!isRecord(json)) return "";
  const parts = fields.map((field) => `${field.path} ${field.message}`);
  for (const key of ["detail", "message", "error"]) {
    if (typeof json[key] === "string") parts.push(json[key] as string);
  }
  return parts.join(" \n ");
}

/**
 * Turns an HTTP error answer from Dollr (or from the kit's proxy, which relays Dollr's bodies)
 * into a `DollrKitError`:
 * - 422 (and 400) `{"detail": [{loc, msg, type}]}` → `VALIDATION` with `fields`, unless the words
 *   say the session is expired/not found (`SESSION_EXPIRED`) or the reference is a duplicate /
 *   already exists (`CONFLICT`).
 * - 401 `UNAUTHORIZED`, 403 `FORBIDDEN`, 404/410 `NOT_FOUND`, 405 `CONFIGURATION`, 408 `TIMEOUT`,
 *   409 `CONFLICT`, 413 `PAYLOAD_TOO_LARGE`, 415 `UNSUPPORTED_MEDIA_TYPE`, other 4xx `VALIDATION`.
 * - 429 `RATE_LIMITED` with `retryAfterMs` from `Retry-After` (seconds or an HTTP date).
 * - 5xx `SERVER`. 5xx, 408 and 429 are `ambiguous` when `ambiguousOnServerError` is true.
 * - A JSON body with `"ambiguous": true|false` (the kit's proxy says so) overrides `ambiguous`.
 * - A status below 400 → `INVALID_RESPONSE`. A body that is not JSON still gives a clear message.
 */
export function errorFromResponse(response: ErrorResponseInput): DollrKitError {
  const { status, headers, ambiguousOnServerError = false } = response;
  const { json, kind } = readBody(response.body);
  const detail = isRecord(json) ? json.detail : undefined;
  const fields = fieldsFromDetail(detail);
  const said = bodyText(json, fields);
  const explicitAmbiguous =
    isRecord(json) && typeof json.ambiguous === "boolean" ? json.ambiguous : undefined;
  const base = {
    status,
    detail,
    ambiguous: explicitAmbiguous ?? false,
  } satisfies DollrKitErrorOptions;
  const serverSide = { ...base, ambiguous: explicitAmbiguous ?? ambiguousOnServerError };
  const because = (fallback: string) =>
    said
      ? `${fallback}: ${said}`
      : kind === "text"
        ? `${fallback} (the body is not JSON)`
        : fallback;

  if (!Number.isInteger(status) || status < 400 || status > 599) {
    return new DollrKitError("INVALID_RESPONSE", because(`Unexpected HTTP status ${status}`), base);
  }
  if (status >= 500) {
    return new DollrKitError("SERVER", because(`The server failed (HTTP ${status})`), serverSide);
  }
  switch (status) {
    case 401:
      return new DollrKitError("UNAUTHORIZED", because("Not authorised (HTTP 401)"), base);
    case 403:
      return new DollrKitError("FORBIDDEN", because("Forbidden (HTTP 403)"), base);
    case 404:
    case 410:
      return new DollrKitError("NOT_FOUND", because(`Not found (HTTP ${status})`), base);
    case 405:
      return new DollrKitError(
        "CONFIGURATION",
        because("The endpoint does not accept this method (HTTP 405); check the proxy's routes"),
        base,
      );
    case 408:
      return new DollrKitError("TIMEOUT", because("The server timed out (HTTP 408)"), serverSide);
    case 409:
      return new DollrKitError("CONFLICT", because("Conflict (HTTP 409)"), { ...base, fields });
    case 413:
      return new DollrKitError(
        "PAYLOAD_TOO_LARGE",
        because("The request is too large (HTTP 413)"),
        base,
      );
    case 415:
      return new DollrKitError(
        "UNSUPPORTED_MEDIA_TYPE",
        because("The request's content type is not accepted (HTTP 415)"),
        base,
      );
    case 429: {
      const retryAfterMs = parseRetryAfter(headerValue(headers, "retry-after"), response.now);
      const wait =
        retryAfterMs === undefined ? "" : `; retry after ${Math.ceil(retryAfterMs / 1000)} s`;
      return new DollrKitError("RATE_LIMITED", `Too many requests (HTTP 429)${wait}`, {
        ...serverSide,
        retryAfterMs,
      });
    }
  }
  const words = searchableText(json, fields);
  if ((status === 422 || status === 400) && SESSION_GONE.test(words)) {
    return new DollrKitError(
      "SESSION_EXPIRED",
      because(`The checkout session is expired or unknown (HTTP ${status})`),
      { ...base, fields },
    );
  }
  if ((status === 422 || status === 400) && DUPLICATE.test(words)) {
    return new DollrKitError(
      "CONFLICT",
      because(`Already used with another request (HTTP ${status})`),
      { ...base, fields },
    );
  }
  return new DollrKitError("VALIDATION", because(`The request was rejected (HTTP ${status})`), {
    ...base,
    fields,
  });
}
