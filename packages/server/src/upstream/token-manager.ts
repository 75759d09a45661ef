/**
 * Dollr's bearer token, obtained with the merchant's client credentials (server-side only),
 * cached, and refreshed before it expires. `expires_in` is in MINUTES (api-notes §2.1); Dollr
 * advises refreshing when fewer than 5 remain. Concurrent requests share one refresh.
 */
import { parseTokenResponse } from "@dollr-kit/core/internal";
import type { DollrTransport, UpstreamAnswer } from "./transport.ts";

/** Why a token could not be had; the proxy answers 502 and never forwards the request. */
export class TokenError extends Error {
  override readonly name = "TokenError";
  constructor(
    /** `rejected`: Dollr refused the credentials; `unreachable`: no usable answer. */
    readonly reason: "rejected" | "unreachable",
    message: string,
    /** Dollr's HTTP status, when it answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Options of `createTokenManager`. */
export interface TokenManagerOptions {
  /** Dollr's base URL, e.g. `https://api.heydollr.app`. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  transport: DollrTransport;
  /** The clock, in ms (tests move it). */
  now: () => number;
  /** Refresh when less than this is left (default 5 minutes; at most half the lifetime). */
  refreshMarginMs: number;
  /** Give up on the token endpoint after this long. */
  timeoutMs: number;
  /** Told once per new token (for a log line; never the token itself). */
  onRefresh?: (info: { expiresInMinutes: number }) => void;
}

/** The cached token and how to renew it. */
export interface TokenManager {
  /** A valid token: the cached one, or a fresh one (one refresh in flight at a time). */
  getToken(): Promise<string>;
  /** The cached token while it needs no refresh, else null (then `getToken`); no promise. */
  fresh(): string | null;
  /** Drops `token` if it is still the cached one (Dollr answered 401 with it). */
  invalidate(token: string): void;
  /** Every token handed out recently, so redaction can remove them from answers and logs. */
  knownTokens(): readonly string[];
}

const KEEP_TOKENS = 8;

/** Creates the token cache for one set of credentials. */
export function createTokenManager(options: TokenManagerOptions): TokenManager {
  let cached: { token: string; expiresAt: number; refreshAt: number } | null = null;
  let inFlight: Promise<string> | null = null;
  const recent: string[] = [];

  async function obtain(): Promise<string> {
    let answer: UpstreamAnswer;
    try {
      answer = await options.transport.exchange({
        method: "POST",
        url: new URL("/v1/jwt/client/obtain/token", options.baseUrl),
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ client_id: options.clientId, client_secret: options.clientSecret }),
        timeoutMs: options.timeoutMs,
        // Asking for a token again is harmless: nothing is paid.
        replayable: true,
      });
    } catch {
      throw new TokenError("unreachable", "Dollr's token endpoint could not be reached");
    }
    if (answer.status < 200 || answer.status > 299) {
      const reason = answer.status >= 500 || answer.status === 429 ? "unreachable" : "rejected";
      throw new TokenError(
        reason,
        `Dollr's token endpoint answered ${answer.status}`,
        answer.status,
      );
    }
    let token: { access_token: string; expires_in: number };
    try {
      token = parseTokenResponse(JSON.parse(answer.text));
    } catch {
      throw new TokenError("unreachable", "Dollr's token endpoint answered an unreadable body");
    }
    if (!token.access_token || token.expires_in <= 0) {
      throw new TokenError("unreachable", "Dollr's token endpoint answered an unusable token");
    }
    const now = options.now();
    const lifetimeMs = token.expires_in * 60_000;
    const margin = Math.min(options.refreshMarginMs, lifetimeMs / 2);
    cached = {
      token: token.access_token,
      expiresAt: now + lifetimeMs,
      refreshAt: now + lifetimeMs - margin,
    };
    recent.push(token.access_token);
    if (recent.length > KEEP_TOKENS) recent.shift();
    options.onRefresh?.({ expiresInMinutes: token.expires_in });
    return token.access_token;
  }

  function refresh(): Promise<string> {
    if (!inFlight) {
      inFlight = obtain().finally(() => {
        inFlight = null;
      });
    }
    return inFlight;
  }

  return {
    async getToken() {
      const now = options.now();
      if (cached && now < cached.refreshAt) return cached.token;
      const stillValid = cached && now < cached.expiresAt ? cached.token : null;
      try {
        return await refresh();
      } catch (error) {
        // A failed early refresh is not fatal while the old token still has time left.
        if (stillValid) return stillValid;
        throw error;
      }
    },
    fresh() {
      return cached && options.now() < cached.refreshAt ? cached.token : null;
    },
    invalidate(token) {
      if (cached?.token === token) cached = null;
    },
    knownTokens() {
      return recent;
    },
  };
}
