/**
 * `errorFromResponse`: an HTTP error answer (Dollr's, or the proxy's relaying Dollr's) read as a
 * `DollrKitError` — the code from the status and the body's words, `fields` from `detail[]`,
 * `retryAfterMs` from `Retry-After`, `ambiguous` from the status or the proxy's say-so.
 */
import { isRecord } from "../internal/is-record.ts";
import {
  DollrKitError,
  type DollrKitErrorCode,
  type DollrKitErrorField,
  type DollrKitSourceConflict,
} from "./dollr-kit-error.ts";

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

/** Reads the body as JSON when it can; `notJson` means there was a body and it is not JSON. */
function readBody(body: unknown): { json: unknown; notJson: boolean } {
  if (typeof body !== "string") return { json: body ?? undefined, notJson: false };
  try {
    return { json: body.trim() === "" ? undefined : JSON.parse(body), notJson: false };
  } catch {
    return { json: undefined, notJson: true };
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

/** The body's own words: its `detail`, `message` and `error` strings, in that order. */
function bodyStrings(json: unknown): string[] {
  if (!isRecord(json)) return [];
  return [json.detail, json.message, json.error].filter((text) => typeof text === "string");
}

/** What the body says, in words: the fields of `detail[]`, else a `detail`, `message` or `error`. */
function bodyText(json: unknown, fields: readonly DollrKitErrorField[]): string | undefined {
  // Fields come from a `detail` array, so they never hide a `detail` string.
  if (fields.length > 0) return describeFields(fields);
  const text = bodyStrings(json).find((words) => words.trim());
  return text === undefined ? undefined : clip(text);
}

// The statuses with a code of their own (5xx, 429 and the 400/422 family are read below).
const STATUS_ERRORS: Readonly<Record<number, readonly [DollrKitErrorCode, string]>> = {
  401: ["UNAUTHORIZED", "Not authorised (HTTP 401)"],
  403: ["FORBIDDEN", "Forbidden (HTTP 403)"],
  404: ["NOT_FOUND", "Not found (HTTP 404)"],
  405: [
    "CONFIGURATION",
    "The endpoint does not accept this method (HTTP 405); check the proxy's routes",
  ],
  408: ["TIMEOUT", "The server timed out (HTTP 408)"],
  409: ["CONFLICT", "Conflict (HTTP 409)"],
  410: ["NOT_FOUND", "Not found (HTTP 410)"],
  413: ["PAYLOAD_TOO_LARGE", "The request is too large (HTTP 413)"],
  415: ["UNSUPPORTED_MEDIA_TYPE", "The request's content type is not accepted (HTTP 415)"],
  429: ["RATE_LIMITED", "Too many requests (HTTP 429)"],
};
// Codes that say the server may have acted before failing: ambiguous for an execute.
const SERVER_SIDE: readonly DollrKitErrorCode[] = ["SERVER", "TIMEOUT", "RATE_LIMITED"];
// Codes that carry the body's `detail[]` as `fields`.
const WITH_FIELDS: readonly DollrKitErrorCode[] = ["CONFLICT", "SESSION_EXPIRED", "VALIDATION"];

// The proxy's own codes the kit acts on (CONTRACT.md §1), read from the body's `code` of a 4xx;
// the body's `detail` says the rest.
const PROXY_CODES: readonly unknown[] = ["SOURCE_BUSY", "ALREADY_PAID", "CARD_USED"];

/** What holds the source, from a `SOURCE_BUSY` or `ALREADY_PAID` body (as the proxy sent it). */
function sourceConflictOf(
  code: DollrKitErrorCode,
  json: Record<string, unknown>,
): DollrKitSourceConflict | undefined {
  const text = (value: unknown) => (typeof value === "string" ? value : null);
  const referenceId = text(json.reference_id);
  return code === "ALREADY_PAID"
    ? { kind: "paid", paidAt: text(json.paid_at) }
    : code === "SOURCE_BUSY" && referenceId
      ? { kind: "busy", referenceId, status: text(json.status) }
      : undefined;
}

/** The code and the words (before the body's own) for an HTTP status. */
function classify(
  status: number,
  json: unknown,
  fields: readonly DollrKitErrorField[],
): readonly [DollrKitErrorCode, string] {
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    return ["INVALID_RESPONSE", `Unexpected HTTP status ${status}`];
  }
  const proxyCode = status < 500 && isRecord(json) ? json.code : undefined;
  if (PROXY_CODES.includes(proxyCode)) {
    return [proxyCode as DollrKitErrorCode, `Refused by the payment proxy (HTTP ${status})`];
  }
  if (status >= 500) return ["SERVER", `The server failed (HTTP ${status})`];
  const known = STATUS_ERRORS[status];
  if (known) return known;
  if (status === 422 || status === 400) {
    // All of the body's words, for recognising "session expired" and "duplicate".
    const words = [
      ...fields.map((field) => `${field.path} ${field.message}`),
      ...bodyStrings(json),
    ].join(" \n ");
    if (SESSION_GONE.test(words)) {
      return ["SESSION_EXPIRED", `The checkout session is expired or unknown (HTTP ${status})`];
    }
    if (DUPLICATE.test(words)) {
      return ["CONFLICT", `Already used with another request (HTTP ${status})`];
    }
  }
  return ["VALIDATION", `The request was rejected (HTTP ${status})`];
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
 * - A 4xx whose body's `code` is the proxy's `SOURCE_BUSY`, `ALREADY_PAID` or `CARD_USED` gets
 *   that code; `sourceConflict` carries the attempt in flight (`reference_id`, `status`) or
 *   `paid_at`, as the proxy sent them.
 * - A JSON body with `"ambiguous": true|false` (the kit's proxy says so) overrides `ambiguous`;
 *   an explicit `false` also makes the error `definite` (nothing was sent).
 * - A status below 400 → `INVALID_RESPONSE`. A body that is not JSON still gives a clear message.
 */
export function errorFromResponse(response: ErrorResponseInput): DollrKitError {
  const { status } = response;
  const { json, notJson } = readBody(response.body);
  const detail = isRecord(json) ? json.detail : undefined;
  const fields = fieldsFromDetail(detail);
  const said = bodyText(json, fields);
  const [code, words] = classify(status, json, fields);
  let message = said ? `${words}: ${said}` : notJson ? `${words} (the body is not JSON)` : words;
  let retryAfterMs: number | undefined;
  if (code === "RATE_LIMITED") {
    retryAfterMs = parseRetryAfter(headerValue(response.headers, "retry-after"), response.now);
    // The wait is what matters here; the body's words are left out.
    message =
      words +
      (retryAfterMs === undefined ? "" : `; retry after ${Math.ceil(retryAfterMs / 1000)} s`);
  }
  const explicitAmbiguous = isRecord(json) ? json.ambiguous : undefined;
  return new DollrKitError(code, message, {
    status,
    detail,
    ambiguous:
      typeof explicitAmbiguous === "boolean"
        ? explicitAmbiguous
        : (response.ambiguousOnServerError ?? false) && SERVER_SIDE.includes(code),
    definite: explicitAmbiguous === false,
    retryAfterMs,
    fields: WITH_FIELDS.includes(code) ? fields : undefined,
    sourceConflict: isRecord(json) ? sourceConflictOf(code, json) : undefined,
  });
}
