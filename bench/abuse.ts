/**
 * The honest customer under abuse (`pnpm bench --only abuse`): the proxy, with its rate limits
 * as shipped, in front of the simulator in its own process (bench/abuse-servers.ts). One honest
 * customer adds a wallet, opens a session, pays and polls the status, a few times over, and each
 * request's latency is recorded: once on a quiet proxy, then while 20 abusive customers (another
 * process) burst paid lookups and card additions, bounded in requests and time. The goal: the
 * honest customer's p95 within 2× of the quiet figure, the abuse answered 429 once over the limits.
 * Everything runs on 127.0.0.1.
 */
import type { AttackSummary } from "./abuse-servers.ts";
import { type Child, startChild, stopChild } from "./children.ts";

/** The run's knobs (the defaults keep it under ~30 s). */
export interface AbuseOptions {
  /** Honest checkouts per phase (each: wallet, session, execute, `polls` polls). */
  checkouts: number;
  polls: number;
  /** Abusive customers, and requests each keeps in flight. */
  attackers: number;
  inFlight: number;
  /** Bounds of the abuse: requests in all, and time. */
  maxAbusiveRequests: number;
  maxAbuseMs: number;
  /** Delay of each call to the simulator (Dollr's latency, roughly). */
  dollrLatencyMs: number;
}

export const DEFAULT_ABUSE_OPTIONS: AbuseOptions = {
  checkouts: 4,
  polls: 40,
  attackers: 20,
  inFlight: 1,
  maxAbusiveRequests: 40_000,
  maxAbuseMs: 15_000,
  dollrLatencyMs: 20,
};

/** Latencies of one phase, in ms. */
export interface PhaseLatency {
  requests: number;
  p50: number;
  p95: number;
  max: number;
  /** Honest requests that were not answered 2xx (the limits must not refuse this customer). */
  refused: number;
}

export interface AbuseResult {
  options: AbuseOptions;
  quiet: PhaseLatency;
  underAbuse: PhaseLatency;
  /** p95 under abuse / quiet p95. */
  ratio: number;
  abuse: AttackSummary & { limited: number };
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] ?? 0) * 100) / 100;
}

/** One honest customer's checkouts, each request timed. */
async function honest(url: string, who: string, options: AbuseOptions): Promise<PhaseLatency> {
  const latencies: number[] = [];
  let refused = 0;
  const headers = { authorization: `Bearer ${who}`, "content-type": "application/json" };
  const call = async (method: string, pathname: string, body?: unknown) => {
    const started = performance.now();
    const response = await fetch(`${url}${pathname}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as Record<string, unknown>;
    latencies.push(performance.now() - started);
    if (!response.ok) refused += 1;
    return json;
  };
  const origin = new URL(url).origin;
  for (let i = 0; i < options.checkouts; i++) {
    const source = await (await fetch(`${origin}/__bench/source`, { method: "POST" })).json();
    const wallet = await call("POST", "/kit/payment-accounts", {
      type: "MOBILE_MONEY",
      phone: "231880000000",
      account_name: "Honest",
    });
    const session = await call("POST", "/v1/sessions/checkout", source);
    const referenceId = crypto.randomUUID();
    await call("POST", "/v1/executions/collection", {
      session_id: String(session.id),
      payment_account_id: String(wallet.id),
      currency: "USD",
      reference_id: referenceId,
    });
    for (let p = 0; p < options.polls; p++) {
      await call("GET", `/v1/status/collection/${referenceId}`);
    }
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: percentile(sorted, 100),
    refused,
  };
}

/** Runs the quiet phase, then the abused one, and stops every process it started. */
export async function measureAbuse(
  options: AbuseOptions = DEFAULT_ABUSE_OPTIONS,
): Promise<AbuseResult> {
  const proxy = startChild("abuse-servers.ts", ["proxy", String(options.dollrLatencyMs)]);
  let attacker: Child | null = null;
  try {
    const { url } = JSON.parse(await proxy.line()) as { url: string };
    // Warm-up (not recorded): the first requests compile the routes.
    await honest(url, "warm-up", { ...options, checkouts: 1 });
    const quiet = await honest(url, "honest-quiet", options);
    attacker = startChild("abuse-servers.ts", [
      "attack",
      url,
      String(options.attackers),
      String(options.inFlight),
      String(options.maxAbusiveRequests),
      String(options.maxAbuseMs),
    ]);
    await attacker.line(); // started
    // The abuse reaches its limits first: the honest customer then pays while it goes on.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const underAbuse = await honest(url, "honest-abused", options);
    attacker.child.stdin?.end();
    const summary = JSON.parse(await attacker.line()) as AttackSummary;
    return {
      options,
      quiet,
      underAbuse,
      ratio: Math.round((underAbuse.p95 / Math.max(quiet.p95, 0.01)) * 100) / 100,
      abuse: { ...summary, limited: summary.statuses["429"] ?? 0 },
    };
  } finally {
    if (attacker) stopChild(attacker.child);
    stopChild(proxy.child);
  }
}
