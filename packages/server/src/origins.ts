/**
 * Which web pages may call the proxy. A request that carries an `Origin` outside the allow-list
 * is refused (403) before anything else happens; the proxy's own origin is always allowed.
 * Together with "writes must be `application/json`" this keeps cross-site pages from using a
 * signed-in customer's cookies (CSRF).
 */

/** The allow-list: exact origins (`https://shop.example`), or a predicate. */
export type AllowedOrigins = readonly string[] | ((origin: string) => boolean);

/** Whether a request may proceed, and the CORS headers its answer needs. */
export type OriginVerdict = { allowed: true; cors: Record<string, string> } | { allowed: false };

const ALLOWED_METHODS = "GET, POST, DELETE";
const EXPOSED_HEADERS = "retry-after, x-request-id, x-dollr-kit-replayed";

function normalise(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.origin === "null" ? null : url.origin;
  } catch {
    return null;
  }
}

// No `Origin` (a server, curl): allowed, no CORS headers. Shared, so never changed.
const NOT_A_PAGE: OriginVerdict = Object.freeze({ allowed: true, cors: Object.freeze({}) });

/** Checks the request's `Origin` against the allow-list (absent `Origin` = not a browser page). */
export function checkOrigin(
  request: Request,
  url: URL,
  allowed: AllowedOrigins | undefined,
): OriginVerdict {
  const origin = request.headers.get("origin");
  if (origin === null) return NOT_A_PAGE;
  const given = normalise(origin);
  // "null" (sandboxed frames, file://) and garbage are never allowed.
  if (given === null || given !== origin.toLowerCase().replace(/\/$/, ""))
    return { allowed: false };
  const isSelf = given === url.origin;
  const listed =
    typeof allowed === "function"
      ? safeCall(allowed, given)
      : (allowed ?? []).some((entry) => normalise(entry) === given);
  if (!isSelf && !listed) return { allowed: false };
  return {
    allowed: true,
    cors: {
      "access-control-allow-origin": given,
      "access-control-allow-credentials": "true",
      "access-control-expose-headers": EXPOSED_HEADERS,
      vary: "Origin",
    },
  };
}

function safeCall(predicate: (origin: string) => boolean, origin: string): boolean {
  try {
    return predicate(origin) === true;
  } catch {
    return false;
  }
}

/** The extra headers of a CORS preflight answer (`OPTIONS`) for an allowed origin. */
export function preflightHeaders(request: Request): Record<string, string> {
  const asked = request.headers.get("access-control-request-headers") ?? "";
  // Only header names go back: letters, digits and dashes, comma-separated.
  const names = asked
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => /^[a-z0-9-]{1,64}$/.test(name));
  return {
    "access-control-allow-methods": ALLOWED_METHODS,
    "access-control-allow-headers": [...new Set(["content-type", ...names])].join(", "),
    "access-control-max-age": "600",
  };
}
