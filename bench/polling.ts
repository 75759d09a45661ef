/**
 * Polling: the real checkout engine (`createCheckoutEngine`, manual clock) paying a mobile-money
 * invoice through the real proxy client → proxy → simulator, all in process and all on one
 * clock (the simulator's). Nothing here re-implements the schedule: the engine decides when to
 * ask, the simulator decides when the payment completes.
 *
 * - A payment that stays PROCESSING for the whole window: every status request and its time,
 *   until the engine gives up (`expired`).
 * - Payments that complete at 10 s, 45 s, 2 min, 5 min and 9 min: when the engine shows
 *   `succeeded`, minus when the simulator completed it.
 * - Optionally, slow status answers (on the same clock) to count overlapping requests.
 *
 *   tsx bench/polling.ts   prints the numbers for the kit's policy and Adyen's.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  createCheckoutEngine,
  createManualClock,
  createMemoryLocks,
  createMemoryStorage,
  createProxyClient,
  DEFAULT_POLLING_POLICY,
  DEFAULT_POLLING_SETTINGS,
  type ManualClock,
  type PollingPolicy,
  pollingPolicyFromSettings,
} from "../packages/core/src/internal.ts";
import { createDevBackend } from "../packages/server/src/dev-backend.ts";

const BASE = "http://shop.test/api/dollr";
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const WINDOW_MS = 10 * 60_000;
export const COMPLETIONS_MS = [10_000, 45_000, 2 * 60_000, 5 * 60_000, 9 * 60_000];

/** Adyen's published await schedule: every 2 s, every 10 s after the first minute. */
export const ADYEN_POLICY: PollingPolicy = {
  ...DEFAULT_POLLING_POLICY,
  tiers: [
    { untilMs: 60_000, delayMs: 2_000 },
    { untilMs: Number.POSITIVE_INFINITY, delayMs: 10_000 },
  ],
  capMs: WINDOW_MS,
};

export interface EngineRun {
  /** Status requests, ms after the execute. */
  statusAt: number[];
  /** Status requests that started while another was in flight. */
  overlapping: number;
  /** The most status requests in flight at once. */
  maxStatusInFlight: number;
  /** When the simulator completed the payment (ms after the execute), or null. */
  landedAt: number | null;
  /** When the engine's state became `succeeded` (ms after the execute), or null. */
  shownAt: number | null;
  finalState: string;
}

