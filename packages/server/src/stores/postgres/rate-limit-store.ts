/**
 * `RateLimitStore` on PostgreSQL (or PGlite): one row per key holding its current fixed window
 * and its hits, counted by one `INSERT … ON CONFLICT DO UPDATE … RETURNING` — atomic across every
 * proxy instance on the database, one round trip for any number of counters. Windows of keys no
 * longer used are deleted now and then (one statement every `pruneEvery` takes).
 */
import {
  decide,
  type RateLimitDecision,
  type RateLimitStore,
  type RateLimitTake,
  windowStart,
} from "../../limits/rate-limit-store.ts";
import { SCHEMA } from "./migrations.ts";
import type { SqlClient } from "./sql-client.ts";

const LIMITS = `${SCHEMA}.rate_limits`;

// A window that moved on starts again at 1; a clock a little behind another instance's counts in
// the newer window (never resets it).
const TAKE = `INSERT INTO ${LIMITS} AS r (key, window_start, window_ms, hits)
  SELECT t.key, t.window_start, t.window_ms, 1
  FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS t(key, window_start, window_ms)
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN r.window_start >= EXCLUDED.window_start THEN r.hits + 1 ELSE 1 END,
    window_start = GREATEST(r.window_start, EXCLUDED.window_start),
    window_ms = EXCLUDED.window_ms
  RETURNING key, window_start, hits`;

/** Options of `createPostgresRateLimitStore`. */
export interface PostgresRateLimitOptions {
  /** Delete expired windows once every this many takes (default 1000; 0: never). */
  pruneEvery?: number;
}

/** A `RateLimitStore` on the `dollr_kit` schema (run `migrate` first). */
export function createPostgresRateLimitStore(
  client: SqlClient,
  options: PostgresRateLimitOptions = {},
): RateLimitStore {
  const pruneEvery = options.pruneEvery ?? 1000;
  let takes = 0;
  const prune = (now: number) => {
    takes += 1;
    if (pruneEvery <= 0 || takes % pruneEvery !== 0) return;
    // Not awaited: a prune never delays a request; a failure is retried at the next one.
    client
      .query(`DELETE FROM ${LIMITS} WHERE window_start + window_ms <= $1`, [now])
      .catch(() => undefined);
  };
  const takeMany = async (
    list: readonly RateLimitTake[],
    now: number,
  ): Promise<RateLimitDecision[]> => {
    if (new Set(list.map((t) => t.key)).size !== list.length) {
      throw new TypeError("takeMany: keys must be distinct");
    }
    const { rows } = await client.query<{
      key: string;
      window_start: string | number;
      hits: number;
    }>(TAKE, [
      list.map((t) => t.key),
      list.map((t) => windowStart(now, t.windowMs)),
      list.map((t) => t.windowMs),
    ]);
    prune(now);
    const byKey = new Map(rows.map((row) => [row.key, row]));
    return list.map((t) => {
      const row = byKey.get(t.key);
      if (!row) throw new Error("rate limit: the counter was not returned");
      return decide(Number(row.hits), t.limit, Number(row.window_start), t.windowMs, now);
    });
  };
  return {
    takeMany,
    async take(key, limit, windowMs, now) {
      return (await takeMany([{ key, limit, windowMs }], now))[0] as RateLimitDecision;
    },
  };
}
