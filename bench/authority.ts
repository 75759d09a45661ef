/**
 * The merchant's server as the authority (issue 12, "Numbers"), on PGlite and on a real
 * PostgreSQL (started for the run with scripts/postgres-test-server.ts):
 *
 * 1. Database round trips the proxy adds on its hot path: the real proxy (`createDollrProxy` on
 *    `createPostgresStores(countingClient(…).client)`) in front of the in-process simulator, driven
 *    in process: a wallet, a session, an execute, then polls while PROCESSING, on this instance
 *    and on a second instance that never saw the execute, then the poll that sees COMPLETED.
 *    Every store call is recorded with the round trips it made.
 * 2. The reconciler: 10,000 attempts the simulator has COMPLETED, in the store as the proxy
 *    records them (PROCESSING, not yet settled: one `createAttempt`, then copies of its row),
 *    settled by `createReconciler(…)` passes until one claims nothing (the loop of
 *    `runUntilIdle`, what `dollr-reconcile --once` runs) at 50 requests/s, over HTTP to the
 *    simulator in another process. Its `now`/`sleep` are a simulated clock: the cap is honoured
 *    in simulated time, and the wall and CPU time are the reconciler's own work.
 * 3. The proxy's latency for `GET /v1/status/collection/{id}` (an unchanged PROCESSING poll) on
 *    the memory store, PGlite and PostgreSQL, beside the simulator asked directly: each proxy in
 *    its own process (bench/authority-servers.ts), requests one at a time on a kept-alive socket,
 *    the targets taking turns in rounds of 100, each request timed with `performance.now()`.
 *
 *   tsx bench/authority.ts            (prints the results as JSON)
 */
import { type ChildProcess, execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SourceRef } from "../packages/core/src/internal.ts";
import {
  type AccountStore,
  type AttemptRecord,
  type AttemptStore,
  createDollrProxy,
  createReconciler,
  type DollrTransport,
  freshAttemptFields,
  type ProxyLogger,
} from "../packages/server/src/index.ts";
import { createNodeTransport } from "../packages/server/src/node.ts";
import {
  type CountingClient,
  countingClient,
  createPostgresStores,
  migrate,
  type OpenDatabase,
  openDatabase,
} from "../packages/server/src/postgres.ts";
import { createSimulator } from "../packages/simulator/src/index.ts";
import startPostgresServer, { type PostgresForTests } from "../scripts/postgres-test-server.ts";
import type { SeededSimulator } from "./authority-servers.ts";
import { json, startChild, stopChild } from "./children.ts";

const CREDENTIALS = { clientId: "sim_client_id", clientSecret: "sim_client_secret" } as const;
const silent: ProxyLogger = { debug() {}, info() {}, warn() {}, error() {} };
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export type DatabaseKind = "pglite" | "postgres";

/** A database of its own for one measurement. */
type Opener = () => Promise<OpenDatabase>;

// ─── 1. Round trips on the proxy's hot path ─────────────────────────────────────────────────

export interface StepCount {
  step: string;
  /** HTTP status of the proxy's answer. */
  status: number;
  /** Dollr's status word in the answer, when there was one. */
  word: string | null;
  roundTrips: number;
  /** Store calls made during the step, each with the round trips it made (`name×n`). */
  calls: string[];
}

export interface RoundTripResult {
  database: DatabaseKind;
  steps: StepCount[];
  perExecute: number;
  /** The first poll after the execute (same answer as the execute's). */
  firstPoll: number;
  /** Mean over the later PROCESSING polls on the instance that made the execute. */
  perUnchangedPoll: number;
  unchangedPolls: number;
}

