// The reconciler's pace toward Dollr: a 429's Retry-After is honoured before any further read,
// and reads never exceed the cap per simulated second. Times are the simulator's clock, which
// only the reconciler's (virtual) sleep moves.
import { afterEach, describe, expect, it } from "vitest";
import { type ReconcilerHarness, startReconcilerHarness } from "./test-support.ts";

let r: ReconcilerHarness | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const STATUS = { method: "GET", pathPrefix: "/v1/status/collection/" } as const;

async function payments(harness: ReconcilerHarness, count: number): Promise<string[]> {
  const refs: string[] = [];
  for (let i = 0; i < count; i++) refs.push(await harness.pay());
  return refs;
}

describe("Dollr's 429", () => {
  it("stops the pass's reads, and no read leaves before Retry-After has passed", async () => {
    r = await startReconcilerHarness();
    const refs = await payments(r, 3);
    r.h.simulator.control.setFaults({
      kind: "rate_limit",
      count: 1,
      retryAfterSeconds: 5,
      match: STATUS,
    });
    const { reconciler, heard } = r.reconciler({ requestsPerSecond: 1 });

    const first = await reconciler.runOnce();
    expect(first).toMatchObject({ claimed: 3, checked: 1, deferred: 3, rateLimited: true });
    const [limited] = r.statusReads();
    expect(limited?.status).toBe(429);
    expect(heard.logs.find((l) => l.message === "reconciler.rate_limited")?.fields).toMatchObject({
      pause_ms: 5_000,
    });
    // Every claim was released; the refused attempt waits for Retry-After in the record too.
    for (const ref of refs) expect((await r.h.attempts.getAttempt(ref))?.claimedBy).toBeNull();

    // A pass straight after reads nothing.
    expect(await reconciler.runOnce()).toMatchObject({ checked: 0, requests: 0 });

    const rest = await reconciler.runUntilIdle();
    expect(rest).toMatchObject({ checked: 3, answered: 3 });
    const after = r.statusReads().slice(1);
    expect(after).toHaveLength(3);
    expect(after.every((s) => s.status === 200)).toBe(true);
    expect(Math.min(...after.map((s) => s.at))).toBeGreaterThanOrEqual((limited?.at ?? 0) + 5_000);
  });

  it("honours a Retry-After given as an HTTP date", async () => {
    r = await startReconcilerHarness();
    await payments(r, 2);
    r.h.simulator.control.setFaults({ kind: "rate_limit", count: 1, match: STATUS });
    const { simulator } = r.h;
    const reads: { at: number; status: number }[] = [];
    let retryAt = 0;
    const { reconciler } = r.reconciler({
      requestsPerSecond: 1,
      fetch: async (request) => {
        const at = simulator.control.now();
        const response = await fetch(request);
        if (new URL(request.url).pathname.startsWith("/v1/status/")) {
          reads.push({ at, status: response.status });
        }
        if (response.status !== 429) return response;
        // Dollr's other form: the simulator's 429 with its Retry-After as a date 8 s ahead.
        const date = new Date(at + 8_000).toUTCString();
        retryAt = Date.parse(date);
        return new Response(await response.text(), {
          status: 429,
          headers: { "retry-after": date },
        });
      },
    });
    expect(await reconciler.runOnce()).toMatchObject({ rateLimited: true, checked: 1 });
    await reconciler.runUntilIdle();
    expect(reads.map((read) => read.status)).toEqual([429, 200, 200]);
    expect(retryAt).toBeGreaterThan(reads[0]?.at ?? 0);
    for (const read of reads.slice(1)) expect(read.at).toBeGreaterThanOrEqual(retryAt);
  });
});

describe("the cap on reads per second", () => {
  it("never lets more than requestsPerSecond reads leave within a simulated second", async () => {
    r = await startReconcilerHarness();
    await payments(r, 13);
    const { reconciler } = r.reconciler({ requestsPerSecond: 4 });
    const summary = await reconciler.runOnce();
    expect(summary).toMatchObject({ claimed: 13, checked: 13 });
    const times = r.statusReads().map((s) => s.at);
    expect(times).toHaveLength(13);
    for (let i = 0; i + 4 < times.length; i++) {
      expect((times[i + 4] as number) - (times[i] as number)).toBeGreaterThanOrEqual(1_000);
    }
    // And it is a cap, not a crawl: 13 reads at 4 a second take 3 seconds.
    expect((times[12] as number) - (times[0] as number)).toBe(3_000);
    expect(summary.requests).toBe(14); // 13 reads and the token
  });
});
