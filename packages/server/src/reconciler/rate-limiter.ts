/**
 * The reconciler's pace toward Dollr: status reads are spaced so that no second (any window of
 * 1000 ms) holds more than `requestsPerSecond` of them, and Dollr's 429 pauses every read until
 * its `Retry-After` has passed (then backs off further on repeated 429s).
 */

/** A 429 without `Retry-After` waits 1 s, doubling on each 429 in a row up to a minute. */
export const RATE_LIMIT_BACKOFF_MS = { first: 1_000, max: 60_000 } as const;
/** A `Retry-After` is honoured up to an hour (beyond is taken as a mistake). */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

export interface RateLimiter {
  /**
   * Waits for the next read's turn and answers true; answers false at once when reads are
   * paused by a 429 (the caller then reads nothing), unless `waitOutPause`.
   */
  acquire(options?: { waitOutPause?: boolean; cancelled?: () => boolean }): Promise<boolean>;
  /** Dollr answered 429: no read before `retryAfterMs` (and the backoff) has passed. */
  rateLimited(retryAfterMs: number | undefined): void;
  /** Dollr answered something else: the 429 backoff starts over. */
  answered(): void;
  /** When reads may start again (epoch ms), or null when they are not paused. */
  pausedUntil(): number | null;
}

export interface RateLimiterOptions {
  requestsPerSecond: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { now, sleep } = options;
  // Whole milliseconds, rounded up: spacing never rounds below the cap.
  const interval = Math.max(1, Math.ceil(1000 / options.requestsPerSecond));
  let nextSlot = Number.NEGATIVE_INFINITY;
  let resumeAt = Number.NEGATIVE_INFINITY;
  let strikes = 0;

  return {
    async acquire({ waitOutPause = false, cancelled = () => false } = {}) {
      for (;;) {
        if (cancelled()) return false;
        const at = now();
        if (resumeAt > at) {
          if (!waitOutPause) return false;
          await sleep(resumeAt - at);
          continue;
        }
        // Reserve the slot before waiting, so concurrent callers queue up behind each other.
        const slot = Math.max(at, nextSlot);
        nextSlot = slot + interval;
        if (slot > at) await sleep(slot - at);
        // A 429 may have come in while this one waited.
        if (resumeAt > now() && !waitOutPause) return false;
        if (resumeAt > now()) continue;
        return !cancelled();
      }
    },
    rateLimited(retryAfterMs) {
      strikes += 1;
      const backoff = Math.min(
        RATE_LIMIT_BACKOFF_MS.max,
        RATE_LIMIT_BACKOFF_MS.first * 2 ** (strikes - 1),
      );
      const wait = Math.min(MAX_RETRY_AFTER_MS, Math.max(retryAfterMs ?? 0, backoff));
      resumeAt = Math.max(resumeAt, now() + wait);
    },
    answered() {
      strikes = 0;
    },
    pausedUntil() {
      return resumeAt > now() ? resumeAt : null;
    },
  };
}
