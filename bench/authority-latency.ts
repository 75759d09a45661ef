/**
 * The proxy's latency for `GET /v1/status/collection/{id}` (an unchanged PROCESSING poll) by store
 * (part 3 of bench/authority.ts): the memory store, PGlite and PostgreSQL, beside the simulator
 * asked directly; each proxy in its own process (bench/authority-servers.ts), requests one at a
 * time on a kept-alive socket, the targets taking turns in rounds of 100, each request timed with
 * `performance.now()`.
 */
import { Agent, request } from "node:http";
import { CREDENTIALS, round } from "./authority-common.ts";
import { json, startChild } from "./children.ts";
import { paymentThroughProxy } from "./proxy-payment.ts";

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

/** A PROCESSING payment made through a proxy, and its status read as its customer. */
async function proxyTarget(name: string, simulatorUrl: string, proxyUrl: string): Promise<Target> {
  const { referenceId, customer } = await paymentThroughProxy(simulatorUrl, proxyUrl);
  return { name, url: `${proxyUrl}/v1/status/collection/${referenceId}`, headers: customer };
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
