/**
 * One order, one source, across server instances on a real PostgreSQL server: two helpers, each
 * with its own connection pool on one database, 20 concurrent checkouts of one order.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../stores/postgres/migrate.ts";
import { createPostgresStores } from "../stores/postgres/open-database.ts";
import { pgClient } from "../stores/postgres/sql-client.ts";
import { createTestDatabase } from "../stores/postgres/test-database.ts";
import { type CartHarness, cart, SHOP, startCartHarness } from "./test-support.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const pools: pg.Pool[] = [];
let c: CartHarness;

const connect = () => {
  const pool = new pg.Pool({ connectionString: database.url, max: 5 });
  // The test database is dropped at the end: an idle connection it ends is no failure.
  pool.on("error", () => {});
  pools.push(pool);
  return pgClient(pool);
};

beforeAll(async () => {
  database = await createTestDatabase();
  const first = connect();
  await migrate(first);
  c = await startCartHarness({ checkouts: createPostgresStores(first).checkouts });
});

afterAll(async () => {
  await c?.close();
  for (const pool of pools) await pool.end();
  await database?.drop();
});

describe("two server instances on one PostgreSQL database", () => {
  it("make exactly one source for 20 concurrent checkouts of one order", async () => {
    const one = c.helper();
    const two = c.helper({ checkouts: createPostgresStores(connect()).checkouts });
    const input = cart({ mode: "HOSTED", successUrl: `${SHOP}/ok`, cancelUrl: `${SHOP}/cart` });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? one : two).create({ ...input })),
    );
    expect(c.creates).toHaveLength(1);
    const made = c.answers[0] as { source_id: number; url: string };
    for (const result of results) {
      expect(result).toEqual({
        source: { type: "ORDER", id: made.source_id, number: expect.stringMatching(/^ORD-/) },
        total: "11.50",
        currency: "USD",
        url: made.url,
      });
    }
    const sources = c.simulator.control.ledger().sources;
    expect(sources.filter((s) => s.source_type === "ORDER")).toHaveLength(1);
    expect(await c.checkouts.getCheckout(input.orderReference)).toMatchObject({
      state: "open",
      url: made.url,
      claimedBy: null,
    });
  });
});
