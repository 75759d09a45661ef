import { describe, expect, it } from "vitest";
import { fairLock, LockBusyError } from "./fair-lock.ts";

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
};

describe("fairLock", () => {
  it("runs one task per key at a time, keys apart, and refuses past the queue", async () => {
    const lock = fairLock({ maxQueue: 1, maxWaitMs: 10_000 });
    const first = gate();
    const order: string[] = [];
    const a1 = lock("a", async () => {
      await first.opened;
      order.push("a1");
    });
    const a2 = lock("a", async () => {
      order.push("a2");
    });
    await expect(lock("a", async () => "a3")).rejects.toMatchObject({ reason: "queue-full" });
    await lock("b", async () => {
      order.push("b");
    });
    first.open();
    await Promise.all([a1, a2]);
    expect(order).toEqual(["b", "a1", "a2"]);
    // The key is free again.
    expect(await lock("a", async () => "again")).toBe("again");
  });

  it("gives up a wait past maxWaitMs, and the queue goes on", async () => {
    const lock = fairLock({ maxQueue: 2, maxWaitMs: 20 });
    const held = gate();
    const running = lock("k", () => held.opened);
    const waiting = lock("k", async () => "never");
    await expect(waiting).rejects.toBeInstanceOf(LockBusyError);
    held.open();
    await running;
    expect(await lock("k", async () => "next")).toBe("next");
  });
});
