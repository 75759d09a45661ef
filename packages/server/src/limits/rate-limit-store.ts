/**
 * Rate-limit counters: a fixed window per key (`floor(now / windowMs)`), counted atomically by
 * the store so that every proxy instance on one database shares them. The memory store is for
 * one process (development, tests, and the per-instance status-poll counter); the PostgreSQL
 * store (`createPostgresRateLimitStore`) is one `INSERT … ON CONFLICT DO UPDATE … RETURNING`.
 */

/** One counter to take a hit from. */
export interface RateLimitTake {
  /** What is counted, e.g. `executes:c:alice` (never a phone number: hash it). */
  key: string;
  /** Hits allowed in one window. */
  limit: number;
  windowMs: number;
}

/** Whether the hit was allowed, and when the window ends. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Until the window ends (0 when allowed). */
  retryAfterMs: number;
}

/**
 * Where the counters live. `take` counts one hit (refused hits count too) and answers whether
 * it was within `limit` for the window that `now` falls in; it must be atomic across every
 * proxy instance that shares the store.
 */
export interface RateLimitStore {
  take(key: string, limit: number, windowMs: number, now: number): Promise<RateLimitDecision>;
  /** Several counters in one round trip (optional; distinct keys). Same order as `takes`. */
  takeMany?(takes: readonly RateLimitTake[], now: number): Promise<RateLimitDecision[]>;
}

/** Takes several counters: in one call when the store can, else one `take` each. */
export function takeAll(
  store: RateLimitStore,
  takes: readonly RateLimitTake[],
  now: number,
): Promise<RateLimitDecision[]> {
  if (takes.length === 0) return Promise.resolve([]);
  if (store.takeMany && takes.length > 1) return store.takeMany(takes, now);
  return Promise.all(takes.map((t) => store.take(t.key, t.limit, t.windowMs, now)));
}

/** The start of the window `now` falls in. */
export function windowStart(now: number, windowMs: number): number {
  return Math.floor(now / windowMs) * windowMs;
}

/** A decision from a window's hit count. */
export function decide(
  hits: number,
  limit: number,
  start: number,
  windowMs: number,
  now: number,
): RateLimitDecision {
  if (hits <= limit) return { allowed: true, retryAfterMs: 0 };
  return { allowed: false, retryAfterMs: Math.max(1, start + windowMs - now) };
}

/** Counters in process memory (one instance only). Expired windows are swept as it grows. */
export function createMemoryRateLimitStore(options: { maxKeys?: number } = {}): RateLimitStore {
  const maxKeys = options.maxKeys ?? 100_000;
  const windows = new Map<string, { start: number; windowMs: number; hits: number }>();
  const sweep = (now: number) => {
    for (const [key, w] of windows) if (w.start + w.windowMs <= now) windows.delete(key);
    // Still full of live windows: forget the oldest (a bounded memory beats an exact count).
    for (const key of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(key);
    }
  };
  const takeSync = (key: string, limit: number, windowMs: number, now: number) => {
    const start = windowStart(now, windowMs);
    let w = windows.get(key);
    if (!w || w.start < start || w.windowMs !== windowMs) {
      if (!w && windows.size >= maxKeys) sweep(now);
      w = { start, windowMs, hits: 0 };
      windows.set(key, w);
    }
    w.hits += 1;
    return decide(w.hits, limit, w.start, windowMs, now);
  };
  return {
    async take(key, limit, windowMs, now) {
      return takeSync(key, limit, windowMs, now);
    },
    async takeMany(takes, now) {
      return takes.map((t) => takeSync(t.key, t.limit, t.windowMs, now));
    },
  };
}
