// Two reconcilers (two instances) on one store: every settled attempt reaches onSettled once,
// on the memory store, on PGlite, and on a real PostgreSQL server with one pool per instance.
import { afterEach, describe, expect, it } from "vitest";
import { type AttemptStore, createMemoryAttemptStore } from "../stores/attempt-store.ts";
import { createPostgresAttemptStore } from "../stores/postgres/attempt-store.ts";
import { migrate } from "../stores/postgres/migrate.ts";
import { type OpenDatabase, openDatabase } from "../stores/postgres/open-database.ts";
import { createTestDatabase } from "../stores/postgres/test-database.ts";
import { PHONES } from "../test-support.ts";
import { emptyHeard, type ReconcilerHarness, startReconcilerHarness } from "./test-support.ts";

let r: ReconcilerHarness | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await r?.close();
  r = undefined;
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** One store for the proxy and one per reconciler (the same object, or one per connection). */
interface Stores {
  proxy: AttemptStore;
  a: AttemptStore;
  b: AttemptStore;
}

async function oneNotificationEach(stores: Stores) {
  r = await startReconcilerHarness({ attempts: stores.proxy });
  const refs: string[] = [];
  for (let i = 0; i < 10; i++) {
    refs.push(await r.pay({ phone: i % 3 === 0 ? PHONES.fails : PHONES.succeeds }));
  }
  const heardA = emptyHeard();
  const heardB = emptyHeard();
  const a = r.reconciler({ owner: "a", attempts: stores.a, batchSize: 2 }, heardA).reconciler;
  const b = r.reconciler({ owner: "b", attempts: stores.b, batchSize: 2 }, heardB).reconciler;

  // Both follow the payments while they are in progress, then after they end.
  await Promise.all([a.runUntilIdle(), b.runUntilIdle()]);
  expect([...heardA.settled, ...heardB.settled]).toEqual([]);
  r.h.advance(61_000);
  await Promise.all([a.runUntilIdle(), b.runUntilIdle(), a.runOnce(), b.runOnce()]);
  r.h.advance(3_600_000);
  await Promise.all([a.runUntilIdle(), b.runUntilIdle()]);

  const heard = [...heardA.settled, ...heardB.settled];
  // On a mismatch, say what the two instances logged beyond info.
  const trouble = JSON.stringify(
    [...heardA.logs, ...heardB.logs].filter((l) => l.level !== "info" && l.level !== "debug"),
  );
  expect(heard.map((p) => p.referenceId).sort(), trouble).toEqual([...refs].sort());
  expect(heardA.settled.length, trouble).toBeGreaterThan(0);
  expect(heardB.settled.length, trouble).toBeGreaterThan(0);
  for (const [index, ref] of refs.entries()) {
    const payment = heard.find((p) => p.referenceId === ref);
    expect(payment?.outcome).toBe(index % 3 === 0 ? "failed" : "succeeded");
    expect(await stores.proxy.getAttempt(ref)).toMatchObject({
      notifiedAt: expect.any(String),
      claimedBy: null,
    });
  }
}

describe("two reconcilers on one store", () => {
  it("memory: one onSettled per attempt", async () => {
    const store = createMemoryAttemptStore();
    await oneNotificationEach({ proxy: store, a: store, b: store });
  });

  it("PGlite: one onSettled per attempt", async () => {
    const db = await openDatabase();
    cleanups.push(() => db.close());
    await migrate(db.client);
    const store = createPostgresAttemptStore(db.client);
    await oneNotificationEach({
      proxy: store,
      a: createPostgresAttemptStore(db.client),
      b: createPostgresAttemptStore(db.client),
    });
  }, 60_000);

  it("PostgreSQL, a pool per instance: one onSettled per attempt", async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const pools: OpenDatabase[] = [];
    for (let i = 0; i < 3; i++) pools.push(await openDatabase({ url: database.url }));
    cleanups.push(async () => {
      await Promise.all(pools.map((pool) => pool.close()));
    });
    const [proxy, a, b] = pools.map((pool) => pool.client);
    await migrate(proxy as OpenDatabase["client"]);
    await oneNotificationEach({
      proxy: createPostgresAttemptStore(proxy as OpenDatabase["client"]),
      a: createPostgresAttemptStore(a as OpenDatabase["client"]),
      b: createPostgresAttemptStore(b as OpenDatabase["client"]),
    });
  }, 60_000);
});
