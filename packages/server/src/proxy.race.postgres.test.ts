/**
 * One payment per source across proxy instances, on a real PostgreSQL server: two proxies, each
 * with its own connection pool on one database, 50 executes for one source with different ids.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresStores, migrate, pgClient } from "./postgres.ts";
import { createTestDatabase } from "./stores/postgres/test-database.ts";
import { type Harness, newReferenceId, serveSecondProxy, startHarness } from "./test-support.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const pools: pg.Pool[] = [];
let h: Harness;
let second: Awaited<ReturnType<typeof serveSecondProxy>>;

beforeAll(async () => {
  database = await createTestDatabase();
  const connect = () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 5 });
    // The test database is dropped at the end: an idle connection it ends is no failure.
    pool.on("error", () => {});
    pools.push(pool);
    return pgClient(pool);
  };
  const first = connect();
  await migrate(first);
  // The race, not the limits (50 executes by two customers on one phone), is under test here.
  h = await startHarness({
    proxy: { ...createPostgresStores(first), authorizeSource: () => true, rateLimits: false },
  });
  second = await serveSecondProxy(h, {
    ...createPostgresStores(connect()),
    authorizeSource: () => true,
    rateLimits: false,
  });
});

afterAll(async () => {
  await second?.close();
  await h?.close();
  for (const pool of pools) await pool.end();
  await database?.drop();
});

describe("two proxy instances on one PostgreSQL database", () => {
  it("forward exactly one of 50 concurrent executes for one source; 49 answer SOURCE_BUSY", async () => {
    const source = await h.source();
    // Sessions and wallets made through the first instance; the second reads them from the
    // database (it never saw them).
    const sessions = await Promise.all([h.session("alice", source), h.session("bob", source)]);
    const wallets = [await h.wallet("alice"), await h.wallet("bob")];
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const as = i % 2 === 0 ? "alice" : "bob";
        const body = {
          session_id: sessions[i % 2],
          payment_account_id: wallets[i % 2],
          currency: "USD",
          reference_id: newReferenceId(),
        };
        return i % 4 < 2
          ? h.call("POST", "/v1/executions/collection", { as, json: body })
          : second.call("POST", "/v1/executions/collection", as, body);
      }),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409 && a.json.code === "SOURCE_BUSY")).toHaveLength(
      49,
    );
    const winner = answers.find((a) => a.status === 200)?.json.reference_id;
    for (const busy of answers.filter((a) => a.status === 409)) {
      expect(busy.json).toMatchObject({ reference_id: winner, ambiguous: false });
    }
    const executions = h.simulator.control.ledger().executions;
    expect(executions.map((e) => e.reference_id)).toEqual([winner]);
    expect(await h.attempts.listAttempts({ source })).toHaveLength(1);
  });
});
