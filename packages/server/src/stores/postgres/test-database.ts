/**
 * Tests only: a database of its own on the PostgreSQL server that
 * `scripts/postgres-test-server.ts` starts for the server project, so test files never share
 * state. Fails (never skips) when that server could not be started.
 */
import pg from "pg";
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    postgres: { url: string } | { error: string };
  }
}

/** The superuser URL of the test server; throws why there is none. */
export function postgresServerUrl(): string {
  const provided = inject("postgres");
  if (!provided) {
    throw new Error(
      "No test PostgreSQL: run these tests through the root vite.config.ts (its server project " +
        "starts one), after `bash scripts/setup.sh --database`.",
    );
  }
  if ("error" in provided) throw new Error(provided.error);
  return provided.url;
}

/** A new, empty database (`t_<random>`); `drop()` removes it, closing what is still connected. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = postgresServerUrl();
  const name = `t_${crypto.randomUUID().replaceAll("-", "")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Empties the stores' tables (between conformance cases on one database). */
export async function truncateStores(client: {
  query(text: string): Promise<unknown>;
}): Promise<void> {
  await client.query(
    "TRUNCATE dollr_kit.sessions, dollr_kit.attempts, dollr_kit.accounts, dollr_kit.rate_limits, dollr_kit.checkouts RESTART IDENTITY",
  );
}
