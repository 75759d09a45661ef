/**
 * Database round trips on the proxy's hot path, on the PostgreSQL stores (PGlite here): an
 * execute takes its two shared rate limits (the customer's executes and the phone's prompts) in
 * one statement and records its attempt and its answer (3 in all), and an unchanged poll costs
 * nothing (its limit is counted in the instance's memory).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresStores, migrate, openDatabase } from "./postgres.ts";
import { countingClient } from "./stores/postgres/sql-client.ts";
import { type Harness, newReferenceId, startHarness } from "./test-support.ts";

let h: Harness;
let db: Awaited<ReturnType<typeof openDatabase>>;
let counted: ReturnType<typeof countingClient>;

beforeAll(async () => {
  db = await openDatabase({});
  await migrate(db.client);
  counted = countingClient(db.client);
  h = await startHarness({ proxy: { ...createPostgresStores(counted.client) } });
});
afterAll(async () => {
  await h?.close();
  await db?.close();
});

describe("database round trips", () => {
  it("are at most 3 per execute (1 for both rate limits) and 0 per unchanged poll", async () => {
    const sessionId = await h.session("alice");
    const wallet = await h.wallet("alice");
    const referenceId = newReferenceId();
    const before = counted.queries();
    const executed = await h.call("POST", "/v1/executions/collection", {
      json: {
        session_id: sessionId,
        payment_account_id: wallet,
        currency: "USD",
        reference_id: referenceId,
      },
    });
    expect(executed.json.status).toBe("PROCESSING");
    expect(counted.queries() - before).toBeLessThanOrEqual(3);
    const polled = counted.queries();
    for (let i = 0; i < 3; i++) {
      expect((await h.call("GET", `/v1/status/collection/${referenceId}`)).json.status).toBe(
        "PROCESSING",
      );
    }
    expect(counted.queries() - polled).toBe(0);
    expect(await h.attempts.getAttempt(referenceId)).toMatchObject({
      status: "PROCESSING",
      httpStatus: 200,
      outcome: "open",
    });
  });
});
