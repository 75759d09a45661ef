/**
 * What a route is: a method, a path template, what it reads (query, body) and how it answers.
 * The pipeline in `proxy.ts` does everything common (allow-list, origin, customer, limits,
 * validation) before a route's `handle` runs, so a handler only ever sees checked input.
 */
import type { CheckResult } from "@dollr-kit/core/internal";
import type { Answer } from "../http.ts";
import type { ProxyLimits } from "../limits/apply.ts";
import type { RateLimitName } from "../limits/rules.ts";
import type { SafeLogger } from "../logging.ts";
import type { DollrCustomer, ResolvedOptions } from "../options.ts";
import type { AttemptRecord } from "../stores/attempt-store.ts";
import type { DollrClient } from "../upstream/dollr-client.ts";
import type { RecentRecords } from "./recent-cache.ts";

/** Checks a query, body or path parameter; answers Dollr's 422 `detail[]` on failure. */
export type Check<T> = (input: unknown) => CheckResult<T>;

/** Shared by every request of one proxy. */
export interface ProxyShared<Customer extends DollrCustomer> {
  options: ResolvedOptions<Customer>;
  /** Executes being forwarded now, by reference id: a duplicate waits for the same answer. */
  inFlightExecutes: Map<string, { attempt: AttemptRecord; answer: Promise<Answer> }>;
  /** Attempts, sessions and accounts this instance saw lately: spares database round trips. */
  recent: RecentRecords;
  /**
   * Runs one task at a time per key (card accounts per party), with a bounded queue and wait:
   * throws `LockBusyError` when the key's queue is full or the wait ran out.
   */
  lock<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** The rate limits and their counters. */
  limits: ProxyLimits;
}

/** One request, after the pipeline's checks. */
export interface RouteScope<Customer extends DollrCustomer, Query, Body> {
  request: Request;
  url: URL;
  requestId: string;
  /** The signed-in customer (routes that do not authenticate get null). */
  customer: Customer;
  params: Record<string, string>;
  query: Query;
  body: Body;
  /** Dollr, for this request (calls are counted in the request's log line). */
  dollr: DollrClient;
  log: SafeLogger;
  shared: ProxyShared<Customer>;
  /** Phone numbers and secrets seen in this request, masked/removed from its answer and logs. */
  sensitive: { phones: Set<string>; secrets: Set<string> };
  /** Extra fields for the request's log line (e.g. `reference_id`). */
  note: Record<string, unknown>;
}

/** A route of the allow-list. */
export interface Route<Customer extends DollrCustomer, Query = unknown, Body = unknown> {
  method: "GET" | "POST" | "DELETE";
  /** The path template, e.g. `/v1/status/collection/{reference_id}`; also the log label. */
  template: string;
  /** Whether a signed-in customer is required (401 otherwise). */
  authenticated: boolean;
  /**
   * An execute route: every error the proxy answers itself (before forwarding) says
   * `"ambiguous": false`, so the browser knows nothing was sent.
   */
  execute?: boolean;
  /**
   * The rate limit the pipeline takes for the customer before `handle` (after validation).
   * Execute routes take theirs in `handle` (with the phone number's, in one round trip).
   */
  limit?: RateLimitName;
  /**
   * A read that costs the merchant (a paid lookup, a Dollr call): refused (403) when a browser
   * says it comes from another site without an `Origin` (an `<img>`, a link, a form), as the
   * kit's own calls are same-origin or CORS requests that carry one.
   */
  sameSiteOnly?: boolean;
  /** Path parameters' checks, by name. */
  params?: Record<string, Check<string>>;
  /** The query's check; without one, any query parameter is an error. */
  query?: Check<Query>;
  /** The JSON body's check; present exactly on routes that take a body. */
  body?: Check<Body>;
  handle(scope: RouteScope<Customer, Query, Body>): Promise<Answer>;
}

/** A route with its types erased, for the route table. */
// biome-ignore lint/suspicious/noExplicitAny: the table holds routes of different input types.
export type AnyRoute<Customer extends DollrCustomer> = Route<Customer, any, any>;

/** Declares a route (keeps its query and body types for `handle`). */
export function defineRoute<Customer extends DollrCustomer, Query = undefined, Body = undefined>(
  route: Route<Customer, Query, Body>,
): Route<Customer, Query, Body> {
  return route;
}

/** A template split once: each segment a literal to equal, or `{name}` (a parameter's name). */
export type CompiledTemplate = (segments: readonly string[]) => Record<string, string> | null;

/**
 * Compiles a template for `segments` (a raw path split on `/`): literal segments must be equal,
 * `{name}` takes exactly one non-empty segment. Nothing is decoded, so `%2F` or `..` can never
 * turn into another route.
 */
export function compileTemplate(template: string): CompiledTemplate {
  const parts = template
    .split("/")
    .map((pattern) =>
      pattern.startsWith("{") && pattern.endsWith("}")
        ? { param: pattern.slice(1, -1), literal: "" }
        : { param: null, literal: pattern },
    );
  return (segments) => {
    if (segments.length !== parts.length) return null;
    let params: Record<string, string> | null = null;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as { param: string | null; literal: string };
      const segment = segments[i] as string;
      if (part.param === null) {
        if (part.literal !== segment) return null;
      } else {
        if (segment === "") return null;
        params ??= {};
        params[part.param] = segment;
      }
    }
    return params ?? {};
  };
}