/** Wraps a store so that every call is told, with the round trips it made. */
function traced<T extends object>(
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

export async function measureRoundTrips(
  database: DatabaseKind,
  open: Opener,
  polls = 10,
): Promise<RoundTripResult> {
  const db = await open();
  try {
    await migrate(db.client);
    const counter = countingClient(db.client);
    const stores = createPostgresStores(counter.client);
    const log: string[] = [];
    const tell = (call: string, n: number) => log.push(`${call}×${n}`);
    const attempts: AttemptStore = traced("attempts", stores.attempts, counter, tell);
    const accounts: AccountStore = traced("accounts", stores.accounts, counter, tell);
    // The shared rate-limit counters (issue 17) live in the same database.
    const limits = traced("limits", stores.limits, counter, tell);
    const simulator = createSimulator({ processingMs: 60_000 });
    const source = simulator.control.createSource({
      currency: "USD",
      items: [{ name: "Tea", amount: "12.50" }],
    });
    const customer = { id: "bench", partyId: source.party_id };
    // Two instances of the proxy on one database (a second server, a restart, serverless).
    const instance = () =>
      createDollrProxy<typeof customer>({
        dollr: { baseUrl: "http://simulator.local", ...CREDENTIALS },
        fetch: (upstream) => simulator(upstream),
        resolveCustomer: () => customer,
        authorizeSource: () => true,
        logger: silent,
        currencies: ["USD"],
        attempts,
        accounts,
        limits,
      });
    const first = instance();
    const second = instance();
    const steps: StepCount[] = [];
    const step = async (
      name: string,
      proxy: typeof first,
      method: "GET" | "POST",
      route: string,
      body?: unknown,
    ) => {
      log.length = 0;
      const before = counter.queries();
      const response = await proxy(
        new Request(`http://proxy.local${proxy.prefix}${route}`, {
          method,
          headers: { "content-type": "application/json" },
          body: body === undefined ? null : JSON.stringify(body),
        }),
      );
      const json = (await response.json()) as Record<string, unknown>;
      steps.push({
        step: name,
        status: response.status,
        word: typeof json.status === "string" ? json.status : null,
        roundTrips: counter.queries() - before,
        calls: [...log],
      });
      if (!response.ok) throw new Error(`${name}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    };

    const wallet = await step("save a wallet", first, "POST", "/kit/payment-accounts", {
      type: "MOBILE_MONEY",
      phone: "231880000000",
      account_name: "Bench Payer",
    });
    const ref: SourceRef = { source_type: source.source_type, source_id: source.source_id };
    const session = await step("open a session", first, "POST", "/v1/sessions/checkout", ref);
    const referenceId = crypto.randomUUID();
    await step("execute", first, "POST", "/v1/executions/collection", {
      session_id: String(session.id),
      payment_account_id: String(wallet.id),
      currency: "USD",
      reference_id: referenceId,
    });
    const status = `/v1/status/collection/${referenceId}`;
    for (let i = 1; i <= polls; i++) {
      simulator.control.advance(2_000);
      await step(`poll ${i} (PROCESSING)`, first, "GET", status);
    }
    await step("poll on a 2nd instance, 1st time (PROCESSING)", second, "GET", status);
    await step("poll on a 2nd instance, 2nd time (PROCESSING)", second, "GET", status);
    simulator.control.advance(60_000);
    await step("poll that sees COMPLETED", first, "GET", status);
    await step("poll after COMPLETED", first, "GET", status);
    await step("poll after COMPLETED, 2nd instance", second, "GET", status);
    await step("poll after COMPLETED, 2nd instance, again", second, "GET", status);

    const of = (name: string) => steps.find((s) => s.step === name) as StepCount;
    const unchanged = steps.filter((s) => /^poll \d+ /.test(s.step)).slice(1);
    return {
      database,
      steps,
      perExecute: of("execute").roundTrips,
      firstPoll: of("poll 1 (PROCESSING)").roundTrips,
      perUnchangedPoll: round(
        unchanged.reduce((sum, s) => sum + s.roundTrips, 0) / (unchanged.length || 1),
      ),
      unchangedPolls: unchanged.length,
    };
  } finally {
    await db.close();
  }
}

// ─── 2. The reconciler ──────────────────────────────────────────────────────────────────────

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

/** CPU time (ms) of a PostgreSQL server: its postmaster, its live backends, reaped children. */
function postgresCpuMs(backendPid: number): number | null {
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

/**
 * Records the attempts as `createAttempt` would, fast: the first with `createAttempt`; the rest as
 * copies of its row (whatever the schema's columns are) in a few multi-row inserts; then one of
 * them read back through the store must equal its record.
 */
async function seedAttempts(db: OpenDatabase, store: AttemptStore, records: AttemptRecord[]) {
  const [first, ...rest] = records;
  if (!first) return;
  if (!(await store.createAttempt(first)).created) throw new Error("seeding: not created");
  const columns = (
    await db.client.query<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns
       WHERE table_schema = 'dollr_kit' AND table_name = 'attempts' AND is_identity = 'NO'
         AND is_generated = 'NEVER'
       ORDER BY ordinal_position`,
    )
  ).rows.map((r) => r.name);
  const template = (
    await db.client.query<{ row: Record<string, unknown> | string }>(
      "SELECT to_jsonb(a) AS row FROM dollr_kit.attempts a WHERE reference_id = $1",
      [first.referenceId],
    )
  ).rows[0]?.row;
  const base = typeof template === "string" ? JSON.parse(template) : template;
  if (!base || !["reference_id", "session_id", "source_id"].every((c) => columns.includes(c))) {
    throw new Error("seeding: the attempts table is not as expected");
  }
  const list = columns.join(", ");
  for (let i = 0; i < rest.length; i += 2_000) {
    const rows = rest.slice(i, i + 2_000).map((r) => ({
      ...base,
      reference_id: r.referenceId,
      session_id: r.sessionId,
      source_id: r.source?.source_id,
    }));
    await db.client.query(
      `INSERT INTO dollr_kit.attempts (${list})
       SELECT ${list} FROM jsonb_populate_recordset(NULL::dollr_kit.attempts, $1::jsonb)`,
      [JSON.stringify(rows)],
    );
  }
  const probe = rest.at(-1);
  if (probe) {
    const stored = await store.getAttempt(probe.referenceId);
    const sorted = (record: unknown) =>
      JSON.stringify(record, (_key, value) =>
        value && typeof value === "object" && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
          : value,
      );
    if (sorted(stored) !== sorted(probe)) {
      throw new Error(
        `seeding: a copied row reads back as ${sorted(stored)}, not ${sorted(probe)}`,
      );
    }
  }
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

// ─── 3. Latency of an unchanged poll, by store ──────────────────────────────────────────────

export interface LatencyTarget {
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  meanMs: number;
  requests: number;
  errors: number;
}

export interface LatencyResult {
  perTarget: number;
  targets: Record<string, LatencyTarget>;
  /** p50 through each proxy minus p50 straight to the simulator. */
  addedP50Ms: Record<string, number>;
}

interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
}

/** A source, a wallet, a session and a PROCESSING execution made through a proxy. */
async function proxyTarget(name: string, simulatorUrl: string, proxyUrl: string): Promise<Target> {
  const source = await json(`${simulatorUrl}/__simulator/sources`, {
    method: "POST",
    body: JSON.stringify({ currency: "USD", items: [{ name: "Tea", amount: "12.50" }] }),
  });
  const headers = { "x-bench-party": String(source.party_id) };
  const account = await json(`${proxyUrl}/kit/payment-accounts`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      type: "MOBILE_MONEY",
      phone: "231880000000",
      account_name: "Bench Payer",
    }),
  });
  const session = await json(`${proxyUrl}/v1/sessions/checkout`, {
    method: "POST",
    headers,
    body: JSON.stringify({ source_type: source.source_type, source_id: source.source_id }),
  });
  const referenceId = crypto.randomUUID();
  await json(`${proxyUrl}/v1/executions/collection`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      session_id: String(session.id),
      payment_account_id: String(account.id),
      currency: "USD",
      reference_id: referenceId,
    }),
  });
  return { name, url: `${proxyUrl}/v1/status/collection/${referenceId}`, headers };
}

