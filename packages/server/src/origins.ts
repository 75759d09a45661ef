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

/** An origin as `scheme://host[:port]`, lower-case, or null for anything else ("null", paths). */
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

/**
 * Checks the request's `Origin` against the allow-list and the proxy's own origin `self` (the
 * configured public origin, or the request URL's), an absent `Origin` being no browser page.
 */
export function checkOrigin(
  request: Request,
  self: URL | string,
  allowed: AllowedOrigins | undefined,
): OriginVerdict {
  const origin = request.headers.get("origin");
  if (origin === null) return NOT_A_PAGE;
  const given = normalise(origin);
  // "null" (sandboxed frames, file://) and garbage are never allowed.
  if (given === null || given !== origin.toLowerCase().replace(/\/$/, ""))
    return { allowed: false };
  const isSelf = given === (typeof self === "string" ? self : self.origin);
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

/**
 * The origin a browser addressed, when the request's own URL does not say it: inside a Next.js
 * route handler `request.url` is `http://localhost:<port>/…` whatever the `Host`, and behind a
 * TLS-terminating load balancer the scheme is `http:`. Adapters put it in the request's URL,
 * which is what `checkOrigin` compares the `Origin` header with ("the proxy's own origin").
 */
export interface PublicOriginOptions {
  /**
   * The shop's public origin, e.g. `https://shop.example` (scheme, host, and a port only when it
   * is not the scheme's default). Wins over the forwarded headers.
   */
  origin?: string | undefined;
  /**
   * Read the origin from `X-Forwarded-Proto` and `X-Forwarded-Host` (the first value of each):
   * set by Next.js's own server from the `Host` it received, by Vercel and by most load
   * balancers. Only where every request comes through such a proxy, which overwrites them.
   */
  trustProxy?: boolean | undefined;
}

/** Checks an `origin` option at set-up: its canonical form, or a TypeError that says why. */
export function parseOriginOption(origin: string, where: string): string {
  let url: URL | null = null;
  try {
    url = typeof origin === "string" ? new URL(origin) : null;
  } catch {
    url = null;
  }
  const bare =
    url !== null &&
    (url.protocol === "https:" || url.protocol === "http:") &&
    url.pathname === "/" &&
    !url.search &&
    !url.hash &&
    !url.username &&
    !url.password &&
    !/[?#]|\/./.test(origin.trim().replace(/^https?:\/\//i, ""));
  if (!url || !bare) {
    throw new TypeError(
      `${where}: origin must be a scheme and host such as "https://shop.example" (no path), got ${JSON.stringify(origin)}`,
    );
  }
  return url.origin;
}

// A host as a Host header may carry it: a name or IPv4 address, or an [IPv6] literal, and a port.
export const HOST_HEADER = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The origin `X-Forwarded-Proto` and `X-Forwarded-Host` name (the first of comma-separated
 * values: the proxy nearest the browser), or null when a header is missing or malformed (the
 * request's own URL then stands). A missing proto with a host keeps the URL's scheme.
 */
export function forwardedOrigin(request: Request, url: URL): string | null {
  const first = (name: string) => request.headers.get(name)?.split(",")[0]?.trim() ?? "";
  const host = first("x-forwarded-host");
  if (!host || !HOST_HEADER.test(host)) return null;
  const proto = first("x-forwarded-proto").toLowerCase() || url.protocol.slice(0, -1);
  if (proto !== "http" && proto !== "https") return null;
  return normalise(`${proto}://${host}`);
}

/** The request as the browser addressed it: the same request at the public origin, if it differs. */
export function atPublicOrigin(request: Request, options: PublicOriginOptions): Request {
  if (options.origin === undefined && !options.trustProxy) return request;
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return request;
  }
  const origin = options.origin ?? forwardedOrigin(request, url);
  if (origin === null || origin === url.origin) return request;
  // Concatenated, not resolved: a path such as `//elsewhere/x` must stay a path.
  const target = `${origin}${url.pathname}${url.search}`;
  const hasBody = request.body !== null && request.method !== "GET" && request.method !== "HEAD";
  return new Request(target, {
    method: request.method,
    headers: request.headers,
    body: hasBody ? request.body : null,
    signal: request.signal,
    redirect: request.redirect,
    // A streamed body goes on as it came (Node's fetch needs this said for a stream).
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
}

/** What a handler may say about itself: the proxy's own `publicOrigin` and `trustProxy`. */
export interface PublicOriginSource {
  readonly publicOrigin?: string | null;
  readonly trustProxy?: boolean;
}

/**
 * The public origin an adapter uses: its own `origin`/`trustProxy` options, or else the proxy's
 * `publicOrigin`/`trustProxy` (so a proxy made with `publicOrigin` needs it said only once). The
 * `origin` is checked (`parseOriginOption`); a TypeError names `where`.
 */
export function resolvePublicOrigin(
  handler: PublicOriginSource,
  options: PublicOriginOptions,
  where: string,
): { origin: string | undefined; trustProxy: boolean } {
  const given = options.origin ?? handler.publicOrigin ?? undefined;
  return {
    origin: given === undefined ? undefined : parseOriginOption(given, where),
    trustProxy: (options.trustProxy ?? handler.trustProxy) === true,
  };
}
