/**
 * The reconciler (part 2 of bench/authority.ts): attempts the simulator has COMPLETED, in the
 * store as the proxy records them (PROCESSING, not yet settled: bench/authority-seed.ts), settled
 * by `createReconciler(…)` passes until one claims nothing (the loop of `runUntilIdle`, what
 * `dollr-reconcile --once` runs) at 50 requests/s, over HTTP to the simulator in another process.
 * Its `now`/`sleep` are a simulated clock: the cap is honoured in simulated time, and the wall and
 * CPU time are the reconciler's own work.
 */
import {
  type AttemptRecord,
  type AttemptStore,
  createReconciler,
  type DollrTransport,
  freshAttemptFields,
} from "../packages/server/src/index.ts";
import { createNodeTransport } from "../packages/server/src/node.ts";
import { countingClient, createPostgresStores, migrate } from "../packages/server/src/postgres.ts";
import { CREDENTIALS, round } from "./authority-common.ts";
import { type DatabaseKind, type Opener, postgresCpuMs, traced } from "./authority-databases.ts";
import { seedAttempts } from "./authority-seed.ts";
import type { SeededSimulator } from "./authority-servers.ts";

export interface ReconcilerResult {
  database: DatabaseKind;
  attempts: number;
  requestsPerSecond: number;
  /** Wall time to record the attempts with `createAttempt` (not part of the reconciler's). */
  seedMs: number;
  /** Simulated time from the first pass to the last. */
  simulatedSeconds: number;
  /** Every request the reconciler sent to Dollr, and the status reads among them. */
  dollrRequests: number;
  statusReads: number;
  /** Most status reads that left within any 1,000 ms of simulated time. */
  maxReadsPerSimulatedSecond: number;
  /** Attempts whose `onSettled` was called exactly once / more than once / never. */
  settledOnce: number;
  settledTwiceOrMore: number;
  neverSettled: number;
  /** The store afterwards: attempts settled `succeeded` and marked notified. */
  storedSucceededNotified: number;
  /** The reconciler's own work: wall time, and this process's CPU time (user + system). */
  wallMs: number;
  cpuMs: number;
  /** PostgreSQL's server processes' CPU time during the run (real PostgreSQL only). */
  serverCpuMs: number | null;
  roundTrips: number;
  roundTripsPerAttempt: number;
  /** Each store method the reconciler called: how often, and the round trips it made. */
  storeCalls: Record<string, { calls: number; roundTrips: number }>;
  passes: number;
  /** Warnings and errors the reconciler logged (first few messages). */
  warnings: string[];
}

/** A clock that only moves when every sleeper waits: the earliest wakes, the clock jumps to it. */
function simulatedClock(start: number) {
  let now = start;
  const sleepers: { at: number; wake: () => void }[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    sleepers.sort((a, b) => a.at - b.at);
    const first = sleepers.shift();
    if (!first) return;
    now = Math.max(now, first.at);
    first.wake();
    if (sleepers.length > 0) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    // A macrotask between wake-ups: the woken one sends its request at its time.
    setImmediate(flush);
  };
  return {
    now: () => now,
    sleep: (ms: number) =>
      new Promise<void>((wake) => {
        sleepers.push({ at: now + Math.max(0, Math.ceil(ms)), wake });
        schedule();
      }),
  };
}

