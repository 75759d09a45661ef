/**
 * The store conformance suite on every store the kit ships: memory, PGlite (embedded, in
 * memory) and a real PostgreSQL server with two pools on one database (two proxy instances).
 */
import { afterAll, beforeAll, describe, it } from "vitest";
import { createMemoryRateLimitStore } from "../limits/rate-limit-store.ts";
import { createMemoryAccountStore } from "./account-store.ts";
import { createMemoryAttemptStore } from "./attempt-store.ts";
import { createMemoryCheckoutStore } from "./checkout-store.ts";
import { STORE_CASES, type StoreFactory } from "./conformance.ts";
import { migrate } from "./postgres/migrate.ts";
import { createPostgresStores, type OpenDatabase, openDatabase } from "./postgres/open-database.ts";
import { createTestDatabase, truncateStores } from "./postgres/test-database.ts";

function runEveryCase(factory: StoreFactory) {
  for (const testCase of STORE_CASES) it(testCase.name, () => testCase.run(factory));
}

describe("memory stores", () => {
  runEveryCase(async () => ({
    attempts: createMemoryAttemptStore(),
    accounts: createMemoryAccountStore(),
    limits: createMemoryRateLimitStore(),
    checkouts: createMemoryCheckoutStore(),
  }));
});

describe("PGlite stores (in memory)", () => {
  let db: OpenDatabase | undefined;
  beforeAll(async () => {
    db = await openDatabase();
    await migrate(db.client);
  }, 60_000);
  afterAll(() => db?.close());
  runEveryCase(async () => {
    if (!db) throw new Error("PGlite did not open");
    await truncateStores(db.client);
    return createPostgresStores(db.client);
  });
});

describe("PostgreSQL stores, two pools on one database", () => {
  let pools: OpenDatabase[] = [];
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const database = await createTestDatabase();
    drop = database.drop;
    pools = [await openDatabase({ url: database.url }), await openDatabase({ url: database.url })];
    await migrate((pools[0] as OpenDatabase).client);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
    await drop?.();
  });
  runEveryCase(async () => {
    const [first, second] = pools;
    if (!first || !second) throw new Error("PostgreSQL did not open");
    await truncateStores(first.client);
    return { ...createPostgresStores(first.client), second: createPostgresStores(second.client) };
  });
});
