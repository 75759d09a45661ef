/**
 * The databases the authority measurements (bench/authority.ts) run on, and how their work is
 * counted: PGlite in a temporary folder, a throwaway PostgreSQL server
 * (scripts/postgres-test-server.ts) with a new database for each measurement, a store wrapper that
 * tells every call's round trips, and the PostgreSQL server's CPU time.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type CountingClient,
  type OpenDatabase,
  openDatabase,
} from "../packages/server/src/postgres.ts";
import startPostgresServer, { type PostgresForTests } from "../scripts/postgres-test-server.ts";

export type DatabaseKind = "pglite" | "postgres";

/** A database of its own for one measurement. */
export type Opener = () => Promise<OpenDatabase>;

/** Wraps a store so that every call is told, with the round trips it made. */
export function traced<T extends object>(
  name: string,
  store: T,
  counter: CountingClient,
  told: (call: string, roundTrips: number) => void,
): T {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        const before = counter.queries();
        try {
          return await value.apply(target, args);
        } finally {
          told(`${name}.${String(key)}`, counter.queries() - before);
        }
      };
    },
  });
}

/** CPU time (ms) of a PostgreSQL server: its postmaster, its live backends, reaped children. */
export function postgresCpuMs(backendPid: number): number | null {
  try {
    const ticks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" })) || 100;
    const stat = (pid: number | string) => {
      const text = readFileSync(`/proc/${pid}/stat`, "utf8");
      return text
        .slice(text.lastIndexOf(")") + 2)
        .split(" ")
        .map(Number);
    };
    // Fields after "pid (comm) ": 0 state, 1 ppid, …, 11 utime, 12 stime, 13 cutime, 14 cstime.
    const postmaster = stat(backendPid)[1] as number;
    const own = stat(postmaster);
    let total = (own[11] ?? 0) + (own[12] ?? 0) + (own[13] ?? 0) + (own[14] ?? 0);
    for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
      try {
        const fields = stat(pid);
        if (fields[1] === postmaster) total += (fields[11] ?? 0) + (fields[12] ?? 0);
      } catch {
        // Gone meanwhile.
      }
    }
    return (total * 1000) / ticks;
  } catch {
    return null;
  }
}

/** A real PostgreSQL for the run (or why there is none), and a way to stop it. */
export async function startPostgres(): Promise<{
  url: string | null;
  error: string | null;
  stop(): void;
}> {
  let provided: PostgresForTests | undefined;
  const stop = await startPostgresServer({
    provide: (_key, value) => {
      provided = value;
    },
  });
  if (!provided || "error" in provided) {
    return { url: null, error: provided?.error ?? "no PostgreSQL", stop };
  }
  return { url: provided.url, error: null, stop };
}

/** A new database on the server (dropped with the server at the end). */
export function newDatabase(serverUrl: string, name: string): Opener {
  return async () => {
    const admin = await openDatabase({ url: serverUrl, maxConnections: 1 });
    try {
      await admin.client.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.close();
    }
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return openDatabase({ url: url.toString() });
  };
}

/** PGlite in a temporary folder, as the demo keeps it; the folder goes when it is closed. */
export function pgliteFolder(): Opener {
  return async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "dollr-bench-pglite-"));
    const db = await openDatabase({ pgliteDir: folder });
    return {
      ...db,
      close: async () => {
        await db.close();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  };
}
