/**
 * Reading a JSON request body with a size cap that holds while the body streams: a chunked body
 * (no `Content-Length`) is read chunk by chunk and refused as soon as it passes the cap, never
 * read whole first.
 */

import { json } from "./responses.ts";

export type JsonBody = { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415 };

export const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** The request's JSON body, or why not: 415 (not JSON), 413 (over `maxBytes`), 400 (malformed). */
export async function readJsonBody(request: Request, maxBytes: number): Promise<JsonBody> {
  if (!JSON_TYPE.test(request.headers.get("content-type") ?? "")) return { ok: false, status: 415 };
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (!Number.isFinite(declared) || declared > maxBytes) return { ok: false, status: 413 };
  const bytes = await readCapped(request, maxBytes);
  if (bytes === "too_large") return { ok: false, status: 413 };
  if (bytes === null) return { ok: false, status: 400 };
  try {
    return { ok: true, value: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false, status: 400 };
  }
}

async function readCapped(
  request: Request,
  maxBytes: number,
): Promise<Uint8Array | "too_large" | null> {
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        // Stop reading: the rest is never buffered (the answer closes the connection).
        await reader.cancel().catch(() => undefined);
        return "too_large";
      }
      chunks.push(value);
    }
  } catch {
    return null;
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The problem answer for a refused body; a 413 closes the connection (its rest stays unread). */
export function bodyProblem(status: 400 | 413 | 415): Response {
  const detail = status === 415 ? "Send JSON" : status === 413 ? "Too large" : "Malformed JSON";
  return json({ detail }, status, status === 413 ? { connection: "close" } : {});
}
