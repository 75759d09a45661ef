/**
 * Proxy overhead: `GET /v1/status/collection/{id}` of an existing execution, straight to the
 * simulator (with a bearer token) and through @dollr-kit/server's proxy (which holds and caches
 * the token and forwards to the same simulator over HTTP with its Node transport, as a Node
 * merchant runs it; see bench/proxy-servers.ts). The simulator and the proxy each run
 * in their own process on 127.0.0.1; the load comes from this one, at 1,000 requests/s.
 *
 * Two measurements, both bounded in time and run in the same go so the machine's noise falls on
 * both targets:
 * - autocannon (10 connections, overallRate 1000, 5 s per target, one after the other). Its
 *   latencies are whole milliseconds.
 * - a paced loop of our own: 1,000 requests/s (what fell due is sent on each ~1 ms timer tick)
 *   on keep-alive sockets, each timed with `performance.now()` from the request's write to the
 *   last byte of its answer, the two targets taking turns in 250 ms slices for 5 s each
 *   (interleaved, after a 1 s warm-up each).
 *
 *   tsx bench/proxy.ts
 */
import { type ChildProcess, spawn } from "node:child_process";
import { Agent, request } from "node:http";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { json } from "./children.ts";
import { paymentThroughProxy } from "./proxy-payment.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

interface Target {
  name: "direct" | "proxy";
  url: string;
  headers: Record<string, string>;
}

export interface LatencyStats {
  requests: number;
  errors: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  meanMs: number;
}

export interface ProxyResult {
  rate: number;
  autocannon: Record<"direct" | "proxy", LatencyStats & { rps: number; non2xx: number }>;
  precise: Record<"direct" | "proxy", LatencyStats>;
  /** From the precise loop. */
  addedP50Ms: number;
  p99Ratio: number;
}

function startServer(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(here, "proxy-servers.ts"), ...args],
    {
      cwd: path.join(here, ".."),
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const timer = setTimeout(() => reject(new Error(`${args[0]} did not start`)), 30_000);
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve({ child, url: (JSON.parse(line) as { url: string }).url });
    });
    child.once("exit", (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
}

/** A payment through the proxy, and its status read both ways: each must say PROCESSING. */
async function setUp(simulatorUrl: string, proxyUrl: string): Promise<Target[]> {
  const { referenceId, customer } = await paymentThroughProxy(simulatorUrl, proxyUrl);
  const token = await json(`${simulatorUrl}/v1/jwt/client/obtain/token`, {
    method: "POST",
    body: JSON.stringify({ client_id: "sim_client_id", client_secret: "sim_client_secret" }),
  });
  const targets: Target[] = [
    {
      name: "direct",
      url: `${simulatorUrl}/v1/status/collection/${referenceId}`,
      headers: { authorization: `Bearer ${String(token.access_token)}` },
    },
    { name: "proxy", url: `${proxyUrl}/v1/status/collection/${referenceId}`, headers: customer },
  ];
  for (const target of targets) {
    const answer = await json(target.url, { headers: target.headers });
    if (answer.status !== "PROCESSING")
      throw new Error(`${target.name}: ${JSON.stringify(answer)}`);
  }
  return targets;
}

function stats(samples: number[], errors: number): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return {
    requests: sorted.length,
    errors,
    p50Ms: round(at(0.5)),
    p90Ms: round(at(0.9)),
    p99Ms: round(at(0.99)),
    meanMs: round(sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1)),
  };
}

async function runAutocannon(target: Target, seconds: number, rate: number) {
  const result = await autocannon({
    url: target.url,
    headers: target.headers,
    connections: 10,
    overallRate: rate,
    duration: seconds,
    timeout: 5,
  });
  return {
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    rps: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    meanMs: Math.round(result.latency.mean * 1000) / 1000,
  };
}

/** One request every 1000/rate ms, targets taking turns in slices; latencies per target. */
async function pacedLoop(targets: Target[], secondsEach: number, rate: number, sliceMs: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const samples = new Map<string, number[]>(targets.map((t) => [t.name, []]));
  const errors = new Map<string, number>(targets.map((t) => [t.name, 0]));
  let pending = 0;
  const send = (target: Target, record: boolean) => {
    pending += 1;
    const started = performance.now();
    const req = request(target.url, { agent, headers: target.headers }, (res) => {
      res.on("data", () => {});
      res.on("end", () => {
        pending -= 1;
        if (!record) return;
        if (res.statusCode === 200) samples.get(target.name)?.push(performance.now() - started);
        else errors.set(target.name, (errors.get(target.name) ?? 0) + 1);
      });
    });
    req.on("error", () => {
      pending -= 1;
      errors.set(target.name, (errors.get(target.name) ?? 0) + 1);
    });
    req.end();
  };
  const slices = Math.round((secondsEach * 1000 * targets.length) / sliceMs);
  const warmup = Math.round(1000 / sliceMs) * targets.length;
  for (let slice = -warmup; slice < slices; slice += 1) {
    const target = targets[((slice % targets.length) + targets.length) % targets.length] as Target;
    const from = performance.now();
    let sent = 0;
    for (;;) {
      const elapsed = performance.now() - from;
      if (elapsed >= sliceMs) break;
      const due = Math.floor((elapsed * rate) / 1000) + 1;
      while (sent < due) {
        send(target, slice >= 0);
        sent += 1;
      }
      // Timers tick about every millisecond; what fell due meanwhile goes out together. (A
      // busy loop would take a core from the servers on a small machine.)
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }
  for (let i = 0; pending > 0 && i < 500; i += 1) await new Promise((r) => setTimeout(r, 10));
  agent.destroy();
  return Object.fromEntries(
    targets.map((t) => [t.name, stats(samples.get(t.name) ?? [], errors.get(t.name) ?? 0)]),
  ) as Record<"direct" | "proxy", LatencyStats>;
}

export async function measureProxy(options: { seconds?: number } = {}): Promise<ProxyResult> {
  const seconds = options.seconds ?? 5;
  const rate = 1000;
  const children: ChildProcess[] = [];
  try {
    const simulator = await startServer(["simulator"]);
    children.push(simulator.child);
    const proxy = await startServer(["proxy", simulator.url]);
    children.push(proxy.child);
    const targets = await setUp(simulator.url, proxy.url);
    const [direct, proxied] = targets as [Target, Target];
    // Warm both (JIT, the proxy's token), then autocannon one after the other…
    await runAutocannon(direct, 1, rate);
    await runAutocannon(proxied, 1, rate);
    const autocannonDirect = await runAutocannon(direct, seconds, rate);
    const autocannonProxy = await runAutocannon(proxied, seconds, rate);
    // …and the precise loop, interleaved.
    // BENCH_SLICE_MS: shorter turns share the machine's pauses between the targets more evenly
    // (a steadier p99 ratio) but switch processes more often (a higher p50 on both).
    const sliceMs = Number(process.env.BENCH_SLICE_MS ?? 250);
    const precise = await pacedLoop(targets, seconds, rate, sliceMs);
    return {
      rate,
      autocannon: { direct: autocannonDirect, proxy: autocannonProxy },
      precise,
      addedP50Ms: Math.round((precise.proxy.p50Ms - precise.direct.p50Ms) * 1000) / 1000,
      p99Ratio: Math.round((precise.proxy.p99Ms / (precise.direct.p99Ms || 1)) * 100) / 100,
    };
  } finally {
    for (const child of children) {
      child.stdin?.end();
      child.kill("SIGTERM");
    }
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  console.log(JSON.stringify(await measureProxy(), null, 1));
}
