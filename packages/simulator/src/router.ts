// A tiny router: "/v1/invoices/retrieve/:invoice_id" patterns, 404 for an unknown path and 405
// (with Allow) for a known path asked with another method, as FastAPI answers.
import { HttpError } from "./errors.ts";
import type { RuntimeConfig } from "./options.ts";
import type { Store } from "./store.ts";

export type Method = "GET" | "POST" | "PUT" | "DELETE";

/** What every route and domain function sees of the simulator. */
export interface World {
  readonly store: Store;
  readonly config: RuntimeConfig;
  now(): number;
}

export interface RouteContext {
  world: World;
  request: Request;
  url: URL;
  params: Record<string, string>;
  /** The JSON body, read once, capped at 64 KiB. */
  body(): Promise<unknown>;
}

export interface Route {
  method: Method;
  pattern: string;
  /** Whether the route wants `Authorization: Bearer` (every `/v1` route but the token one). */
  auth: boolean;
  handle(context: RouteContext): Response | Promise<Response>;
}

interface CompiledRoute {
  route: Route;
  segments: string[];
}

export type RouteMatch = { route: Route; params: Record<string, string> };

export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: Route[]) {
    this.compiled = routes.map((route) => ({ route, segments: route.pattern.split("/") }));
  }

  match(method: string, path: string): RouteMatch {
    const segments = path.split("/");
    const allowed = new Set<string>();
    for (const { route, segments: pattern } of this.compiled) {
      const params = matchSegments(pattern, segments);
      if (!params) continue;
      if (route.method === method) return { route, params };
      allowed.add(route.method);
    }
    if (allowed.size > 0)
      throw new HttpError(405, "Method Not Allowed", { allow: [...allowed].join(", ") });
    throw new HttpError(404, "Not Found");
  }
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
  if (pattern.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let index = 0; index < pattern.length; index += 1) {
    const expected = pattern[index] as string;
    const segment = actual[index] as string;
    if (expected.startsWith(":")) {
      if (segment === "") return null;
      params[expected.slice(1)] = decodeSegment(segment);
    } else if (expected !== segment) {
      return null;
    }
  }
  return params;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
