/**
 * The merchant's server as the authority (issue 12, "Numbers"), on PGlite and on a real
 * PostgreSQL (started for the run with scripts/postgres-test-server.ts; both opened by
 * bench/authority-databases.ts):
 *
 * 1. Database round trips the proxy adds on its hot path (bench/authority-round-trips.ts): the real
 *    proxy in front of the in-process simulator, driven in process; every store call is recorded
 *    with the round trips it made.
 * 2. The reconciler (bench/authority-reconciler.ts): 10,000 attempts the simulator has COMPLETED,
 *    in the store as the proxy records them, settled by `createReconciler(…)` passes at
 *    50 requests/s on a simulated clock, over HTTP to the simulator in another process.
 * 3. The proxy's latency for an unchanged PROCESSING poll on the memory store, PGlite and
 *    PostgreSQL, beside the simulator asked directly (bench/authority-latency.ts; each proxy in its
 *    own process, bench/authority-servers.ts).
 *
 * This module starts the servers, runs the three in turn and stops everything at the end.
 *
 *   tsx bench/authority.ts            (prints the results as JSON)
 */
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { newDatabase, pgliteFolder, startPostgres } from "./authority-databases.ts";
import { type LatencyResult, measureLatency, startProxies } from "./authority-latency.ts";
import { measureReconciler, type ReconcilerResult } from "./authority-reconciler.ts";
import { measureRoundTrips, type RoundTripResult } from "./authority-round-trips.ts";
import type { SeededSimulator } from "./authority-servers.ts";
import { startChild, stopChild } from "./children.ts";

export interface AuthorityResult {
  /** Why real PostgreSQL was not measured, when it was not. */
  postgresError: string | null;
  postgresSettings: string;
  roundTrips: RoundTripResult[];
  reconciler: ReconcilerResult[];
  latency: LatencyResult;
}

export async function measureAuthority(
  options: { attempts?: number; progress?: (message: string) => void } = {},
): Promise<AuthorityResult> {
  const count = options.attempts ?? 10_000;
  const began = performance.now();
  const progress = (message: string) =>
    options.progress?.(`${message} (at ${Math.round((performance.now() - began) / 100) / 10} s)`);
  // The simulator seeds its payments in its own process while PostgreSQL starts and the proxies
  // of the latency part start (all before anything is timed).
  const simulatorProcess = startChild("authority-servers.ts", ["simulator", String(count)]);
  const children: ChildProcess[] = [simulatorProcess.child];
  const postgres = await startPostgres();
  try {
    const simulatorUrl = (JSON.parse(await simulatorProcess.line()) as { url: string }).url;
    let latencyUrl: string | null = null;
    if (postgres.url) {
      await (await newDatabase(postgres.url, "bench_latency")()).close();
      const url = new URL(postgres.url);
      url.pathname = "/bench_latency";
      latencyUrl = url.toString();
    }
    const proxies = startProxies(simulatorUrl, latencyUrl);
    children.push(...proxies.map((p) => p.started.child));

    const roundTrips: RoundTripResult[] = [];
    progress("authority: round trips");
    roundTrips.push(await measureRoundTrips("pglite", pgliteFolder()));
    if (postgres.url) {
      roundTrips.push(
        await measureRoundTrips("postgres", newDatabase(postgres.url, "bench_trips")),
      );
    }
    const simulator = JSON.parse(await simulatorProcess.line()) as SeededSimulator;
    progress(`authority: the simulator holds ${count} payments (seeded in ${simulator.seedMs} ms)`);
    // The proxies have started meanwhile (so that their start does not overlap a measurement).
    await Promise.all(proxies.map((p) => p.started.line().then((line) => p.started.unread(line))));
    progress("authority: the proxies are listening");
    const reconciler: ReconcilerResult[] = [];
    progress(`authority: reconciler, ${count} attempts on PGlite`);
    reconciler.push(await measureReconciler("pglite", pgliteFolder(), simulator));
    if (postgres.url) {
      progress(`authority: reconciler, ${count} attempts on PostgreSQL`);
      reconciler.push(
        await measureReconciler(
          "postgres",
          newDatabase(postgres.url, "bench_reconciler"),
          simulator,
        ),
      );
    }
    progress("authority: latency by store");
    const latency = await measureLatency(simulatorUrl, proxies);
    return {
      postgresError: postgres.error,
      postgresSettings:
        "scripts/postgres-test-server.ts: 127.0.0.1, fsync=off, synchronous_commit=off, full_page_writes=off",
      roundTrips,
      reconciler,
      latency,
    };
  } finally {
    for (const child of children) stopChild(child);
    postgres.stop();
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const attempts = Number(process.env.BENCH_AUTHORITY_ATTEMPTS ?? 10_000);
  const result = await measureAuthority({ attempts, progress: (m) => console.error(m) });
  console.log(JSON.stringify(result, null, 1));
  process.exit(0);
}
