/**
 * The realtime rows' servers: the simulator's Node server with its Supabase Realtime stand-in on
 * 127.0.0.1, in its own process (bench/realtime-simulator.ts), and per run the real proxy in front
 * of it (the Node transport over HTTP, its `realtime` setting pointing at it) and the proxy client
 * in process (as bench/query-engine-run.ts calls the proxy), every request of which is counted.
 *
 * One clock: the simulator's clock stands still and follows the run's manual clock. Before any
 * request reaches the simulator, and after each step of the clock, `syncClock` moves it by what
 * the manual clock moved (`POST /__simulator/clock`). Moving it makes the simulator re-read the
 * payments its Realtime channels watch and send what changed, as it does on a real clock at the
 * instant a payment settles (the run stops its clock at that instant).
 */
import {
  createProxyClient,
  type ManualClock,
  type ProxyClient,
  type SourceType,
} from "../packages/core/src/internal.ts";
import { createDollrProxy } from "../packages/server/src/proxy.ts";
import { createNodeTransport } from "../packages/server/src/upstream/node-transport.ts";
import { json, startChild, stopChild } from "./children.ts";
import { onRealTimers } from "./socket-timers.ts";

const BASE = "http://shop.test/api/dollr";
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

export interface SimulatorProcess {
  url: string;
  anonKey: string;
  /** Where its clock stands after a reset (epoch ms): each run's manual clock starts there. */
  startMs: number;
  /** A control call (`/__simulator/{path}`), over HTTP on real timers. */
  control(path: string, body?: unknown): Promise<Record<string, unknown>>;
  stop(): void;
}

export async function startSimulatorProcess(): Promise<SimulatorProcess> {
  const startMs = Date.now();
  const child = startChild("realtime-simulator.ts", [String(startMs)]);
  const { url, anonKey } = JSON.parse(await child.line()) as { url: string; anonKey: string };
  return {
    url,
    anonKey,
    startMs,
    control: (path, body) =>
      onRealTimers(() =>
        json(`${url}/__simulator/${path}`, {
          method: "POST",
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      ),
    stop: () => stopChild(child.child),
  };
}

export interface RealtimeServers {
  client: ProxyClient;
  source: { type: SourceType; id: number };
  /** Client requests not yet answered (the bench waits for them before moving the clock). */
  inFlight: Set<Promise<unknown>>;
  /** Status requests, ms after the execute. */
  statusAt: number[];
  /** Clock time of the execute request. */
  executedAt: number | null;
  /** Realtime keys asked of the proxy (`POST /v1/realtime-keys/collection`). */
  keyRequests: number;
  /** Moves the simulator's clock to the manual clock's time. */
  syncClock(): Promise<void>;
  close(): void;
}

/** A fresh simulator (reset: its clock back at `startMs`), a new invoice and a new proxy. */
export async function startRealtimeServers(
  sim: SimulatorProcess,
  clock: ManualClock,
  processingMs: number,
): Promise<RealtimeServers> {
  if (clock.now() !== sim.startMs) throw new Error("bench: the run's clock must start at startMs");
  await sim.control("reset");
  await sim.control("config", { processingMs });
  const created = (await sim.control("sources", {
    currency: "USD",
    items: [{ name: "Tea", amount: "12.50" }],
    fee_bearer: "PAYER",
  })) as { party_id: string | number; source_type: SourceType; source_id: number };
  let simulatorAt = sim.startMs;
  let syncing = Promise.resolve();
  const syncClock = () => {
    syncing = syncing.then(async () => {
      const advanceMs = clock.now() - simulatorAt;
      if (advanceMs <= 0) return;
      simulatorAt += advanceMs;
      await sim.control("clock", { advanceMs });
    });
    return syncing;
  };
  const node = createNodeTransport();
  const proxy = createDollrProxy({
    dollr: { baseUrl: sim.url, clientId: "sim_client_id", clientSecret: "sim_client_secret" },
    // The simulator is at the clock's time before a request reaches it; the socket's timers real.
    transport: {
      ...node,
      exchange: async (call) => {
        await syncClock();
        return onRealTimers(() => node.exchange(call));
      },
    },
    resolveCustomer: () => ({ id: "bench", partyId: Number(created.party_id) }),
    authorizeSource: () => true,
    allowMemoryStores: true,
    rateLimits: { promptsPerPhone: null },
    logger: quiet,
    now: () => clock.now(),
    // `<CheckoutFlow>` listens for the whole wait, whatever `subscribe_ms` says.
    realtime: { provider: "supabase", url: sim.url, anon_key: sim.anonKey, subscribe_ms: 30_000 },
  });
  const servers: RealtimeServers = {
    client: createProxyClient({
      baseUrl: BASE,
      // In process; no signal: the client races its own abort (see the kit's harness).
      fetch: (input, init) => {
        const url = new URL(input);
        if (url.pathname.endsWith("/v1/executions/collection")) servers.executedAt = clock.now();
        if (url.pathname.endsWith("/v1/realtime-keys/collection")) servers.keyRequests += 1;
        if (url.pathname.includes("/v1/status/collection/") && servers.executedAt !== null) {
          servers.statusAt.push(clock.now() - servers.executedAt);
        }
        const answer = proxy(
          new Request(url, {
            method: init.method ?? "GET",
            headers: new Headers(init.headers),
            ...(typeof init.body === "string" ? { body: init.body } : {}),
          }),
        );
        servers.inFlight.add(answer);
        void answer.finally(() => servers.inFlight.delete(answer)).catch(() => {});
        return answer;
      },
      timeoutMs: 24 * 3_600_000,
    }),
    source: { type: created.source_type, id: Number(created.source_id) },
    inFlight: new Set(),
    statusAt: [],
    executedAt: null,
    keyRequests: 0,
    syncClock,
    close: () => node.close(),
  };
  return servers;
}
