/**
 * HTTP plumbing: the proxy's answers (always JSON, never cached) and reading a request body
 * within the contract's limits, before anything is forwarded.
 */
import { MAX_REQUEST_BODY_BYTES, type ValidationDetailItem } from "@dollr-kit/core/internal";

/** The machine-readable `code` of an error the proxy itself answers. */
export type ProxyErrorCode =
  | "NOT_FOUND"
  | "ORIGIN_FORBIDDEN"
  | "HOST_FORBIDDEN"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "VALIDATION"
  | "CONFLICT"
  | "CARD_USED"
  | "SOURCE_BUSY"
  | "ALREADY_PAID"
  | "ACCOUNT_LIMIT"
  | "RATE_LIMITED"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "UPSTREAM_UNREACHABLE"
  | "UPSTREAM_TIMEOUT"
  | "UPSTREAM_AUTH"
  | "UPSTREAM_INVALID"
  | "STORE_UNAVAILABLE"
  | "INTERNAL";

/** An answer before it becomes a `Response` (so one answer can be shared by duplicate requests). */
export interface Answer {
  status: number;
  /** A JSON value, or undefined for no body (204). */
  body: unknown;
  headers?: Record<string, string>;
}

/** A JSON answer. */
export function answer(status: number, body: unknown, headers?: Record<string, string>): Answer {
  return headers ? { status, body, headers } : { status, body };
}

/**
 * An error answered by the proxy itself: `{"detail": "...", "code": "..."}` (Dollr's `detail`,
 * plus the kit's `code`), and `ambiguous` when the answer is about an execute's fate.
 */
export function problem(
  status: number,
  code: ProxyErrorCode,
  detail: string,
  extra: Record<string, unknown> = {},
): Answer {
  return { status, body: { detail, code, ...extra } };
}

/**
 * The same answer, marked as decided by the proxy before anything reached Dollr
 * (`"ambiguous": false`) unless it already says. Only for error answers with an object body.
 */
export function definite(result: Answer): Answer {
  const body = result.body;
  if (result.status < 400 || body === null || typeof body !== "object" || Array.isArray(body)) {
    return result;
  }
  if ("ambiguous" in body) return result;
  return { ...result, body: { ...body, ambiguous: false } };
}

/** A 422 in Dollr's own shape: `{"detail": [{loc, msg, type}], "code": "VALIDATION"}`. */
export function validationProblem(detail: ValidationDetailItem[]): Answer {
  return { status: 422, body: { detail, code: "VALIDATION" } };
}

/** A 422 about one field. */
export function fieldProblem(loc: (string | number)[], msg: string, type = "value_error"): Answer {
  return validationProblem([{ loc, msg, type }]);
}

/** An answer as it goes on the wire: status, headers (lower-case names) and the body's text. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** JSON text, or null for no body (204). */
  body: string | null;
}

/**
 * Where a fetch handler of this package keeps its `(Request) => Promise<Reply>` twin. The Node
 * adapter uses it to write the reply straight to the socket, without building a `Response` and
 * reading it back through a stream; every other caller gets the same reply as a `Response`.
 */
export const REPLY: unique symbol = Symbol.for("@dollr-kit/server.reply") as never;

/** Serialises an answer with the proxy's standard headers. */
export function toReply(result: Answer, headers: Record<string, string>): Reply {
  const all: Record<string, string> = {
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  };
  setAll(all, headers);
  if (result.headers) setAll(all, result.headers);
  if (result.body === undefined) return { status: result.status, headers: all, body: null };
  all["content-type"] = "application/json; charset=utf-8";
  return { status: result.status, headers: all, body: JSON.stringify(result.body) };
}

/** A reply as a `Response`. */
export function replyResponse(reply: Reply): Response {
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}

/** Turns an answer into a `Response` with the proxy's standard headers. */
export function toResponse(result: Answer, headers: Record<string, string>): Response {
  return replyResponse(toReply(result, headers));
}

/** A bare JSON error `Response` the adapters give before the proxy runs (no route, bad request). */
export function plainAnswer(status: number, detail: string): Response {
  const code = status === 404 ? "NOT_FOUND" : status === 400 ? "VALIDATION" : "INTERNAL";
  return new Response(JSON.stringify({ detail, code }), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
}

/** Copies headers in, by lower-case name (as `Headers` would: a later value replaces). */
function setAll(into: Record<string, string>, from: Record<string, string>): void {
  for (const name of Object.keys(from)) into[name.toLowerCase()] = from[name] as string;
}

/** Why a body could not be read; each maps to one answer. */
export type BodyProblem =
  | { kind: "media-type" }
  | { kind: "too-large" }
  | { kind: "invalid"; detail: ValidationDetailItem[] };

const JSON_MEDIA_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** Whether a write's `Content-Type` is JSON (UTF-8 only) and its body is not encoded. */
export function isJsonWrite(request: Request): boolean {
  const type = request.headers.get("content-type");
  const encoding = request.headers.get("content-encoding");
  const plain = encoding === null || encoding.trim().toLowerCase() === "identity";
  return type !== null && JSON_MEDIA_TYPE.test(type.trim()) && plain;
}

/**
 * Reads a JSON object body: 415 unless `Content-Type: application/json`, 413 past 16 KiB (the
 * declared length is checked before reading; the stream is cut as soon as it is too long), 422
 * unless it is well-formed UTF-8 JSON whose top level is an object.
 */
export async function readJsonObject(
  request: Request,
  limit = MAX_REQUEST_BODY_BYTES,
): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; problem: BodyProblem }> {
  if (!isJsonWrite(request)) return { ok: false, problem: { kind: "media-type" } };
  const declared = request.headers.get("content-length");
  if (declared !== null && (!/^\d+$/.test(declared.trim()) || Number(declared) > limit)) {
    return {
      ok: false,
      problem: /^\d+$/.test(declared.trim())
        ? { kind: "too-large" }
        : invalid("Unreadable Content-Length"),
    };
  }
  const bytes = await readCapped(request, limit);
  if (bytes === "too-large") return { ok: false, problem: { kind: "too-large" } };
  if (bytes === "unreadable") return { ok: false, problem: invalid("The body could not be read") };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: invalid("The body is not valid UTF-8", "utf8_invalid") };
  }
  if (text.trim() === "") {
    return {
      ok: false,
      problem: {
        kind: "invalid",
        detail: [{ loc: ["body"], msg: "Field required", type: "missing" }],
      },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: invalid("JSON decode error", "json_invalid") };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, problem: invalid("Expected a JSON object", "model_type") };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

function invalid(msg: string, type = "value_error"): BodyProblem {
  return { kind: "invalid", detail: [{ loc: ["body"], msg, type }] };
}

async function readCapped(
  request: Request,
  limit: number,
): Promise<Uint8Array | "too-large" | "unreadable"> {
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return "too-large";
      }
      chunks.push(value);
    }
  } catch {
    return "unreadable";
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** A query string as a plain record; null when a parameter repeats (never guess which wins). */
export function queryRecord(
  url: URL,
): { ok: true; value: Record<string, string> } | { ok: false; name: string } {
  // No prototype: a parameter named `__proto__` stays an ordinary (and unknown) key.
  const value: Record<string, string> = Object.create(null);
  // Most calls have no query: no `URLSearchParams` to make.
  if (url.search === "") return { ok: true, value };
  for (const [name, item] of url.searchParams) {
    if (Object.hasOwn(value, name)) return { ok: false, name };
    value[name] = item;
  }
  return { ok: true, value };
}
