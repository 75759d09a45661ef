/**
 * `@dollr-kit/server/postgres`: durable `AttemptStore` and `AccountStore` on PostgreSQL (through
 * `pg`) or on PGlite (embedded PostgreSQL, for development and demos), the schema migrations,
 * and the store conformance suite for merchants' own stores. Uses Node; the main entry does not
 * import it. `pg` and `@electric-sql/pglite` are optional peers: install the one you use.
 *
 * ```ts
 * import pg from "pg";
 * import { createPostgresStores, migrate, pgClient } from "@dollr-kit/server/postgres";
 * const client = pgClient(new pg.Pool({ connectionString: process.env.DATABASE_URL }));
 * await migrate(client);
 * const proxy = createDollrProxy({ ...options, ...createPostgresStores(client) });
 * ```
 */
export {
  runStoreConformance,
  STORE_CASES,
  type StoreCase,
  type StoreCaseResult,
  StoreConformanceError,
  type StoreFactory,
  type StoreFixture,
  type StorePair,
} from "./stores/conformance.ts";
export { createPostgresAccountStore } from "./stores/postgres/account-store.ts";
export { createPostgresAttemptStore } from "./stores/postgres/attempt-store.ts";
export { createPostgresCheckoutStore } from "./stores/postgres/checkout-store.ts";
export { type MigrateResult, MigrationChecksumError, migrate } from "./stores/postgres/migrate.ts";
export { MIGRATIONS, type Migration, SCHEMA } from "./stores/postgres/migrations.ts";
export {
  createPostgresStores,
  type OpenDatabase,
  type OpenDatabaseOptions,
  openDatabase,
  type PostgresStores,
} from "./stores/postgres/open-database.ts";
export {
  createPostgresRateLimitStore,
  type PostgresRateLimitOptions,
} from "./stores/postgres/rate-limit-store.ts";
export {
  type CountingClient,
  countingClient,
  pgClient,
  pgliteClient,
  type SqlClient,
  type SqlQueryable,
  type SqlResult,
} from "./stores/postgres/sql-client.ts";
