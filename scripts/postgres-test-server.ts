/**
 * A throwaway PostgreSQL server for the server package's tests (a Vitest `globalSetup`): Debian's
 * `initdb` and `pg_ctl` in a temporary folder, on 127.0.0.1 and a free port, trust auth, its
 * unix socket inside that folder, durability off (the data is thrown away). As root it runs as
 * the `postgres` user, since `initdb` refuses root. Tests read the URL with
 * `inject("postgres")` and make their own database each.
 *
 * When the binaries are missing it does not fail the whole run: it provides the reason, and
 * every test that needs PostgreSQL fails with it (never a silent skip).
 */
import {
  execFileSync,
  type SpawnSyncOptionsWithStringEncoding,
  spawnSync,
} from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** What the tests get: a superuser URL to the `postgres` database, or why there is none. */
export type PostgresForTests = { url: string } | { error: string };

interface Provider {
  provide(key: "postgres", value: PostgresForTests): void;
}

const MISSING =
  "PostgreSQL's initdb/pg_ctl were not found (PATH, /usr/lib/postgresql/*/bin). " +
  "Run `bash scripts/setup.sh --database` to install Debian's postgresql package.";

function findBinaries(): { initdb: string; pgCtl: string } | null {
  const folders = (process.env.PATH ?? "").split(":").filter(Boolean);
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).sort((a, b) => Number(b) - Number(a));
    folders.push(...versions.map((v) => join(debian, v, "bin")));
  }
  for (const folder of folders) {
    const initdb = join(folder, "initdb");
    const pgCtl = join(folder, "pg_ctl");
    if (existsSync(initdb) && existsSync(pgCtl)) return { initdb, pgCtl };
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

/** Runs a PostgreSQL binary, as `postgres` when we are root (runuser, else su). */
function runAs(asPostgres: boolean, command: string, args: string[]): void {
  const options: SpawnSyncOptionsWithStringEncoding = {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  };
  let result = asPostgres
    ? spawnSync("runuser", ["-u", "postgres", "--", command, ...args], options)
    : spawnSync(command, args, options);
  if (asPostgres && result.error) {
    const line = [command, ...args].map(quote).join(" ");
    result = spawnSync("su", ["postgres", "-s", "/bin/sh", "-c", line], options);
  }
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().slice(-2000);
    throw new Error(`${command} ${args[0] ?? ""} failed (${result.status}): ${output}`);
  }
}

export default async function setup(project: Provider): Promise<() => void> {
  const binaries = findBinaries();
  if (!binaries) {
    project.provide("postgres", { error: MISSING });
    return () => {};
  }
  const asPostgres = process.getuid?.() === 0;
  const folder = mkdtempSync(join(tmpdir(), "dollr-pg-"));
  const data = join(folder, "data");
  const log = join(folder, "server.log");
  if (asPostgres) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
    chownSync(folder, uid, gid);
  }
  const stop = () => {
    if (existsSync(join(data, "postmaster.pid"))) {
      try {
        runAs(asPostgres, binaries.pgCtl, ["stop", "-D", data, "-m", "immediate", "-w"]);
      } catch {
        // Already gone: nothing to stop.
      }
    }
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    runAs(asPostgres, binaries.initdb, [
      "-D",
      data,
      "-U",
      "postgres",
      "--auth=trust",
      "-E",
      "UTF8",
      "--locale=C",
      "--no-sync",
    ]);
    let lastError: unknown;
    // A port found free may be taken before the server binds it: try another.
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const settings = [
        `-p ${port}`,
        "-c listen_addresses=127.0.0.1",
        `-c unix_socket_directories=${folder}`,
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off",
        "-c max_connections=200",
      ].join(" ");
      try {
        runAs(asPostgres, binaries.pgCtl, [
          "start",
          "-D",
          data,
          "-l",
          log,
          "-w",
          "-t",
          "30",
          "-o",
          settings,
        ]);
        project.provide("postgres", { url: `postgres://postgres@127.0.0.1:${port}/postgres` });
        // pg_ctl leaves the server running on its own: stop it even if teardown never comes.
        process.once("exit", stop);
        return stop;
      } catch (error) {
        lastError = error;
      }
    }
    const tail = existsSync(log) ? readFileSync(log, "utf8").slice(-2000) : "";
    throw new Error(`PostgreSQL did not start: ${String(lastError)}\n${tail}`);
  } catch (error) {
    stop();
    // Only the tests that need PostgreSQL fail, each with this reason.
    project.provide("postgres", {
      error: `Could not start PostgreSQL for the tests: ${String(error)}`,
    });
    return () => {};
  }
}
