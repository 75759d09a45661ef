import { describe, expect, it } from "vitest";
import { createManualClock } from "./clock.ts";
import {
  createMemoryLocks,
  createStorageLeaseLocks,
  createWebLocks,
  LEASE_SETTLE_MS,
  LEASE_TTL_MS,
  type WebLockManagerLike,
} from "./locks.ts";
import { createMemoryStorage } from "./storage.ts";

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("memory locks", () => {
  it("lets one holder in at a time and frees the lock after", async () => {
    const locks = createMemoryLocks();
    const gate = deferred();
    const first = locks.tryWithLock("a", async () => {
      await gate.promise;
      return 1;
    });
    expect(await locks.tryWithLock("a", async () => 2)).toEqual({ acquired: false });
    expect(await locks.tryWithLock("b", async () => 3)).toEqual({ acquired: true, value: 3 });
    gate.resolve();
    expect(await first).toEqual({ acquired: true, value: 1 });
    expect(locks.isHeld("a")).toBe(false);
    expect(await locks.tryWithLock("a", async () => 4)).toEqual({ acquired: true, value: 4 });
  });

  it("frees the lock when the holder throws", async () => {
    const locks = createMemoryLocks();
    await expect(
      locks.tryWithLock("a", async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(locks.isHeld("a")).toBe(false);
  });
});

describe("web locks", () => {
  it("asks for the lock without waiting and reports a held lock as not acquired", async () => {
    const calls: unknown[] = [];
    let available = true;
    const manager: WebLockManagerLike = {
      request: (name, options, callback) => {
        calls.push([name, options]);
        return callback(available ? { name } : null);
      },
    };
    const locks = createWebLocks(manager);
    expect(await locks.tryWithLock("a", async () => 1)).toEqual({ acquired: true, value: 1 });
    available = false;
    expect(await locks.tryWithLock("a", async () => 2)).toEqual({ acquired: false });
    expect(calls).toEqual([
      ["a", { ifAvailable: true }],
      ["a", { ifAvailable: true }],
    ]);
  });
});

describe("storage lease locks", () => {
  it("excludes a second tab sharing the storage, and frees on release", async () => {
    const storage = createMemoryStorage();
    const clock = createManualClock();
    const tabA = createStorageLeaseLocks(storage, clock);
    const tabB = createStorageLeaseLocks(storage, clock);
    const gate = deferred();
    const held = tabA.tryWithLock("src", async () => {
      await gate.promise;
      return "a";
    });
    await flush();
    clock.advance(LEASE_SETTLE_MS);
    await flush();
    expect(await tabB.tryWithLock("src", async () => "b")).toEqual({ acquired: false });
    // Renewal keeps the lease alive past its TTL while the holder works.
    clock.advance(LEASE_TTL_MS * 2);
    await flush();
    expect(await tabB.tryWithLock("src", async () => "b")).toEqual({ acquired: false });
    gate.resolve();
    expect(await held).toEqual({ acquired: true, value: "a" });
    const again = tabB.tryWithLock("src", async () => "b");
    await flush();
    clock.advance(LEASE_SETTLE_MS);
    expect(await again).toEqual({ acquired: true, value: "b" });
  });

  it("lets the later writer of a race win, and the other back off", async () => {
    const storage = createMemoryStorage();
    const clock = createManualClock();
    const a = createStorageLeaseLocks(storage, clock).tryWithLock("src", async () => "a");
    const b = createStorageLeaseLocks(storage, clock).tryWithLock("src", async () => "b");
    await flush();
    clock.advance(LEASE_SETTLE_MS);
    const results = await Promise.all([a, b]);
    expect(results.filter((result) => result.acquired)).toHaveLength(1);
  });

  it("takes over a dead tab's lease once it expires", async () => {
    const storage = createMemoryStorage();
    const clock = createManualClock();
    storage.setItem(
      "dollr-kit:v1:lock:src",
      JSON.stringify({ owner: "dead", until: clock.now() + LEASE_TTL_MS }),
    );
    const locks = createStorageLeaseLocks(storage, clock);
    expect(await locks.tryWithLock("src", async () => 1)).toEqual({ acquired: false });
    clock.advance(LEASE_TTL_MS);
    const later = locks.tryWithLock("src", async () => 2);
    await flush();
    clock.advance(LEASE_SETTLE_MS);
    expect(await later).toEqual({ acquired: true, value: 2 });
  });
});