const flush = async () => {
  for (let i = 0; i < 4; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

function sleepOn(clock: ManualClock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}

/**
 * One payment through the engine. `completeAfterMs` null: it never completes in the window.
 * `statusLatencyMs`: each status request takes this long on the shared clock (half there, half
 * back), to check that a slow answer never overlaps the next request.
 */
export async function runEngine(options: {
  policy: PollingPolicy;
  completeAfterMs: number | null;
  statusLatencyMs?: number;
}): Promise<EngineRun> {
  // The proxy and the simulator read the same clock, which starts at the real time.
  const clock = createManualClock(Date.now());
  const latency = options.statusLatencyMs ?? 0;
  const backend = createDevBackend({
    logger: quiet,
    proxy: { now: () => clock.now() },
    simulator: {
      clock: { now: () => clock.now() },
      processingMs: options.completeAfterMs ?? 60 * 60_000,
      // The session must outlive the window (a wallet ending in 0 succeeds after processingMs).
      sessionTtlMs: 60 * 60_000,
    },
  });
  const created = backend.simulator.control.createSource({
    currency: "USD",
    items: [{ name: "Tea", amount: "12.50" }],
    fee_bearer: "PAYER",
  });
  let executedAt: number | null = null;
  const statusAt: number[] = [];
  let inFlight = 0;
  let overlapping = 0;
  let maxStatusInFlight = 0;
  const fetch = async (input: string, init: RequestInit): Promise<Response> => {
    const url = new URL(input);
    const isStatus = url.pathname.includes("/v1/status/collection/");
    if (url.pathname.endsWith("/v1/executions/collection")) executedAt = clock.now();
    if (isStatus) {
      if (inFlight > 0) overlapping += 1;
      inFlight += 1;
      maxStatusInFlight = Math.max(maxStatusInFlight, inFlight);
    }
    try {
      if (isStatus && latency > 0) await sleepOn(clock, latency / 2);
      if (isStatus && executedAt !== null) statusAt.push(clock.now() - executedAt);
      const response = await backend(
        new Request(url, {
          method: init.method ?? "GET",
          headers: new Headers(init.headers),
          ...(typeof init.body === "string" ? { body: init.body } : {}),
        }),
      );
      if (isStatus && latency > 0) await sleepOn(clock, latency / 2);
      return response;
    } finally {
      if (isStatus) inFlight -= 1;
    }
  };
  const client = createProxyClient({ baseUrl: BASE, fetch, timeoutMs: 24 * 3_600_000 });
  const account = await client.createPaymentAccount({
    type: "MOBILE_MONEY",
    phone: "231880000000",
    account_name: "Bench Payer",
  });
  const engine = createCheckoutEngine({
    transport: client,
    source: { type: created.source_type, id: created.source_id },
    storage: createMemoryStorage(),
    locks: createMemoryLocks(),
    clock,
    policy: options.policy,
  });
  let shownAt: number | null = null;
  engine.subscribe(() => {
    const kind = engine.getState().kind;
    if (kind === "succeeded" && shownAt === null && executedAt !== null) {
      shownAt = clock.now() - executedAt;
    }
  });
  engine.start();
  await flush();
  engine.selectAccount({ id: account.id, currency: "USD" });
  await engine.pay();
  await flush();
  const stopAt = clock.now() + WINDOW_MS + 60_000;
  for (;;) {
    const kind = engine.getState().kind;
    if (kind === "succeeded" || kind === "failed" || kind === "expired") break;
    if (clock.now() > stopAt || !clock.runNext()) break;
    await flush();
  }
  await engine.whenIdle();
  const finalState = engine.getState().kind;
  engine.dispose();
  return {
    statusAt,
    overlapping,
    maxStatusInFlight,
    landedAt: options.completeAfterMs,
    shownAt,
    finalState,
  };
}

export interface WindowDelay {
  label: string;
  fromMs: number;
  toMs: number;
  /** The longest a completion in the window waits to be shown (sup over the window). */
  worstMs: number;
  /** The mean wait for a completion uniformly spread over the window. */
  meanMs: number;
}

/**
 * From the request times of a payment that never completes (the schedule does not depend on the
 * completion until it is seen), the wait of a completion at any time `c`: the next request at or
 * after `c`, minus `c`.
 */
export function delaysByWindow(statusAt: number[]): WindowDelay[] {
  const windows = [
    { label: "0–2 min", fromMs: 0, toMs: 2 * 60_000 },
    { label: "2–5 min", fromMs: 2 * 60_000, toMs: 5 * 60_000 },
    { label: "5–10 min", fromMs: 5 * 60_000, toMs: WINDOW_MS },
  ];
  const times = [0, ...statusAt];
  return windows.map((window) => {
    let worst = 0;
    let area = 0;
    for (let i = 1; i < times.length; i += 1) {
      const previous = times[i - 1] ?? 0;
      const current = times[i] ?? 0;
      // Completions in (previous, current] are seen at `current`.
      const from = Math.max(previous, window.fromMs);
      const to = Math.min(current, window.toMs);
      if (to <= from) continue;
      worst = Math.max(worst, current - from);
      area += ((current - from) ** 2 - (current - to) ** 2) / 2;
    }
    return { ...window, worstMs: worst, meanMs: Math.round(area / (window.toMs - window.fromMs)) };
  });
}

export interface PolicyResult {
  policy: string;
  /** Status requests in the 10-minute window (a payment that stays PROCESSING). */
  requestsIn10Min: number;
  finalState: string;
  windows: WindowDelay[];
  completions: { completeAtMs: number; shownAfterMs: number | null; requests: number }[];
  maxStatusInFlight: number;
  overlapping: number;
}

export async function measurePolicy(name: string, policy: PollingPolicy): Promise<PolicyResult> {
  const open = await runEngine({ policy, completeAfterMs: null });
  const completions = [];
  let maxStatusInFlight = open.maxStatusInFlight;
  let overlapping = open.overlapping;
  for (const completeAtMs of COMPLETIONS_MS) {
    const run = await runEngine({ policy, completeAfterMs: completeAtMs });
    maxStatusInFlight = Math.max(maxStatusInFlight, run.maxStatusInFlight);
    overlapping += run.overlapping;
    completions.push({
      completeAtMs,
      shownAfterMs: run.shownAt === null ? null : run.shownAt - completeAtMs,
      requests: run.statusAt.length,
    });
  }
  return {
    policy: name,
    requestsIn10Min: open.statusAt.filter((t) => t <= WINDOW_MS).length,
    finalState: open.finalState,
    windows: delaysByWindow(open.statusAt),
    completions,
    maxStatusInFlight,
    overlapping,
  };
}

/** The policies compared: the engine's default, what `/kit/config`'s defaults build, Adyen's. */
export function policies(): [string, PollingPolicy][] {
  return [
    ["kit default (DEFAULT_POLLING_POLICY)", DEFAULT_POLLING_POLICY],
    [
      "kit via /kit/config defaults (pollingPolicyFromSettings)",
      pollingPolicyFromSettings(DEFAULT_POLLING_SETTINGS),
    ],
    ["Adyen (2 s, 10 s after 60 s)", ADYEN_POLICY],
  ];
}

/** Overlap under slow answers: status requests that take longer than the polling delay. */
export async function measureEngineOverlap(): Promise<{
  latencyMs: number;
  requests: number;
  overlapping: number;
  maxStatusInFlight: number;
}> {
  const latencyMs = 7_000; // longer than every delay of the first minutes
  const run = await runEngine({
    policy: DEFAULT_POLLING_POLICY,
    completeAfterMs: 4 * 60_000,
    statusLatencyMs: latencyMs,
  });
  return {
    latencyMs,
    requests: run.statusAt.length,
    overlapping: run.overlapping,
    maxStatusInFlight: run.maxStatusInFlight,
  };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  for (const [name, policy] of policies()) {
    const r = await measurePolicy(name, policy);
    console.log(
      `${r.policy}: ${r.requestsIn10Min} requests in 10 min (then ${r.finalState}); worst/mean wait ${r.windows.map((w) => `${w.label} ${w.worstMs / 1000}/${w.meanMs / 1000} s`).join(", ")}; completions ${r.completions.map((c) => `${c.completeAtMs / 1000}s→+${c.shownAfterMs === null ? "never" : c.shownAfterMs / 1000}s (${c.requests} req)`).join(", ")}; max in flight ${r.maxStatusInFlight}`,
    );
  }
  console.log(await measureEngineOverlap());
}
