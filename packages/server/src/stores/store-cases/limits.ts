/**
 * Conformance cases of a `RateLimitStore` (the fixture's `limits`): a fixed window per key,
 * counted atomically across instances, keys kept apart, a retry time that ends the window.
 */
import type { RateLimitStore } from "../../limits/rate-limit-store.ts";
import { check, type StoreCase, type StoreFixture, uuid } from "./support.ts";

const WINDOW = 60_000;
// A window start in the fixed timeline (2030-01-01T00:00:00Z is a multiple of a minute).
const T0 = Date.UTC(2030, 0, 1);

function limitsOf(fixture: StoreFixture): { one: RateLimitStore; two: RateLimitStore } {
  const one = fixture.limits;
  check(one !== undefined, "the fixture has no `limits` (a RateLimitStore) to check");
  return { one, two: fixture.second?.limits ?? one };
}

export const LIMIT_CASES: readonly StoreCase[] = [
  {
    name: "limits: a window allows `limit` hits, then refuses until it ends",
    async run(factory) {
      const { one } = limitsOf(await factory());
      const key = `case:${uuid()}`;
      for (let i = 0; i < 3; i++) {
        const d = await one.take(key, 3, WINDOW, T0 + 1000 + i);
        check(d.allowed && d.retryAfterMs === 0, `hit ${i + 1} of 3 is allowed`);
      }
      const refused = await one.take(key, 3, WINDOW, T0 + 10_000);
      check(!refused.allowed, "the 4th hit in the window is refused");
      check(
        refused.retryAfterMs === WINDOW - 10_000,
        `retry when the window ends (got ${refused.retryAfterMs})`,
      );
      const next = await one.take(key, 3, WINDOW, T0 + WINDOW);
      check(next.allowed, "the next window starts again");
    },
  },
  {
    name: "limits: keys are counted apart",
    async run(factory) {
      const { one } = limitsOf(await factory());
      const [a, b] = [`case:${uuid()}`, `case:${uuid()}`];
      check((await one.take(a, 1, WINDOW, T0)).allowed, "a's first hit");
      check(!(await one.take(a, 1, WINDOW, T0)).allowed, "a's second hit is refused");
      check((await one.take(b, 1, WINDOW, T0)).allowed, "b is not held by a");
    },
  },
  {
    name: "limits: 40 concurrent hits through two instances allow exactly `limit`",
    async run(factory) {
      const { one, two } = limitsOf(await factory());
      const key = `case:${uuid()}`;
      const decisions = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 ? two : one).take(key, 7, WINDOW, T0 + i)),
      );
      const allowed = decisions.filter((d) => d.allowed).length;
      check(allowed === 7, `7 of 40 allowed (got ${allowed})`);
    },
  },
  {
    name: "limits: takeMany counts each key once, in order",
    async run(factory) {
      const { one } = limitsOf(await factory());
      if (!one.takeMany) return;
      const [a, b] = [`case:${uuid()}`, `case:${uuid()}`];
      await one.take(b, 1, WINDOW, T0);
      const [da, db] = await one.takeMany(
        [
          { key: a, limit: 1, windowMs: WINDOW },
          { key: b, limit: 1, windowMs: WINDOW },
        ],
        T0 + 5,
      );
      check(da?.allowed === true, "a's first hit is allowed");
      check(db?.allowed === false, "b's second hit is refused");
    },
  },
];
