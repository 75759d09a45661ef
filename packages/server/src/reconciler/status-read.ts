/**
 * One status read of an attempt from Dollr, with the merchant's credentials, sorted into what the
 * reconciler acts on. A read is always safe to repeat; a 401 is replayed once with a new token
 * by the Dollr client.
 */
import { parseRetryAfter, type SourceRef } from "@dollr-kit/core/internal";
import type { SafeLogger } from "../logging.ts";
import type { AttemptRecord } from "../stores/attempt-store.ts";
import { createDollrClient, type DollrClient } from "../upstream/dollr-client.ts";
import { TokenError, type TokenManager } from "../upstream/token-manager.ts";
import { type DollrTransport, UpstreamFailure } from "../upstream/transport.ts";
import type { RateLimiter } from "./rate-limiter.ts";

/** What Dollr said about one reference id. */
export type Reading =
  /** A 2xx with a status word (kept raw). */
  | { kind: "status"; word: string }
  /** 404: Dollr does not know the reference id (yet). */
  | { kind: "not_found" }
  /** 429: read nothing more until `retryAfterMs` (when Dollr said). */
  | { kind: "rate_limited"; retryAfterMs: number | undefined }
  /** No token could be had: no read can succeed now. Nothing reached the status endpoint. */
  | { kind: "no_token"; reason: "rejected" | "unreachable" }
  /** Anything else (network, timeout, 5xx, a 401 after the replay, an unreadable answer). */
  | { kind: "failed"; reason: string }
  /** Not sent: reads are paused by an earlier 429 (or the caller gave up waiting). */
  | { kind: "paused" };

/** Dollr's status path for an attempt. */
export function statusPath(attempt: Pick<AttemptRecord, "operation" | "referenceId">): string {
  const operation = attempt.operation === "PAYOUT" ? "payout" : "collection";
  return `/v1/status/${operation}/${encodeURIComponent(attempt.referenceId)}`;
}

function statusWord(json: unknown): string | null {
  const status = (json as { status?: unknown } | null)?.status;
  return typeof status === "string" && status.length > 0 && status.length <= 64 ? status : null;
}

export interface StatusReaderOptions {
  baseUrl: string;
  limiter: RateLimiter;
  transport: DollrTransport;
  tokens: TokenManager;
  readTimeoutMs: number;
  log: SafeLogger;
  now: () => number;
}

/**
 * Reads status with one long-lived Dollr client (its token shared by every read). The token is
 * had first and the read's turn (the rate cap) taken last, so a read leaves at its turn.
 */
export function createStatusReader(options: StatusReaderOptions) {
  const client: DollrClient = createDollrClient({
    baseUrl: options.baseUrl,
    transport: options.transport,
    tokens: options.tokens,
    // Only reads go through it; the other two are never used.
    timeouts: {
      read: options.readTimeoutMs,
      write: options.readTimeoutMs,
      execute: options.readTimeoutMs,
    },
    log: options.log,
  });
  /** One read of `path`, sorted into a `Reading`. */
  async function readPath(
    path: string,
    query: Record<string, string> | undefined,
    label: string,
    turn: Parameters<RateLimiter["acquire"]>[0],
  ): Promise<Reading> {
    let answer: Awaited<ReturnType<DollrClient["call"]>>;
    try {
      await options.tokens.getToken();
      if (!(await options.limiter.acquire(turn))) return { kind: "paused" };
      answer = await client.call({
        method: "GET",
        path,
        ...(query ? { query } : {}),
        kind: "read",
        label,
      });
    } catch (error) {
      if (error instanceof TokenError) return { kind: "no_token", reason: error.reason };
      if (error instanceof UpstreamFailure) return { kind: "failed", reason: error.reason };
      return { kind: "failed", reason: "network" };
    }
    if (answer.status >= 200 && answer.status < 300) {
      const word = answer.isJson ? statusWord(answer.json) : null;
      return word === null ? { kind: "failed", reason: "unreadable" } : { kind: "status", word };
    }
    if (answer.status === 404) return { kind: "not_found" };
    if (answer.status === 429) {
      return {
        kind: "rate_limited",
        retryAfterMs: parseRetryAfter(answer.headers.get("retry-after"), options.now()),
      };
    }
    return { kind: "failed", reason: `http_${answer.status}` };
  }

  const read = (
    attempt: Pick<AttemptRecord, "operation" | "referenceId">,
    turn: Parameters<RateLimiter["acquire"]>[0] = {},
  ): Promise<Reading> => {
    const path = statusPath(attempt);
    const label = path.replace(encodeURIComponent(attempt.referenceId), "{reference_id}");
    return readPath(path, undefined, label, turn);
  };
  /** A source's status word (`GET /v1/status/source`): how a cart checkout is followed. */
  const source = (
    ref: SourceRef,
    turn: Parameters<RateLimiter["acquire"]>[0] = {},
  ): Promise<Reading> =>
    readPath(
      "/v1/status/source",
      { source_type: ref.source_type, source_id: String(ref.source_id) },
      "/v1/status/source",
      turn,
    );
  return Object.assign(read, { source });
}

export type StatusReader = ReturnType<typeof createStatusReader>;
