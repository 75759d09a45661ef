// Hints become reads of the status query: at most one a second, never on top of a read in
// flight (one more once it ends), and none after `close`. Fake timers; reads are released by hand.
import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createHintReader } from "./hint-reader.ts";

const KEY = ["dollr-kit", "k", "status", "collection", "ref-1"] as const;

/** An observed status query whose every read waits for `release()`. */
function statusQuery() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const waiting: (() => void)[] = [];
  let reads = 0;
  const observer = new QueryObserver(queryClient, {
    queryKey: KEY,
    queryFn: () =>
      new Promise<number>((resolve) => {
        reads += 1;
        const n = reads;
        waiting.push(() => resolve(n));
      }),
    staleTime: 0,
  });
  const unsubscribe = observer.subscribe(() => {});
  return {
    queryClient,
    reads: () => reads,
    /** Answers the read in flight, and lets its result settle. */
    async release() {
      waiting.shift()?.();
      await vi.advanceTimersByTimeAsync(0);
    },
    unsubscribe,
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("createHintReader", () => {
  it("reads at once, then at most once a second however many hints come", async () => {
    const query = statusQuery();
    await query.release(); // the observer's first read
    const reader = createHintReader(query.queryClient, KEY);
    reader.hint();
    expect(query.reads()).toBe(2);
    await query.release();
    reader.hint();
    reader.hint();
    reader.hint();
    expect(query.reads()).toBe(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(query.reads()).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(query.reads()).toBe(3);
    await query.release();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(query.reads()).toBe(3);
    query.unsubscribe();
  });

  it("waits for a read in flight, then reads once more", async () => {
    const query = statusQuery();
    expect(query.reads()).toBe(1); // in flight, not answered
    const reader = createHintReader(query.queryClient, KEY);
    reader.hint();
    expect(query.reads()).toBe(1);
    await query.release();
    expect(query.reads()).toBe(2);
    query.unsubscribe();
  });

  it("reads nothing after close, even a read it was waiting to send", async () => {
    const query = statusQuery();
    await query.release();
    const reader = createHintReader(query.queryClient, KEY);
    reader.hint();
    await query.release();
    reader.hint(); // waits for the second to pass
    reader.close();
    reader.hint();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(query.reads()).toBe(2);
    query.unsubscribe();
  });
});
