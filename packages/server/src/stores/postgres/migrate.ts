/**
 * Applies the stores' schema migrations: every pending one, in order, in one transaction, under
 * a transaction-scoped advisory lock so that proxies starting together (or a deploy step racing
 * a starting proxy) apply each migration exactly once. Each applied migration is recorded with
 * its name and a checksum of its SQL; a database whose applied migration no longer matches the
 * code is refused rather than silently drifting.
 */
import { MIGRATIONS, type Migration, SCHEMA } from "./migrations.ts";
import type { SqlClient, SqlQueryable } from "./sql-client.ts";

/** Any fixed number: every migrating process of the kit takes this same lock. */
const MIGRATION_LOCK_KEY = 4_127_310_565;

/** What `migrate` did. */
export interface MigrateResult {
  /** The migrations this call applied, oldest first (empty when the schema was up to date). */
  applied: { version: number; name: string }[];
  /** The newest version now applied. */
  version: number;
}

/** Thrown when an applied migration's SQL is not what this code has for that version. */
export class MigrationChecksumError extends Error {
  override readonly name = "MigrationChecksumError";
  constructor(
    readonly version: number,
    migrationName: string,
  ) {
    super(
      `Migration ${version} ("${migrationName}") differs from the one applied to this database. ` +
        "Applied migrations must never change: restore it and add a new migration instead.",
    );
  }
}

/** Brings the database's `dollr_kit` schema up to date (safe to call at every start-up). */
export function migrate(client: SqlClient): Promise<MigrateResult> {
  return applyMigrations(client, MIGRATIONS);
}

/** `migrate` with a given list (tests use their own). */
export async function applyMigrations(
  client: SqlClient,
  migrations: readonly Migration[],
): Promise<MigrateResult> {
  checkOrder(migrations);
  const checksums = await Promise.all(migrations.map((m) => checksum(m)));
  return client.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    await ensureLedger(tx);
    const { rows } = await tx.query<{ version: number; checksum: string }>(
      `SELECT version, checksum FROM ${SCHEMA}.schema_migrations ORDER BY version`,
    );
    const known = new Map(rows.map((row) => [Number(row.version), row.checksum]));
    const applied: MigrateResult["applied"] = [];
    for (const [index, migration] of migrations.entries()) {
      const sum = checksums[index] as string;
      const recorded = known.get(migration.version);
      if (recorded !== undefined) {
        if (recorded !== sum) throw new MigrationChecksumError(migration.version, migration.name);
        continue;
      }
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query(
        `INSERT INTO ${SCHEMA}.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)`,
        [migration.version, migration.name, sum],
      );
      applied.push({ version: migration.version, name: migration.name });
      known.set(migration.version, sum);
    }
    // Versions newer than this code's (a newer kit migrated first) are left alone, so an older
    // instance still running during a rolling deploy keeps starting.
    return { applied, version: Math.max(0, ...known.keys()) };
  });
}

async function ensureLedger(tx: SqlQueryable): Promise<void> {
  await tx.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
  await tx.query(
    `CREATE TABLE IF NOT EXISTS ${SCHEMA}.schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`,
  );
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migrations must be numbered 1, 2, 3, … in order; found ${migration.version}`,
      );
    }
  });
}

/** SHA-256 (hex) of a migration's statements: Web Crypto, so no Node API is needed. */
export async function checksum(migration: Migration): Promise<string> {
  const text = migration.statements.join("\n;\n");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
