/**
 * A bounded abuse run over real sockets: 20 clients burst paid lookups and card additions while
 * an honest customer adds a wallet and pays; then the limits shared by two proxy instances on
 * one PostgreSQL database. Clocks are injected: no test waits on a wall-clock window.
 */
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import type { DollrCustomer } from "./options.ts";
import { createPostgresStores, migrate, pgClient } from "./postgres.ts";
import { createTestDatabase } from "./stores/postgres/test-database.ts";
import {
  type Harness,
  newReferenceId,
  PHONES,
  serveSecondProxy,
  startHarness,
} from "./test-support.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ATTACKERS = 20;

describe("a bounded abuse run", () => {
  it("bounds 20 clients' lookups and card additions while an honest customer adds a wallet and pays", async () => {
    let h: Harness | undefined;
    const attackers = new Map<string, DollrCustomer>();
    h = await startHarness({
      proxy: {
        authorizeSource: (customer) => customer.id === "alice",
        // Attackers are customers too (signed up for free), on a party of their own kind.
        resolveCustomer: (request) => {
          const auth = request.headers.get("authorization") ?? "";
          if (auth === "Bearer alice") return (h as Harness).customers.alice;
          const name = auth.slice("Bearer ".length);
          if (!name.startsWith("attacker-")) return null;
          let customer = attackers.get(name);
          if (!customer) {
            customer = { id: name, partyId: (h as Harness).customers.bob.partyId };
            attackers.set(name, customer);
          }
          return customer;
        },
      },
    });
    cleanups.push(() => (h as Harness).close());
    const harness = h;
    const attack = async (i: number) => {
      const as = { authorization: `Bearer attacker-${i}` };
      const statuses: number[] = [];
      for (let round = 0; round < 5; round++) {
        const lookups = Array.from({ length: 8 }, () =>
          harness.call("GET", `/v1/predictions/mmo-provider-info?phone=${PHONES.succeeds}`, {
            as: null,
            headers: as,
          }),
        );
        const cards = Array.from({ length: 5 }, () =>
          harness.call("POST", "/kit/payment-accounts", {
            as: null,
            headers: as,
            json: { type: "CARD", payment_method_id: "pm_card_visa", account_name: "x" },
          }),
        );
        statuses.push(...(await Promise.all([...lookups, ...cards])).map((a) => a.status));
      }
      return statuses;
    };
    const honest = async () => {
      const source = await harness.source("alice");
      const wallet = await harness.wallet("alice", PHONES.succeeds);
      const session = await harness.session("alice", source);
      return harness.call("POST", "/v1/executions/collection", {
        json: {
          session_id: session,
          payment_account_id: wallet,
          currency: "USD",
          reference_id: newReferenceId(),
        },
      });
    };
    const [paid, ...attacks] = await Promise.all([
      honest(),
      ...Array.from({ length: ATTACKERS }, (_, i) => attack(i)),
    ]);
    expect(paid?.status).toBe(200);
    expect(paid?.json.status).toBe("PROCESSING");
    const all = (attacks as number[][]).flat();
    expect(all.length).toBe(ATTACKERS * 65);
    expect(all.every((s) => [200, 201, 429].includes(s))).toBe(true);
    expect(all.filter((s) => s === 429).length).toBeGreaterThan(0);
    // Each attacker got at most the default 30 lookups to Dollr (plus nothing of the others').
    const lookups = harness
      .apiCalls()
      .filter((c) => c.path.startsWith("/v1/predictions/mmo-provider-info"));
    expect(lookups.length).toBeLessThanOrEqual(ATTACKERS * 30 + 1);
    // Card additions: at most 20 per customer in 10 minutes (25 tried each).
    const cards = harness
      .apiCalls()
      .filter((c) => c.path.startsWith("/v1/predictions/card-provider-info"));
    expect(cards.length).toBeLessThanOrEqual(ATTACKERS * 20);
  });
});

describe("limits shared by two proxy instances on one PostgreSQL database", () => {
  it("allow exactly the limit across both instances", async () => {
    const database = await createTestDatabase();
    const pools = [0, 1].map(() => {
      const pool = new pg.Pool({ connectionString: database.url, max: 3 });
      // The database is dropped WITH (FORCE) at the end: a connection it ends is no error.
      pool.on("error", () => {});
      return pool;
    });
    cleanups.push(async () => {
      for (const pool of pools) await pool.end();
      await database.drop();
    });
    const [one, two] = pools.map((pool) => pgClient(pool)) as [
      ReturnType<typeof pgClient>,
      ReturnType<typeof pgClient>,
    ];
    await migrate(one);
    const now = Date.now();
    const rateLimits = { lookups: { limit: 4, windowMs: 60_000 } };
    const h = await startHarness({
      proxy: { ...createPostgresStores(one), rateLimits, now: () => now },
    });
    cleanups.push(() => h.close());
    const second = await serveSecondProxy(h, {
      ...createPostgresStores(two),
      rateLimits,
      now: () => now,
    });
    cleanups.push(second.close);
    const path = `/v1/predictions/mmo-provider-info?phone=${PHONES.succeeds}`;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 ? h.call("GET", path) : second.call("GET", path),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
  });
});
