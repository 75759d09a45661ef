/**
 * `openDatabase` (PostgreSQL by URL, PGlite in a folder or in memory), a PGlite folder that
 * keeps its data across close and reopen, and the round trips the stores make per call.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { attemptRecord } from "../store-cases/support.ts";
import { migrate } from "./migrate.ts";
import { MIGRATIONS } from "./migrations.ts";
import { createPostgresStores, type OpenDatabase, openDatabase } from "./open-database.ts";
import { countingClient } from "./sql-client.ts";
import { createTestDatabase } from "./test-database.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// One in-memory PGlite for the tests that need no folder (it takes seconds to start).
let memory: Promise<OpenDatabase> | undefined;
afterAll(async () => (await memory)?.close());
const pgliteInMemory = () => {
  memory ??= openDatabase();
  return memory;
};

async function opened(db: OpenDatabase): Promise<OpenDatabase> {
  cleanups.push(() => db.close());
  return db;
}

describe("openDatabase", () => {
  it("opens PostgreSQL for a URL", async () => {
    const database = await createTestDatabase();
    cleanups.push(database.drop);
    const db = await opened(await openDatabase({ url: database.url }));
    expect(db.kind).toBe("postgres");
    expect((await db.client.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });

  it("keeps a PGlite folder's data across close and reopen", async () => {
    const folder = mkdtempSync(join(tmpdir(), "dollr-pglite-"));
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    const dir = join(folder, "data", "db");
    const record = attemptRecord();
    const first = await openDatabase({ pgliteDir: dir });
    expect(first.kind).toBe("pglite");
    await migrate(first.client);
    await createPostgresStores(first.client).attempts.createAttempt(record);
    await first.close();

    const again = await opened(await openDatabase({ pgliteDir: dir }));
    expect(await migrate(again.client)).toEqual({ applied: [], version: MIGRATIONS.length });
    expect(
      await createPostgresStores(again.client).attempts.getAttempt(record.referenceId),
    ).toEqual(record);
  });

  it("rolls a PGlite transaction back when its function throws", async () => {
    const db = await pgliteInMemory();
    await db.client.query("CREATE TABLE t (n int)");
    await expect(
      db.client.transaction(async (tx) => {
        await tx.query("INSERT INTO t VALUES (1)");
        throw new Error("no");
      }),
    ).rejects.toThrow("no");
    expect((await db.client.query("SELECT count(*)::int AS n FROM t")).rows).toEqual([{ n: 0 }]);
  });
});

describe("round trips per store call (countingClient)", () => {
  it("records an execute in one, settles in one, and counts transactions", async () => {
    const db = await pgliteInMemory();
    await migrate(db.client);
    const counting = countingClient(db.client);
    const { attempts } = createPostgresStores(counting.client);
    const record = attemptRecord();
    const before = counting.queries();
    expect(await attempts.createAttempt(record)).toEqual({ created: true });
    expect(counting.queries() - before).toBe(1);
    await attempts.settleAttempt(record.referenceId, { outcome: "failed", at: record.createdAt });
    expect(counting.queries() - before).toBe(2);
    await counting.client.transaction(async (tx) => {
      await tx.query("SELECT 1");
    });
    expect(counting.queries() - before).toBe(5);
  });
});