function once(agent: Agent, target: Target): Promise<{ ms: number; ok: boolean; body: string }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = request(target.url, { agent, headers: target.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () =>
        resolve({ ms: performance.now() - started, ok: res.statusCode === 200, body }),
      );
    });
    req.on("error", () => resolve({ ms: performance.now() - started, ok: false, body: "" }));
    req.end();
  });
}

function stats(samples: number[], errors: number): LatencyTarget {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    p50Ms: round(at(0.5), 3),
    p90Ms: round(at(0.9), 3),
    p99Ms: round(at(0.99), 3),
    meanMs: round(sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1), 3),
    requests: sorted.length,
    errors,
  };
}

/** Sequential requests, the targets taking turns in rounds, after three warm-up rounds. */
async function sequentialLoop(targets: Target[], rounds: number, perRound: number) {
  const agents = new Map(
    targets.map((t) => [t.name, new Agent({ keepAlive: true, maxSockets: 1 })]),
  );
  const samples = new Map<string, number[]>(targets.map((t) => [t.name, []]));
  const errors = new Map<string, number>(targets.map((t) => [t.name, 0]));
  for (let r = -3; r < rounds; r++) {
    // A different target goes first each round.
    const order = targets.map((_, i) => targets[(i + Math.max(0, r)) % targets.length] as Target);
    for (const target of order) {
      const agent = agents.get(target.name) as Agent;
      for (let i = 0; i < perRound; i++) {
        const answer = await once(agent, target);
        if (r < 0) continue;
        if (answer.ok && answer.body.includes('"PROCESSING"')) {
          samples.get(target.name)?.push(answer.ms);
        } else {
          errors.set(target.name, (errors.get(target.name) ?? 0) + 1);
        }
      }
    }
  }
  for (const agent of agents.values()) agent.destroy();
  return Object.fromEntries(
    targets.map((t) => [t.name, stats(samples.get(t.name) ?? [], errors.get(t.name) ?? 0)]),
  );
}

