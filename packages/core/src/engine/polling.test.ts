import { describe, expect, it } from "vitest";
import { DEFAULT_POLLING_SETTINGS } from "../contract.ts";
import {
  DEFAULT_POLLING_POLICY,
  MAX_RETRY_AFTER_MS,
  nextPollDelay,
  POLL_CAP_MS,
  POLL_QUICK_DELAY_MS,
  type PollingPolicy,
  pollingPolicyFromSettings,
} from "./polling.ts";

/** The times at which a status check is made over a wait with no errors, from the function alone. */
function schedule(policy: PollingPolicy = DEFAULT_POLLING_POLICY): number[] {
  const times: number[] = [];
  let elapsed = 0;
  for (;;) {
    const delay = nextPollDelay({ elapsedMs: elapsed }, policy);
    if (delay === "expired") return times;
    elapsed += delay;
    times.push(elapsed);
  }
}

describe("nextPollDelay", () => {
  it("costs at most 60 requests over ten minutes", () => {
    const inTenMinutes = schedule().filter((t) => t <= 10 * 60_000);
    expect(inTenMinutes.length).toBeLessThanOrEqual(60);
    expect(inTenMinutes.length).toBeGreaterThan(40);
  });

  it("shows a success within 3 s of landing during the first two minutes", () => {
    const times = [0, ...schedule()];
    for (let i = 1; i < times.length; i += 1) {
      const [previous = 0, current = 0] = [times[i - 1], times[i]];
      if (previous < 2 * 60_000)
        expect(current - previous).toBeLessThanOrEqual(POLL_QUICK_DELAY_MS);
    }
  });

  it("never shortens as the wait goes on, and never exceeds the steady maximum", () => {
    let last = 0;
    for (let elapsed = 0; elapsed < POLL_CAP_MS; elapsed += 1_000) {
      const delay = nextPollDelay({ elapsedMs: elapsed });
      if (delay === "expired") throw new Error("expired before the cap");
      const untrimmed = Math.min(delay, POLL_CAP_MS - elapsed);
      if (POLL_CAP_MS - elapsed > last) expect(untrimmed).toBeGreaterThanOrEqual(last);
      expect(delay).toBeLessThanOrEqual(60_000);
      last = untrimmed;
    }
  });

  it("is expired at the cap, and the last check lands on it", () => {
    expect(nextPollDelay({ elapsedMs: POLL_CAP_MS })).toBe("expired");
    expect(nextPollDelay({ elapsedMs: POLL_CAP_MS + 1 })).toBe("expired");
    expect(nextPollDelay({ elapsedMs: POLL_CAP_MS - 1_000 })).toBe(1_000);
    expect(schedule().at(-1)).toBe(POLL_CAP_MS);
  });

  it("honours Retry-After, up to its own cap", () => {
    expect(nextPollDelay({ elapsedMs: 0, retryAfterMs: 7_000 })).toBe(7_000);
    expect(nextPollDelay({ elapsedMs: 0, retryAfterMs: 500 })).toBe(2_000);
    expect(nextPollDelay({ elapsedMs: 0, retryAfterMs: 10 * 3_600_000 })).toBe(MAX_RETRY_AFTER_MS);
    expect(nextPollDelay({ elapsedMs: POLL_CAP_MS - 1_000, retryAfterMs: 20_000 })).toBe(20_000);
  });

  it("backs off on consecutive errors, doubling up to the maximum", () => {
    const delays = [1, 2, 3, 4, 5, 6, 10].map((consecutiveErrors) =>
      nextPollDelay({ elapsedMs: 0, consecutiveErrors }),
    );
    expect(delays).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it("reads nonsense input safely", () => {
    expect(nextPollDelay({ elapsedMs: -5 })).toBe(2_000);
    expect(nextPollDelay({ elapsedMs: Number.NaN })).toBe(2_000);
    expect(nextPollDelay({ elapsedMs: 0, retryAfterMs: Number.NaN })).toBe(2_000);
  });

  it("follows a custom policy", () => {
    const policy: PollingPolicy = {
      ...DEFAULT_POLLING_POLICY,
      tiers: [{ untilMs: Number.POSITIVE_INFINITY, delayMs: 5_000 }],
      capMs: 20_000,
    };
    expect(schedule(policy)).toEqual([5_000, 10_000, 15_000, 20_000]);
  });
});

describe("pollingPolicyFromSettings", () => {
  it("grows from the first delay by the factor up to the maximum, and gives up when told", () => {
    const policy = pollingPolicyFromSettings({
      interval_ms: 2_000,
      max_interval_ms: 8_000,
      backoff_factor: 2,
      give_up_after_ms: 60_000,
    });
    const times = schedule(policy);
    const gaps = times.map((t, i) => t - (times[i - 1] ?? 0));
    expect(gaps.slice(0, 5)).toEqual([2_000, 4_000, 8_000, 8_000, 8_000]);
    expect(times.at(-1)).toBe(60_000);
    expect(policy.notLandedGraceMs).toBe(DEFAULT_POLLING_POLICY.notLandedGraceMs);
  });

  it("never expires when give_up_after_ms is null, and keeps a flat schedule flat", () => {
    const policy = pollingPolicyFromSettings({
      interval_ms: 5_000,
      max_interval_ms: 5_000,
      backoff_factor: 1,
      give_up_after_ms: null,
    });
    expect(nextPollDelay({ elapsedMs: 10 * 3_600_000 }, policy)).toBe(5_000);
    expect(nextPollDelay({ elapsedMs: 0 }, policy)).toBe(5_000);
  });

  it("reads the contract's default settings", () => {
    const policy = pollingPolicyFromSettings(DEFAULT_POLLING_SETTINGS);
    expect(nextPollDelay({ elapsedMs: 0 }, policy)).toBe(DEFAULT_POLLING_SETTINGS.interval_ms);
    expect(nextPollDelay({ elapsedMs: 5 * 60_000 }, policy)).toBe(
      DEFAULT_POLLING_SETTINGS.max_interval_ms,
    );
  });
});
