/**
 * The proxy's client for Dollr: adds the bearer token, bounds each call in time, and on a 401
 * refreshes the token once and replays the call if (and only if) it is a read. A write is never
 * replayed, and an execute above all: Dollr may have acted on it.
 */
import type { SafeLogger } from "../logging.ts";
import type { TokenManager } from "./token-manager.ts";
import { type DollrFetch, exchange } from "./transport.ts";

/** What a call is, which decides its timeout and whether a 401 may be replayed. */
export type CallKind = "read" | "write" | "execute";

/** One call to Dollr. */
export interface DollrCall {
  method: "GET" | "POST";
  /** Dollr's path, e.g. `/v1/status/collection/0b0c…`. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  kind: CallKind;
  /** The route's template for logs (never the concrete path, which may hold a phone number). */
  label: string;
}

/** Dollr's answer, read in full. `json` is undefined when the body is not JSON. */
export interface DollrAnswer {
  status: number;
  headers: Headers;
  json: unknown;
  /** Whether the body was JSON at all. */
  isJson: boolean;
}

/** Time limits per kind of call, in ms. */
export interface CallTimeouts {
  read: number;
  write: number;
  execute: number;
}

/** Options of `createDollrClient`. */
export interface DollrClientOptions {
  baseUrl: string;
  fetch: DollrFetch;
  tokens: TokenManager;
  timeouts: CallTimeouts;
  log: SafeLogger;
  /** Counts calls for the caller's request log. */
  onCall?: () => void;
}

/** Sends calls to Dollr. Throws `TokenError` (no token) or `UpstreamFailure` (no answer). */
export interface DollrClient {
  call(call: DollrCall): Promise<DollrAnswer>;
}

function parseJson(text: string): { json: unknown; isJson: boolean } {
  if (text.trim() === "") return { json: undefined, isJson: false };
  try {
    return { json: JSON.parse(text), isJson: true };
  } catch {
    return { json: undefined, isJson: false };
  }
}

/** Creates the Dollr client for one proxy. */
export function createDollrClient(options: DollrClientOptions): DollrClient {
  async function send(call: DollrCall, token: string): Promise<DollrAnswer> {
    const url = new URL(call.path, options.baseUrl);
    for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, value);
    const headers: Record<string, string> = {
      accept: "application/json",
      authorization: `Bearer ${token}`,
    };
    if (call.body !== undefined) headers["content-type"] = "application/json";
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    const started = Date.now();
    options.onCall?.();
    try {
      const answer = await exchange(
        options.fetch,
        { url, init: { method: call.method, headers, body } },
        options.timeouts[call.kind],
      );
      if (options.log.enabled("debug")) {
        options.log.debug("dollr.call", {
          route: call.label,
          method: call.method,
          status: answer.status,
          duration_ms: Date.now() - started,
        });
      }
      return { status: answer.status, headers: answer.headers, ...parseJson(answer.text) };
    } catch (error) {
      options.log.warn("dollr.call_failed", {
        route: call.label,
        method: call.method,
        reason: (error as { reason?: string }).reason ?? "network",
        duration_ms: Date.now() - started,
      });
      throw error;
    }
  }

  return {
    async call(call) {
      const token = await options.tokens.getToken();
      const answer = await send(call, token);
      if (answer.status !== 401) return answer;
      // Dollr no longer accepts the token (revoked, clock skew): drop it either way, so the
      // next request gets a fresh one; replay only what is safe to repeat.
      options.tokens.invalidate(token);
      if (call.kind !== "read") return answer;
      options.log.info("dollr.token_replay", { route: call.label });
      return send(call, await options.tokens.getToken());
    },
  };
}
