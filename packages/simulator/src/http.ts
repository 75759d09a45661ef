// HTTP plumbing shared by every route: JSON answers, CORS and a size-capped body reader.
import { HttpError } from "./errors.ts";

export const MAX_BODY_BYTES = 64 * 1024;

// Permissive CORS: the simulator is a local sandbox that browsers on any dev origin may call.
const corsHeaders: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PUT, DELETE, OPTIONS",
  "access-control-allow-headers": "authorization, content-type",
  "access-control-expose-headers": "retry-after",
  "access-control-max-age": "600",
};

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  204: "No Content",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Content Too Large",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    statusText: STATUS_TEXT[status] ?? "",
    headers: { "content-type": "application/json", ...corsHeaders, ...headers },
  });
}

export function errorResponse(error: HttpError): Response {
  return json(error.status, { detail: error.detail }, error.headers);
}

export function preflight(): Response {
  return new Response(null, { status: 204, statusText: "No Content", headers: corsHeaders });
}

/**
 * Reads the body as JSON, refusing more than 64 KiB without buffering it (413), and answering
 * a malformed document the way FastAPI does (422 `json_invalid`). An empty body reads as
 * `undefined` so that the schema reports the missing body.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await readCappedText(request);
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(422, [
      { loc: ["body", 0], msg: "JSON decode error", type: "json_invalid" },
    ]);
  }
}

async function readCappedText(request: Request): Promise<string> {
  if (request.body === null) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, "The request body could not be read");
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

function tooLarge(): HttpError {
  return new HttpError(413, `Request body too large: the limit is ${MAX_BODY_BYTES} bytes`);
}
