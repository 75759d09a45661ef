/**
 * Where the demo keeps what must survive a restart: the shop's orders, the proxy's saved
 * accounts and attempts (PostgreSQL: PGlite in the data folder, or `DATABASE_URL`), and the
 * in-process simulator's own state (a JSON file beside it, since the real Dollr does not restart
 * with the merchant's server).
 *
 * The data folder is `apps/demo/.data/` (git-ignored), or `DEMO_DATA_DIR`. One demo server uses
 * it at a time: a lock file says which.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  MigrationChecksumError,
  migrate,
  type OpenDatabase,
  openDatabase,
  type SqlClient,
} from "@dollr-kit/server/postgres";
import { DEMO_ROOT } from "./env.ts";
import { migrateShop, SHOP_SCHEMA } from "./shop-schema.ts";

export interface DataEnv {
  DEMO_DATA_DIR?: string | undefined;
  DATABASE_URL?: string | undefined;
  /** `1`: a new database (PGlite) or empty tables (`DATABASE_URL`), and a new simulator. */
  DEMO_FRESH_START?: string | undefined;
}

export interface DemoData {
  /** The data folder (absolute). */
  dir: string;
  db: OpenDatabase;
  client: SqlClient;
  /** What to print at start: where the data lives (no credentials). */
  describe: string;
  /** A value the shop keeps for itself (`kola_shop.meta`), or null. */
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  /** Empties every table of the kit and of the shop (a reset); the schemas stay. */
  wipe(): Promise<void>;
  close(): Promise<void>;
}

export function dataDir(env: DataEnv): string {
  return path.resolve(env.DEMO_DATA_DIR || path.join(DEMO_ROOT, ".data"));
}

/** Opens the database (running both schemas' migrations) and takes the data folder's lock. */
export async function openDemoData(env: DataEnv): Promise<DemoData> {
  const dir = dataDir(env);
  mkdirSync(dir, { recursive: true });
  const releaseLock = takeLock(dir);
  const pgliteDir = path.join(dir, "pglite");
  if (env.DEMO_FRESH_START === "1" && !env.DATABASE_URL) {
    // A new database, not only empty tables: also new migrations, whatever ran here before.
    rmSync(pgliteDir, { recursive: true, force: true });
  }
  let db: OpenDatabase;
  try {
    db = env.DATABASE_URL
      ? await openDatabase({ url: env.DATABASE_URL })
      : await openDatabase({ pgliteDir });
  } catch (error) {
    releaseLock();
    throw error;
  }
  const { client } = db;
  try {
    await migrate(client);
    await migrateShop(client);
  } catch (error) {
    await db.close();
    releaseLock();
    if (error instanceof MigrationChecksumError && !env.DATABASE_URL) {
      throw new Error(
        `${error.message} (A database made by another version of the kit: delete ${pgliteDir}, or start once with DEMO_FRESH_START=1.)`,
      );
    }
    throw error;
  }
  const relative = path.relative(process.cwd(), dir);
  const shown = relative === "" ? "." : relative.startsWith("..") ? dir : relative;
  return {
    dir,
    db,
    client,
    // Never the URL itself: it may carry a password.
    describe: env.DATABASE_URL
      ? `PostgreSQL (DATABASE_URL); the simulator's state in ${shown}`
      : `PGlite in ${shown} (DATABASE_URL for PostgreSQL)`,
    async getMeta(key) {
      const { rows } = await client.query<{ value: string }>(
        `SELECT value FROM ${SHOP_SCHEMA}.meta WHERE key = $1`,
        [key],
      );
      return rows[0]?.value ?? null;
    },
    async setMeta(key, value) {
      await client.query(
        `INSERT INTO ${SHOP_SCHEMA}.meta (key, value) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
        [key, value],
      );
    },
    async wipe() {
      // Every table but the migration ledgers, found rather than listed, so a table a newer kit
      // adds is emptied too.
      const { rows } = await client.query<{ name: string }>(
        `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
         WHERE schemaname IN ('dollr_kit', $1) AND tablename <> 'schema_migrations'`,
        [SHOP_SCHEMA],
      );
      if (rows.length > 0) {
        await client.query(`TRUNCATE ${rows.map((row) => row.name).join(", ")} CASCADE`);
      }
    },
    async close() {
      await db.close();
      releaseLock();
    },
  };
}

/**
 * PGlite is one process's database: a second demo server on the same folder would corrupt it.
 * The lock names the process; a lock left by a process that is gone is taken over.
 */
function takeLock(dir: string): () => void {
  const file = path.join(dir, "demo.lock");
  try {
    const holder = Number(readFileSync(file, "utf8"));
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `Another demo server (process ${holder}) is using ${dir}. Stop it, or set DEMO_DATA_DIR to another folder.`,
      );
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
