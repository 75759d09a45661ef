/**
 * One way in for servers and tools: a PostgreSQL URL gives a `pg.Pool`; otherwise an embedded
 * PostgreSQL (PGlite) in a folder, or in memory. Each driver is loaded with `import()` only when
 * it is used, so a merchant installs only the one they need.
 */

import type { RateLimitStore } from "../../limits/rate-limit-store.ts";
import type { AccountStore } from "../account-store.ts";
import type { AttemptStore } from "../attempt-store.ts";
import type { CheckoutStore } from "../checkout-store.ts";
import { createPostgresAccountStore } from "./account-store.ts";
import { createPostgresAttemptStore } from "./attempt-store.ts";
import { createPostgresCheckoutStore } from "./checkout-store.ts";
import { createPostgresRateLimitStore } from "./rate-limit-store.ts";
import { pgClient, pgliteClient, type SqlClient } from "./sql-client.ts";

/** The stores the proxy takes, on one database. */
export interface PostgresStores {
  attempts: AttemptStore;
  accounts: AccountStore;
  /** The rate-limit counters, shared by every proxy instance on the database. */
  limits: RateLimitStore;
  /** Cart checkouts (`createCartCheckout`), followed by the reconciler. */
  checkouts: CheckoutStore;
}

/** The stores on one client (run `migrate(client)` first, once per deploy or at start-up). */
export function createPostgresStores(client: SqlClient): PostgresStores {
  return {
    attempts: createPostgresAttemptStore(client),
    accounts: createPostgresAccountStore(client),
    limits: createPostgresRateLimitStore(client),
    checkouts: createPostgresCheckoutStore(client),
  };
}

/** What `openDatabase` takes. */
export interface OpenDatabaseOptions {
  /** `postgres://user:password@host:5432/db`: a real PostgreSQL through a `pg.Pool`. */
  url?: string;
  /**
   * Without `url`: the folder PGlite keeps its data in (made, with its parents, when missing), or
   * one of PGlite's own locations (`idb://…`, `memory://`).
   */
  pgliteDir?: string;
  /** Connections in the pool (`url` only; default 10, `pg`'s own default). */
  maxConnections?: number;
}

/** An open database. */
export interface OpenDatabase {
  client: SqlClient;
  kind: "postgres" | "pglite";
  /** Closes the pool (or PGlite); the client must not be used after. */
  close(): Promise<void>;
}

/**
 * Opens the database the stores run on: `url` → PostgreSQL (`pg` must be installed); else PGlite
 * (`@electric-sql/pglite` must be installed) in `pgliteDir`, or in memory when neither is given.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<OpenDatabase> {
  if (options.url) {
    const { Pool } = await loading("pg", import("pg"));
    const pool = new Pool({ connectionString: options.url, max: options.maxConnections ?? 10 });
    // An idle connection the server dropped is removed by the pool; without a listener its
    // error event would end the process.
    pool.on("error", () => {});
    return { client: pgClient(pool), kind: "postgres", close: () => pool.end() };
  }
  const { PGlite } = await loading("@electric-sql/pglite", import("@electric-sql/pglite"));
  const dir = options.pgliteDir;
  // PGlite makes its data folder but not the folders above it.
  if (dir && !dir.includes("://")) {
    const { mkdir } = await import("node:fs/promises");
    await mkdir(dir, { recursive: true });
  }
  const db = dir ? await PGlite.create(dir) : await PGlite.create();
  return { client: pgliteClient(db), kind: "pglite", close: () => db.close() };
}

/** A driver's module, or an error that says which package to install. */
async function loading<T>(name: string, module: Promise<T>): Promise<T> {
  try {
    return await module;
  } catch (error) {
    throw new Error(
      `The "${name}" package is needed for this database: install it (npm i ${name})`,
      {
        cause: error,
      },
    );
  }
}
