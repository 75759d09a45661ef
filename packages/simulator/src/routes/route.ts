// Helpers for declaring routes.
import type { Method, Route, RouteContext } from "../router.ts";

type Handle = (context: RouteContext) => Response | Promise<Response>;

/** A Dollr route: wants a bearer token unless said otherwise. */
export function v1(method: Method, pattern: string, handle: Handle, auth = true): Route {
  return { method, pattern, handle, auth };
}

/** A test-surface route under /__simulator: no bearer token. */
export function control(method: Method, pattern: string, handle: Handle): Route {
  return { method, pattern, handle, auth: false };
}
