/**
 * Thin adapters for fetch-based frameworks. The proxy is already a `(Request) => Response`
 * handler, so these only fit it to each framework's calling shape.
 */
import type { DollrProxy } from "./proxy.ts";

/** Next.js App Router route handlers for `app/api/dollr/[...path]/route.ts`. */
export interface NextRouteHandlers {
  GET(request: Request): Promise<Response>;
  POST(request: Request): Promise<Response>;
  DELETE(request: Request): Promise<Response>;
  OPTIONS(request: Request): Promise<Response>;
}

/**
 * Next.js (App Router): in `app/api/dollr/[...path]/route.ts`
 * `export const { GET, POST, DELETE, OPTIONS } = toNextRouteHandlers(proxy);`
 * (with `export const runtime = "nodejs"` and `export const dynamic = "force-dynamic"`).
 */
export function toNextRouteHandlers(proxy: DollrProxy): NextRouteHandlers {
  const handle = (request: Request) => proxy(request);
  return { GET: handle, POST: handle, DELETE: handle, OPTIONS: handle };
}

/** The part of Hono's context the adapter needs (no hono import: it stays optional). */
export interface HonoContextLike {
  req: { raw: Request };
}

/**
 * Hono: `app.all("/api/dollr/*", toHonoHandler(proxy))`. Use `app.all` with the full path
 * rather than `app.mount`, which strips the prefix the proxy matches on.
 */
export function toHonoHandler(proxy: DollrProxy): (c: HonoContextLike) => Promise<Response> {
  return (c) => proxy(c.req.raw);
}
