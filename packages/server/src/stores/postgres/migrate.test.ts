/**
 * `migrate`: applies each migration once (idempotent, and once across two pools racing),
 * records version, name and checksum, rolls back a failing one whole, and refuses a database
 * whose applied migration changed.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { HOLDING_OUTCOMES } from "../attempt-store.ts";
import { applyMigrations, checksum, MigrationChecksumError, migrate } from "./migrate.ts";
import { HOLDING_SQL, MIGRATIONS, type Migration } from "./migrations.ts";
import { type OpenDatabase, openDatabase } from "./open-database.ts";
import { createTestDatabase } from "./test-database.ts";

const opened: OpenDatabase[] = [];
const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
  await Promise.all(drops.splice(0).map((drop) => drop()));
});

async function postgres(pools = 1): Promise<OpenDatabase[]> {
  const database = await createTestDatabase();
  drops.push(database.drop);
  const dbs = await Promise.all(
    Array.from({ length: pools }, () => openDatabase({ url: database.url })),
  );
  opened.push(...dbs);
  return dbs;
}

// One PGlite for the file (it takes seconds to start); each test starts from no schema.
let sharedPglite: Promise<OpenDatabase> | undefined;
afterAll(async () => (await sharedPglite)?.close());
async function pglite(): Promise<OpenDatabase> {
  sharedPglite ??= openDatabase();
  const db = await sharedPglite;
  await db.client.query("DROP SCHEMA IF EXISTS dollr_kit CASCADE");
  return db;
}

const latest = MIGRATIONS.length;
const appended: Migration = {
  version: latest + 1,
  name: "a test column",
  statements: ["ALTER TABLE dollr_kit.attempts ADD COLUMN test_note text"],
};

describe.each([
  ["PostgreSQL", async () => ((await postgres()) as [OpenDatabase])[0]],
  ["PGlite", pglite],
])("migrate on %s", (_, open) => {
  it("applies every migration once, then nothing; records version, name and checksum", async () => {
    const db = await open();
    const first = await migrate(db.client);
    expect(first.applied.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(first.version).toBe(latest);
    expect(await migrate(db.client)).toEqual({ applied: [], version: latest });
    const { rows } = await db.client.query(
      "SELECT version, name, checksum FROM dollr_kit.schema_migrations ORDER BY version",
    );
    const expected = await Promise.all(
      MIGRATIONS.map(async (m) => ({
        version: m.version,
        name: m.name,
        checksum: await checksum(m),
      })),
    );
    expect(rows).toEqual(expected);
  });

  it("applies only a newly appended migration", async () => {
    const db = await open();
    await migrate(db.client);
    const result = await applyMigrations(db.client, [...MIGRATIONS, appended]);
    expect(result).toEqual({
      applied: [{ version: latest + 1, name: appended.name }],
      version: latest + 1,
    });
    // The older code keeps starting against the newer schema (a rolling deploy).
    expect(await migrate(db.client)).toEqual({ applied: [], version: latest + 1 });
  });

  it("refuses a database whose applied migration changed", async () => {
    const db = await open();
    await migrate(db.client);
    const edited = MIGRATIONS.map((m, i) =>
      i === 0 ? { ...m, statements: [...m.statements, "SELECT 1"] } : m,
    );
    await expect(applyMigrations(db.client, [...edited, appended])).rejects.toThrow(
      MigrationChecksumError,
    );
    await db.client.query("UPDATE dollr_kit.schema_migrations SET checksum = 'tampered'");
    await expect(migrate(db.client)).rejects.toThrow(/differs from the one applied/);
    const { rows } = await db.client.query(
      "SELECT count(*)::int AS n FROM dollr_kit.schema_migrations",
    );
    expect(rows).toEqual([{ n: latest }]);
  });

  it("rolls a failing migration back whole, with nothing recorded", async () => {
    const db = await open();
    const broken: Migration = { ...appended, statements: [...appended.statements, "SELECT nope"] };
    await expect(applyMigrations(db.client, [...MIGRATIONS, broken])).rejects.toThrow();
    const { rows } = await db.client.query(
      "SELECT count(*)::int AS n FROM information_schema.schemata WHERE schema_name = 'dollr_kit'",
    );
    expect(rows).toEqual([{ n: 0 }]);
    expect((await migrate(db.client)).version).toBe(latest);
  });

  it("refuses a list that is not numbered 1, 2, 3, …", async () => {
    const db = await open();
    await expect(applyMigrations(db.client, [appended])).rejects.toThrow(/numbered/);
  });
});

describe("migrate on PostgreSQL, two pools at once", () => {
  it("applies each migration exactly once", async () => {
    const [a, b] = (await postgres(2)) as [OpenDatabase, OpenDatabase];
    const results = await Promise.all([
      migrate(a.client),
      migrate(b.client),
      migrate(a.client),
      migrate(b.client),
    ]);
    const applied = results.flatMap((r) => r.applied.map((m) => m.version));
    expect(applied.sort()).toEqual(MIGRATIONS.map((m) => m.version));
    for (const result of results) expect(result.version).toBe(latest);
  });
});

describe("the schema", () => {
  it("holds a source for exactly the outcomes the attempt store says hold one", () => {
    // The unique index is frozen in migration 1: changing the outcomes needs a new migration.
    expect(HOLDING_SQL).toBe(`(${HOLDING_OUTCOMES.map((o) => `'${o}'`).join(", ")})`);
  });
});
