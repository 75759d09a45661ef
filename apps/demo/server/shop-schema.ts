/**
 * The shop's own tables, in their own schema beside the kit's (`dollr_kit`), with their own
 * versioned migrations, applied at start-up the way the kit's are: in one transaction, under an
 * advisory lock, each version once.
 */
import type { SqlClient } from "@dollr-kit/server/postgres";

export const SHOP_SCHEMA = "kola_shop";

/** Another fixed number than the kit's: the shop migrates under its own lock. */
const SHOP_MIGRATION_LOCK = 5_016_220_417;

/** Append only: never edit a released version, add the next one. */
const MIGRATIONS: readonly { version: number; statements: readonly string[] }[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE ${SHOP_SCHEMA}.meta (key text PRIMARY KEY, value text NOT NULL)`,
      // An order is Dollr's order (its id is the source id the checkout pays), made for one
      // shopper from one basket. `paid_*` is written only by the reconciler's onSettled.
      `CREATE TABLE ${SHOP_SCHEMA}.orders (
        id bigint PRIMARY KEY,
        shopper_id text NOT NULL,
        number text NOT NULL,
        currency text NOT NULL,
        total text NOT NULL,
        lines json NOT NULL,
        basket_key text NOT NULL,
        basket_id text,
        created_at timestamptz NOT NULL,
        replaced_by bigint,
        paid_at timestamptz,
        paid_reference_id text
      )`,
      `CREATE INDEX orders_by_shopper ON ${SHOP_SCHEMA}.orders (shopper_id, created_at DESC)`,
      // Every settled payment the reconciler reported, once per reference id (its dedupe key).
      `CREATE TABLE ${SHOP_SCHEMA}.payments (
        reference_id text PRIMARY KEY,
        order_id bigint NOT NULL REFERENCES ${SHOP_SCHEMA}.orders (id) ON DELETE CASCADE,
        outcome text NOT NULL,
        status text,
        settled_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX payments_by_order ON ${SHOP_SCHEMA}.payments (order_id, settled_at DESC)`,
    ],
  },
];

export async function migrateShop(client: SqlClient): Promise<void> {
  await client.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [SHOP_MIGRATION_LOCK]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS ${SHOP_SCHEMA}`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${SHOP_SCHEMA}.schema_migrations (
        version integer PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const { rows } = await tx.query<{ version: number }>(
      `SELECT version FROM ${SHOP_SCHEMA}.schema_migrations`,
    );
    const applied = new Set(rows.map((row) => Number(row.version)));
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query(`INSERT INTO ${SHOP_SCHEMA}.schema_migrations (version) VALUES ($1)`, [
        migration.version,
      ]);
    }
  });
}