/** Proxies in front of the simulator, one per store, each in its own process (not yet ready). */
export function startProxies(simulatorUrl: string, postgresUrl: string | null) {
  const stores: [string, string[]][] = [
    ["memory", ["memory"]],
    ["pglite", ["pglite"]],
  ];
  if (postgresUrl) stores.push(["postgres", ["postgres", postgresUrl]]);
  return stores.map(([name, args]) => ({
    name,
    started: startChild("authority-servers.ts", ["proxy", simulatorUrl, ...args]),
  }));
}

export async function measureLatency(
  simulatorUrl: string,
  proxies: ReturnType<typeof startProxies>,
  rounds = 15,
  perRound = 100,
): Promise<LatencyResult> {
  const targets: Target[] = [];
  for (const proxy of proxies) {
    const { url } = JSON.parse(await proxy.started.line()) as { url: string };
    targets.push(await proxyTarget(proxy.name, simulatorUrl, url));
  }
  const token = await json(`${simulatorUrl}/v1/jwt/client/obtain/token`, {
    method: "POST",
    body: JSON.stringify({
      client_id: CREDENTIALS.clientId,
      client_secret: CREDENTIALS.clientSecret,
    }),
  });
  const [memory] = targets as [Target];
  targets.unshift({
    name: "direct",
    url: memory.url.replace(/^.*\/v1\/status\//, `${simulatorUrl}/v1/status/`),
    headers: { authorization: `Bearer ${String(token.access_token)}` },
  });
  const measured = await sequentialLoop(targets, rounds, perRound);
  const direct = measured.direct as LatencyTarget;
  return {
    perTarget: rounds * perRound,
    targets: measured,
    addedP50Ms: Object.fromEntries(
      targets
        .filter((t) => t.name !== "direct")
        .map((t) => [t.name, round((measured[t.name] as LatencyTarget).p50Ms - direct.p50Ms, 3)]),
    ),
  };
}

// ─── All of it ──────────────────────────────────────────────────────────────────────────────

export interface AuthorityResult {
  /** Why real PostgreSQL was not measured, when it was not. */
  postgresError: string | null;
  postgresSettings: string;
  roundTrips: RoundTripResult[];
  reconciler: ReconcilerResult[];
  latency: LatencyResult;
}

/** A real PostgreSQL for the run (or why there is none), and a way to stop it. */
async function startPostgres(): Promise<{
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
function newDatabase(serverUrl: string, name: string): Opener {
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
function pgliteFolder(): Opener {
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
