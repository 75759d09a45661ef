// The status feed in process: a change reaches its watcher in the same turn as the call that
// made it, and on a real clock the feed wakes itself at the instant a payment settles.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSimulator, type SimulatorHandler, worldOf } from "../simulator.ts";
import { FROZEN_NOW, TestClient } from "../test-helpers.ts";
import { type RowChange, StatusFeed } from "./feed.ts";

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A simulator answered in process: the test client's fetch goes straight to the handler. */
function inProcess(handler: SimulatorHandler) {
  vi.stubGlobal("fetch", (input: string, init?: RequestInit) => handler(new Request(input, init)));
  const client = new TestClient("http://dollr.test");
  client.token = handler.control.issueToken();
  const feed = new StatusFeed(worldOf(handler));
  handler.control.onChange(() => feed.check());
  const changes: RowChange[] = [];
  const expired: string[] = [];
  const watch = (referenceId: string, expiresAt = Number.POSITIVE_INFINITY) =>
    feed.watch({
      referenceId,
      expiresAt,
      onChange: (change) => changes.push(change),
      onExpired: () => expired.push(referenceId),
    });
  return { client, feed, changes, expired, watch };
}

describe("StatusFeed on a clock that only moves by advance", () => {
  it("tells the watcher before advance returns", async () => {
    const handler = createSimulator({ clock: { now: () => FROZEN_NOW } });
    const { client, changes, watch } = inProcess(handler);
    const { referenceId } = await client.pay({ phone: "231880000000" });
    watch(referenceId);
    handler.control.advance(89_999);
    expect(changes).toEqual([]);
    handler.control.advance(1);
    expect(changes).toEqual([
      {
        type: "UPDATE",
        commit_timestamp: "2026-06-01T12:01:30.000Z",
        record: {
          reference_id: referenceId,
          status: "COMPLETED",
          updated_at: "2026-06-01T12:01:30.000Z",
        },
        old_record: { reference_id: referenceId },
      },
    ]);
  });

  it("sends INSERT for a payment made after the watch began, and DELETE when a reset forgets it", async () => {
    const handler = createSimulator({ clock: { now: () => FROZEN_NOW } });
    const { client, changes, watch } = inProcess(handler);
    const referenceId = crypto.randomUUID();
    watch(referenceId);
    const source = await client.source();
    const account = await client.cardAccount(source.party_id, "pm_card_visa");
    const session = await client.checkoutSession(source.source_id);
    await client.execute(session.id, account.id, "USD", referenceId);
    expect(changes.map((change) => [change.type, change.record?.status])).toEqual([
      ["INSERT", "COMPLETED"],
    ]);
    handler.control.reset();
    expect(changes.at(-1)).toMatchObject({
      type: "DELETE",
      record: null,
      old_record: { reference_id: referenceId },
    });
  });

  it("ends a watch whose token expires, and sets no timer a still clock cannot reach", async () => {
    vi.useFakeTimers();
    const handler = createSimulator({ clock: { now: () => FROZEN_NOW } });
    const { client, feed, expired, watch } = inProcess(handler);
    const { referenceId } = await client.pay({ phone: "231880000000" });
    watch(referenceId, FROZEN_NOW + 60_000);
    // The timer fires on the real clock, finds the simulator's still, and is not set again.
    vi.advanceTimersByTime(60_000);
    expect(vi.getTimerCount()).toBe(0);
    expect(expired).toEqual([]);
    handler.control.advance(60_000);
    expect(expired).toEqual([referenceId]);
    expect(feed.size).toBe(0);
  });
});

describe("StatusFeed on a real clock", () => {
  it("wakes at the instant the payment settles, with no request to the simulator", async () => {
    vi.useFakeTimers({ now: FROZEN_NOW });
    const handler = createSimulator({ processingMs: 5_000 });
    const { client, changes, watch } = inProcess(handler);
    const { referenceId } = await client.pay({ phone: "231880000000" });
    watch(referenceId);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(4_999);
    expect(changes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(changes.map((change) => change.record?.status)).toEqual(["COMPLETED"]);
    // Settled: nothing left to wake for.
    expect(vi.getTimerCount()).toBe(0);
  });

  it("wakes when a watched token expires", async () => {
    vi.useFakeTimers({ now: FROZEN_NOW });
    const handler = createSimulator();
    const { client, expired, watch } = inProcess(handler);
    const { referenceId } = await client.pay({ phone: "231880000000" });
    watch(referenceId, FROZEN_NOW + 1_000);
    vi.advanceTimersByTime(1_000);
    expect(expired).toEqual([referenceId]);
  });

  it("stops its timer when the last watch stops", async () => {
    vi.useFakeTimers({ now: FROZEN_NOW });
    const handler = createSimulator();
    const { client, watch } = inProcess(handler);
    const { referenceId } = await client.pay({ phone: "231880000000" });
    const watching = watch(referenceId);
    expect(vi.getTimerCount()).toBe(1);
    watching.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