export async function measureReconciler(
  database: DatabaseKind,
  open: Opener,
  simulator: SeededSimulator,
  requestsPerSecond = 50,
): Promise<ReconcilerResult> {
  const db = await open();
  try {
    await migrate(db.client);
    const counter = countingClient(db.client);
    const calls = new Map<string, { calls: number; roundTrips: number }>();
    const attempts: AttemptStore = traced(
      "attempts",
      createPostgresStores(counter.client).attempts,
      counter,
      (call, n) => {
        const tally = calls.get(call) ?? { calls: 0, roundTrips: 0 };
        tally.calls += 1;
        tally.roundTrips += n;
        calls.set(call, tally);
      },
    );
    const start = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();

    // The store as the proxy leaves it after each execute: PROCESSING, open, never checked.
    const seedStarted = performance.now();
    const records: AttemptRecord[] = simulator.seeded.map((s) => ({
      referenceId: s.referenceId,
      operation: "COLLECTION",
      customerId: "bench",
      sessionId: s.sessionId,
      source: { source_type: "INVOICE", source_id: s.sourceId },
      paymentAccountId: simulator.paymentAccountId,
      currency: "USD",
      createdAt: iso(start - 120_000),
      updatedAt: iso(start - 120_000),
      status: "PROCESSING",
      statusCheckedAt: iso(start - 120_000),
      httpStatus: 200,
      ambiguous: false,
      ...freshAttemptFields(),
      executeEndedAt: iso(start - 120_000),
    }));
    await seedAttempts(db, attempts, records);
    const seedMs = Math.round(performance.now() - seedStarted);

    const clock = simulatedClock(start);
    const readTimes: number[] = [];
    let dollrRequests = 0;
    const node = createNodeTransport();
    const transport: DollrTransport = {
      exchange(upstream) {
        dollrRequests += 1;
        if (upstream.url.pathname.startsWith("/v1/status/")) readTimes.push(clock.now());
        return node.exchange(upstream);
      },
    };
    const heard = new Map<string, number>();
    const warnings: string[] = [];
    const warn = (message: string) => {
      if (warnings.length < 5) warnings.push(message);
    };
    const reconciler = createReconciler({
      dollr: { baseUrl: simulator.url, ...CREDENTIALS },
      transport,
      attempts,
      onSettled: (payment) => {
        heard.set(payment.referenceId, (heard.get(payment.referenceId) ?? 0) + 1);
      },
      requestsPerSecond,
      now: clock.now,
      sleep: clock.sleep,
      owner: "bench",
      logger: { debug() {}, info() {}, warn, error: warn },
    });

    const backend =
      database === "postgres"
        ? Number(
            (await db.client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid,
          )
        : null;
    const serverBefore = backend ? postgresCpuMs(backend) : null;
    calls.clear();
    const queriesBefore = counter.queries();
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    let passes = 0;
    // runUntilIdle, pass by pass (the same loop), to count the passes.
    for (;;) {
      const summary = await reconciler.runOnce();
      passes += 1;
      if (summary.claimed === summary.waiting) break;
      if (passes > 10 * records.length) throw new Error("the reconciler does not finish");
    }
    const wallMs = performance.now() - wallBefore;
    const cpu = process.cpuUsage(cpuBefore);
    const roundTrips = counter.queries() - queriesBefore;
    const serverAfter = backend ? postgresCpuMs(backend) : null;

    const stored = await db.client.query<{ n: string | number }>(
      "SELECT count(*) AS n FROM dollr_kit.attempts WHERE outcome = 'succeeded' AND notified_at IS NOT NULL",
    );
    let settledOnce = 0;
    let settledTwiceOrMore = 0;
    for (const record of records) {
      const times = heard.get(record.referenceId) ?? 0;
      if (times === 1) settledOnce += 1;
      if (times > 1) settledTwiceOrMore += 1;
    }
    // The cap in simulated time: the most reads inside any 1,000 ms window.
    let maxPerSecond = 0;
    for (let lo = 0, hi = 0; hi < readTimes.length; hi++) {
      while ((readTimes[hi] as number) - (readTimes[lo] as number) >= 1000) lo++;
      maxPerSecond = Math.max(maxPerSecond, hi - lo + 1);
    }
    return {
      database,
      attempts: records.length,
      requestsPerSecond,
      seedMs,
      simulatedSeconds: round((clock.now() - start) / 1000),
      dollrRequests,
      statusReads: readTimes.length,
      maxReadsPerSimulatedSecond: maxPerSecond,
      settledOnce,
      settledTwiceOrMore,
      neverSettled: records.length - settledOnce - settledTwiceOrMore,
      storedSucceededNotified: Number(stored.rows[0]?.n ?? 0),
      wallMs: Math.round(wallMs),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      serverCpuMs:
        serverBefore !== null && serverAfter !== null
          ? Math.round(serverAfter - serverBefore)
          : null,
      roundTrips,
      roundTripsPerAttempt: round(roundTrips / records.length),
      storeCalls: Object.fromEntries(calls),
      passes,
      warnings,
    };
  } finally {
    await db.close();
  }
}
