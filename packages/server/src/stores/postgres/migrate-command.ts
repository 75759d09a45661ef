/**
 * The `dollr-kit-migrate` command: applies the stores' migrations to PostgreSQL
 * (`DATABASE_URL`) or to a PGlite data folder (`--pglite <dir>`), and says which versions it
 * applied. The URL is never printed (it may hold a password).
 */
import { parseArgs } from "node:util";
import { migrate } from "./migrate.ts";
import { openDatabase } from "./open-database.ts";

export const USAGE = `Usage:
  DATABASE_URL=postgres://user:password@host:5432/db dollr-kit-migrate
  dollr-kit-migrate --pglite ./data/db

Applies the pending schema migrations of @dollr-kit/server (schema "dollr_kit") in one
transaction, under a lock, so running it again, or from several machines at once, is safe.

  --pglite <dir>  an embedded PGlite data folder instead of DATABASE_URL (made when missing)
  -h, --help      this text

Exit code 0 when the schema is up to date, 1 when migrating failed, 2 on bad usage.`;

export interface CommandIo {
  env: Record<string, string | undefined>;
  out(line: string): void;
  err(line: string): void;
}

/** Runs the command; answers its exit code. */
export async function runMigrateCommand(argv: string[], io: CommandIo): Promise<number> {
  let values: { pglite?: string; help?: boolean };
  // `pnpm run migrate -- --pglite …` passes the `--` on.
  const args = argv[0] === "--" ? argv.slice(1) : argv;
  try {
    ({ values } = parseArgs({
      args,
      options: { pglite: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const url = io.env.DATABASE_URL || undefined;
  if (url && values.pglite) {
    io.err("Give either DATABASE_URL or --pglite, not both.");
    return 2;
  }
  if (!url && !values.pglite) {
    io.err(`Say which database: set DATABASE_URL, or pass --pglite <dir>.\n\n${USAGE}`);
    return 2;
  }
  const where = url ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${values.pglite}`;
  try {
    const database = await openDatabase(url ? { url } : { pgliteDir: values.pglite });
    try {
      const result = await migrate(database.client);
      for (const { version, name } of result.applied) {
        io.out(`applied ${version}: ${name}`);
      }
      const state = result.applied.length ? "now at" : "already up to date at";
      io.out(`${where}: schema dollr_kit ${state} version ${result.version}`);
      return 0;
    } finally {
      await database.close();
    }
  } catch (error) {
    io.err(`Migrating ${where} failed: ${(error as Error).message}`);
    return 1;
  }
}
