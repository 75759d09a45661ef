/**
 * The little the PostgreSQL stores ask of a driver: run one statement with parameters, and run a
 * function inside a transaction. Adapters for `pg` (a `Pool`) and PGlite (embedded PostgreSQL)
 * make the same SQL run on both. The drivers' types are imported as types only, so neither
 * driver is loaded unless the merchant passes one.
 */
import type { PGlite, Transaction } from "@electric-sql/pglite";
import type { Pool, PoolClient } from "pg";

/** Rows of one statement. */
export interface SqlResult<Row> {
  rows: Row[];
}

/** Runs one statement (one round trip) with `$1, $2, …` parameters. */
export interface SqlQueryable {
  query<Row = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<SqlResult<Row>>;
}

/** A database connection (or pool) the stores use. */
export interface SqlClient extends SqlQueryable {
  /**
   * Runs `fn` in one transaction on one connection: committed when it resolves, rolled back
   * when it throws (the error is thrown again).
   */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
}

/** A `SqlClient` over a `pg.Pool` (each statement may use another pooled connection). */
export function pgClient(pool: Pool): SqlClient {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await pool.query(text, params as unknown[]);
      return { rows: result.rows as Row[] };
    },
    async transaction(fn) {
      const connection = await pool.connect();
      let broken: Error | undefined;
      try {
        await connection.query("BEGIN");
        const value = await fn(pgQueryable(connection));
        await connection.query("COMMIT");
        return value;
      } catch (error) {
        try {
          await connection.query("ROLLBACK");
        } catch (rollbackError) {
          // A connection that cannot even roll back is dropped rather than reused.
          broken = rollbackError as Error;
        }
        throw error;
      } finally {
        connection.release(broken);
      }
    },
  };
}

function pgQueryable(connection: PoolClient): SqlQueryable {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await connection.query(text, params as unknown[]);
      return { rows: result.rows as Row[] };
    },
  };
}

/**
 * A `SqlClient` over PGlite. PGlite has one connection: its own lock makes other statements wait
 * while a transaction runs, so the stores' guarantees hold within the process.
 */
export function pgliteClient(db: PGlite): SqlClient {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await db.query<Row>(text, params as unknown[]);
      return { rows: result.rows };
    },
    transaction(fn) {
      return db.transaction((tx: Transaction) =>
        fn({
          async query<Row>(text: string, params: readonly unknown[] = []) {
            const result = await tx.query<Row>(text, params as unknown[]);
            return { rows: result.rows };
          },
        }),
      );
    },
  };
}

/** A `SqlClient` that counts its round trips (for benchmarks and tests). */
export interface CountingClient {
  client: SqlClient;
  /** Round trips so far: one per statement, plus `BEGIN` and `COMMIT` for each transaction. */
  queries(): number;
}

/** Wraps a client to count the round trips the stores make through it. */
export function countingClient(inner: SqlClient): CountingClient {
  let count = 0;
  const counted = (queryable: SqlQueryable): SqlQueryable => ({
    query<Row>(text: string, params?: readonly unknown[]) {
      count += 1;
      return queryable.query<Row>(text, params);
    },
  });
  const client: SqlClient = {
    ...counted(inner),
    transaction(fn) {
      count += 2;
      return inner.transaction((tx) => fn(counted(tx)));
    },
  };
  return { client, queries: () => count };
}
