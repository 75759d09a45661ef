// The pace of status reads: spaced under the cap, paused by a 429 until Retry-After, backed off
// on 429s in a row. A fake clock: sleeping moves it.
import { describe, expect, it } from "vitest";
import { createRateLimiter, MAX_RETRY_AFTER_MS } from "./rate-limiter.ts";

function clock() {
  let now = 0;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    move: (ms: number) => {
      now += ms;
    },
    slept,
  };
}

describe("the rate limiter", () => {
  it("spaces reads so no second holds more than the cap, even when callers queue at once", async () => {
    const c = clock();
    const limiter = createRateLimiter({ requestsPerSecond: 4, ...c });
    const starts: number[] = [];
    for (let i = 0; i < 9; i++) {
      expect(await limiter.acquire()).toBe(true);
      starts.push(c.now());
    }
    expect(starts).toEqual([0, 250, 500, 750, 1000, 1250, 1500, 1750, 2000]);
    // A cap that does not divide a second rounds the spacing up, never down.
    const other = clock();
    const thirds = createRateLimiter({ requestsPerSecond: 3, ...other });
    await thirds.acquire();
    await thirds.acquire();
    expect(other.now()).toBe(334);
    expect(thirds.pausedUntil()).toBeNull();
  });

  it("pauses every read until Retry-After, then backs off on 429s in a row", async () => {
    const c = clock();
    const limiter = createRateLimiter({ requestsPerSecond: 1000, ...c });
    limiter.rateLimited(5_000);
    expect(limiter.pausedUntil()).toBe(5_000);
    expect(await limiter.acquire()).toBe(false);
    expect(await limiter.acquire({ waitOutPause: true })).toBe(true);
    expect(c.now()).toBe(5_000);
    // Without Retry-After: 2 s for the second 429 in a row, 4 s for the third…
    limiter.rateLimited(undefined);
    expect(limiter.pausedUntil()).toBe(7_000);
    c.move(2_000);
    limiter.rateLimited(undefined);
    expect(limiter.pausedUntil()).toBe(11_000);
    // …until an answer that is not a 429 starts it over.
    c.move(4_000);
    limiter.answered();
    limiter.rateLimited(undefined);
    expect(limiter.pausedUntil()).toBe(12_000);
  });

  it("caps an absurd Retry-After, and gives up waiting when cancelled", async () => {
    const c = clock();
    const limiter = createRateLimiter({ requestsPerSecond: 1, ...c });
    limiter.rateLimited(10 * MAX_RETRY_AFTER_MS);
    expect(limiter.pausedUntil()).toBe(MAX_RETRY_AFTER_MS);
    expect(await limiter.acquire({ waitOutPause: true, cancelled: () => true })).toBe(false);
    expect(c.slept).toEqual([]);
  });
});
