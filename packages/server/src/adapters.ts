/**
 * Thin adapters for fetch-based frameworks. The proxy is already a `(Request) => Response`
 * handler, so these only fit it to each framework's calling shape, and tell it the origin the
 * browser addressed where the framework's request URL does not (see `PublicOriginOptions`).
 */
import { isCanonicalTarget } from "./canonical-path.ts";
import { plainAnswer } from "./http.ts";
import {
  atPublicOrigin,
  type PublicOriginOptions,
  type PublicOriginSource,
  resolvePublicOrigin,
} from "./origins.ts";
import type { DollrProxy } from "./proxy.ts";

export type { PublicOriginOptions } from "./origins.ts";

/** A fetch handler such as the proxy (which also says its `publicOrigin` and `trustProxy`). */
export type FetchHandler = ((request: Request) => Promise<Response>) & PublicOriginSource;

/**
 * Wraps a fetch handler so that it sees each request at the shop's public origin (the `origin`
 * option, or with `trustProxy` the `X-Forwarded-Proto`/`X-Forwarded-Host` headers; each defaults
 * to the proxy's own `publicOrigin`/`trustProxy`). Without either it is the handler itself.
 * Throws a TypeError at once for a malformed `origin`.
 */
export function withPublicOrigin(
  handler: FetchHandler,
  options: PublicOriginOptions = {},
  where = "withPublicOrigin",
): FetchHandler {
  const resolved = resolvePublicOrigin(handler, options, where);
  if (resolved.origin === undefined && !resolved.trustProxy) return handler;
  return (request) => handler(atPublicOrigin(request, resolved));
}

/**
 * Every method a Next.js App Router route can export. The proxy answers each one itself, so a
 * method outside the contract gets the contract's 404 JSON, not Next.js's empty 405.
 */
export interface NextRouteHandlers {
  GET: FetchHandler;
  HEAD: FetchHandler;
  POST: FetchHandler;
  PUT: FetchHandler;
  PATCH: FetchHandler;
  DELETE: FetchHandler;
  OPTIONS: FetchHandler;
}

/** Options of `toNextRouteHandlers`: the shop's public origin (see `PublicOriginOptions`). */
export type NextRouteHandlerOptions = PublicOriginOptions;

/**
 * Next.js (App Router), in `app/api/dollr/[[...path]]/route.ts`:
 *
 * ```ts
 * export const runtime = "nodejs";
 * export const dynamic = "force-dynamic";
 * export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = toNextRouteHandlers(proxy, {
 *   origin: process.env.SHOP_ORIGIN, // e.g. "https://shop.example"; or trustProxy: true
 * });
 * ```
 *
 * with `skipTrailingSlashRedirect: true` in next.config (`origin` and `trustProxy` default to the
 * proxy's `publicOrigin` and `trustProxy`). Inside a route handler `request.url` is
 * `http://localhost:<port>/…` whatever the `Host`, so without `origin` (or `trustProxy`) every
 * write from the shop's own pages is refused with 403 `ORIGIN_FORBIDDEN`; the first such refusal
 * warns once on the console, naming the fix.
 */
export function toNextRouteHandlers(
  proxy: DollrProxy | FetchHandler,
  options: NextRouteHandlerOptions = {},
): NextRouteHandlers {
  const handler = withPublicOrigin(proxy, options, "toNextRouteHandlers");
  const configured = handler !== proxy;
  let warned = false;
  const handle: FetchHandler = async (request) => {
    const response = await handler(request);
    if (!configured && !warned && response.status === 403 && addressedElsewhere(request)) {
      warned = true;
      console.warn(
        "toNextRouteHandlers: a request from the shop's own page was refused (403 ORIGIN_FORBIDDEN): " +
          `Next.js gives the route ${new URL(request.url).origin} as its URL, not the origin the browser addressed. ` +
          'Pass toNextRouteHandlers(proxy, { origin: "https://your.shop" }) or { trustProxy: true }.',
      );
    }
    return response;
  };
  return {
    GET: handle,
    HEAD: handle,
    POST: handle,
    PUT: handle,
    PATCH: handle,
    DELETE: handle,
    OPTIONS: handle,
  };
}

/** Whether the page's `Origin` is the host the request came to, but not the request URL's. */
function addressedElsewhere(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host) return false;
  try {
    const page = new URL(origin);
    return page.host === host.split(",")[0]?.trim() && page.host !== new URL(request.url).host;
  } catch {
    return false;
  }
}

/** The part of Hono's context the adapter needs (no hono import: it stays optional). */
export interface HonoContextLike {
  req: { raw: Request };
  /** On `@hono/node-server`: `{ incoming }`, the Node request with its raw target. */
  env?: unknown;
}

/** The request target as it came over the wire, where the runtime still has it (Node). */
function rawTarget(env: unknown): string | null {
  const incoming = (env as { incoming?: { url?: unknown } } | null | undefined)?.incoming;
  return typeof incoming?.url === "string" ? incoming.url : null;
}

/**
 * Hono: `app.all("/api/dollr/*", toHonoHandler(proxy))`. Use `app.all` with the full path
 * rather than `app.mount`, which strips the prefix the proxy matches on. Behind a
 * TLS-terminating load balancer pass `{ trustProxy: true }` or `{ origin }`. On
 * `@hono/node-server` a target that only reads as a route once normalised (`..`, `%2e`,
 * backslashes, doubled slashes) is answered 404, as `toNodeListener` does: the `Request` Hono
 * hands on has it normalised already.
 */
export function toHonoHandler(
  proxy: DollrProxy | FetchHandler,
  options: PublicOriginOptions = {},
): (c: HonoContextLike) => Promise<Response> {
  const handler = withPublicOrigin(proxy, options, "toHonoHandler");
  return async (c) => {
    const target = rawTarget(c.env);
    if (target !== null && !isCanonicalTarget(target)) return plainAnswer(404, "No such route");
    return handler(c.req.raw);
  };
}
