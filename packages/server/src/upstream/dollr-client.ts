/**
 * The proxy's client for Dollr: adds the bearer token, bounds each call in time, and on a 401
 * refreshes the token once and replays the call if (and only if) it is a read. A write is never
 * replayed, and an execute above all: Dollr may have acted on it.
 */
import type { SafeLogger } from "../logging.ts";
import type { TokenManager } from "./token-manager.ts";
import {
  type AnswerHeaders,
  type DollrTransport,
  FAILURE_MESSAGES,
  UpstreamFailure,
} from "./transport.ts";

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
  headers: AnswerHeaders;
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
  transport: DollrTransport;
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

/** Dollr's answer with its body parsed (`json` undefined when it is not JSON). */
function withJson(status: number, headers: AnswerHeaders, text: string): DollrAnswer {
  if (text.trim() === "") return { status, headers, json: undefined, isJson: false };
  try {
    return { status, headers, json: JSON.parse(text), isJson: true };
  } catch {
    return { status, headers, json: undefined, isJson: false };
  }
}

/** Creates the Dollr client for one request. */
export function createDollrClient(options: DollrClientOptions): DollrClient {
  return new RequestClient(options);
}

// A class: the proxy makes one per request, so it should cost one object, not a set of closures.
class RequestClient implements DollrClient {
  constructor(private readonly options: DollrClientOptions) {}

  async call(call: DollrCall): Promise<DollrAnswer> {
    const { tokens, log } = this.options;
    const token = tokens.fresh() ?? (await tokens.getToken());
    const answer = await this.send(call, token);
    if (answer.status !== 401) return answer;
    // Dollr no longer accepts the token (revoked, clock skew): drop it either way, so the
    // next request gets a fresh one; replay only what is safe to repeat.
    tokens.invalidate(token);
    if (call.kind !== "read") return answer;
    log.info("dollr.token_replay", { route: call.label });
    return this.send(call, await tokens.getToken());
  }

  private async send(call: DollrCall, token: string): Promise<DollrAnswer> {
    const { options } = this;
    const url = new URL(call.path, options.baseUrl);
    if (call.query) {
      for (const key of Object.keys(call.query)) {
        url.searchParams.set(key, call.query[key] as string);
      }
    }
    const headers: Record<string, string> = {
      accept: "application/json",
      authorization: `Bearer ${token}`,
    };
    if (call.body !== undefined) headers["content-type"] = "application/json";
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    const started = Date.now();
    options.onCall?.();
    try {
      const answer = await options.transport.exchange({
        method: call.method,
        url,
        headers,
        body,
        timeoutMs: options.timeouts[call.kind],
        replayable: call.kind === "read",
      });
      if (options.log.enabled("debug")) {
        options.log.debug("dollr.call", {
          route: call.label,
          method: call.method,
          status: answer.status,
          duration_ms: Date.now() - started,
        });
      }
      return withJson(answer.status, answer.headers, answer.text);
    } catch (error) {
      // A transport's own error is a failed exchange too (for an execute: it may have landed).
      const failure =
        error instanceof UpstreamFailure
          ? error
          : new UpstreamFailure("network", FAILURE_MESSAGES.network);
      options.log.warn("dollr.call_failed", {
        route: call.label,
        method: call.method,
        reason: failure.reason,
        duration_ms: Date.now() - started,
      });
      throw failure;
    }
  }
}
