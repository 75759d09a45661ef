/**
 * `pnpm bench`: size, Stripe.js on the wire, polling (the engine's timers and react-query's),
 * realtime status hints (supabase-js against the simulator), overlap and renders, proxy
 * overhead, the server as the authority (PostgreSQL stores, reconciler). Prints one table
 * (Markdown) and writes it with every number to bench/.tmp/results.json (git-ignored, so a run
 * leaves the clone clean).
 * `pnpm bench --save` also writes the tracked bench/results.json: the run the READMEs quote.
 * See bench/README.md for what each number means.
 * `pnpm bench --only size,polling` runs some parts (size, stripe, polling, realtime, renders,
 * proxy, authority, abuse, consumers), written to bench/.tmp/results.partial.json.
 * This module reads the command line, runs the parts in turn and writes the table; each part's
 * rows are made in bench/<part>-rows.ts.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type AbuseResult, measureAbuse } from "./abuse.ts";
import { abuseRows } from "./abuse-rows.ts";
import { type AuthorityResult, measureAuthority } from "./authority.ts";
import { authorityRows } from "./authority-rows.ts";
import { runJsonScript } from "./children.ts";
import { type ConsumerResult, measureConsumers } from "./consumers.ts";
import { consumerRows } from "./consumers-rows.ts";
import { measureEngineOverlap, measurePolicy, type PolicyResult, policies } from "./polling.ts";
import type { QueryPollingResult } from "./polling-query.ts";
import { pollingRows, reactQueryRows } from "./polling-rows.ts";
import { measureProxy, type ProxyResult } from "./proxy.ts";
import { proxyRows } from "./proxy-rows.ts";
import type { RealtimeResult } from "./realtime.ts";
import { realtimeRows } from "./realtime-rows.ts";
import type { RenderResult } from "./renders.ts";
import { renderRows } from "./renders-rows.ts";
import type { Row } from "./rows.ts";
import { measureSizes } from "./size.ts";
import { sizeRows } from "./size-rows.ts";
import { measureStripe, type StripeScenario } from "./stripe.ts";
import { stripeRows } from "./stripe-rows.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const PARTS = [
  "size",
  "stripe",
  "polling",
  "realtime",
  "renders",
  "proxy",
  "authority",
  "abuse",
  "consumers",
] as const;
type Part = (typeof PARTS)[number];

const onlyArg = process.argv.find((arg) => arg.startsWith("--only"));
const onlyValue = onlyArg?.includes("=")
  ? onlyArg.split("=")[1]
  : onlyArg
    ? process.argv[process.argv.indexOf(onlyArg) + 1]
    : undefined;
const parts = new Set<Part>(
  onlyValue ? (onlyValue.split(",").filter((p) => PARTS.includes(p as Part)) as Part[]) : PARTS,
);
// The tracked bench/results.json holds one whole run, the one the READMEs quote: it is rewritten
// only when asked, and never from some of the parts.
const save = process.argv.includes("--save");
if (save && parts.size !== PARTS.length) {
  console.error("bench: --save records a whole run; leave out --only");
  process.exit(2);
}

const rows: Row[] = [];

const started = performance.now();
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  node: process.version,
  loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
};
const step = (name: string) => console.error(`bench: ${name}…`);
// Vite's builds (size, stripe) set NODE_ENV=production in this process; the servers started
// after them inherit the environment and must run as they would have without those builds.
const nodeEnv = process.env.NODE_ENV;
const restoreNodeEnv = () => {
  if (nodeEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = nodeEnv;
};

if (parts.has("size")) {
  step("size");
  const sizes = await measureSizes();
  results.size = sizes;
  rows.push(...sizeRows(sizes));
}

if (parts.has("stripe")) {
  step("stripe (Chromium)");
  const stripe: StripeScenario[] = await measureStripe();
  results.stripe = stripe;
  rows.push(...stripeRows(stripe));
}
restoreNodeEnv();

if (parts.has("polling")) {
  step("polling");
  const measured: PolicyResult[] = [];
  for (const [name, policy] of policies()) measured.push(await measurePolicy(name, policy));
  const engineOverlap = await measureEngineOverlap();
  results.polling = { policies: measured, engineOverlap };
  rows.push(...pollingRows(measured, engineOverlap));

  // The same wait as <CheckoutFlow> runs it, through react-query. In its own process: a run
  // puts the process's global timers on the manual clock.
  const rq = runJsonScript<QueryPollingResult>("polling-query.ts", { timeoutMs: 120_000 });
  results.polling = { policies: measured, engineOverlap, reactQuery: rq };
  rows.push(...reactQueryRows(rq, measured[0] as PolicyResult));
}

if (parts.has("realtime")) {
  step("realtime status hints: supabase-js against the simulator's Realtime (about 10 s)");
  // In its own process, as the react-query rows: a run puts the global timers on a manual clock.
  const realtime = runJsonScript<RealtimeResult>("realtime.ts", { timeoutMs: 300_000 });
  results.realtime = realtime;
  rows.push(...realtimeRows(realtime));
}

if (parts.has("proxy")) {
  step("proxy overhead (about 30 s)");
  const proxy: ProxyResult = await measureProxy();
  results.proxy = proxy;
  rows.push(...proxyRows(proxy));
}

if (parts.has("renders")) {
  step("renders (happy-dom)");
  // In its own process: a DOM, and React's development build (the Profiler reports nothing in a
  // production build).
  const runs = runJsonScript<RenderResult[]>("renders.ts", {
    timeoutMs: 120_000,
    env: { NODE_ENV: "development" },
  });
  results.renders = runs;
  rows.push(...renderRows(runs));
}

if (parts.has("authority")) {
  step("authority: PostgreSQL stores and the reconciler (about 90 s)");
  const authority: AuthorityResult = await measureAuthority({
    attempts: Number(process.env.BENCH_AUTHORITY_ATTEMPTS ?? 10_000),
    progress: (message) => console.error(`bench: ${message}`),
  });
  results.authority = authority;
  rows.push(...authorityRows(authority));
}

if (parts.has("abuse")) {
  step("abuse: an honest customer, quiet and under 20 abusive clients (about 25 s)");
  const abuse: AbuseResult = await measureAbuse();
  results.abuse = abuse;
  rows.push(...abuseRows(abuse));
}

if (parts.has("consumers")) {
  step(
    "consumers: a fresh Vite app and a fresh Next.js app, from the packed packages (about 2 min)",
  );
  const consumers: ConsumerResult[] = await measureConsumers((message) =>
    console.error(`bench: ${message}`),
  );
  results.consumers = consumers;
  rows.push(...consumerRows(consumers));
}

const header: Row = ["Area", "Measure", "Kit", "Reference", "Goal", "OK"];
const escapeCell = (cell: string) => cell.replace(/\|/g, "\\|");
const table = [header, ["---", "---", "---", "---", "---", "---"] as Row, ...rows]
  .map((row) => `| ${row.map(escapeCell).join(" | ")} |`)
  .join("\n");
results.table = table;
results.seconds = Math.round((performance.now() - started) / 100) / 10;
const resultsFiles = [
  parts.size === PARTS.length ? ".tmp/results.json" : ".tmp/results.partial.json",
  ...(save ? ["results.json"] : []),
];
mkdirSync(path.join(here, ".tmp"), { recursive: true });
for (const file of resultsFiles) {
  writeFileSync(path.join(here, file), `${JSON.stringify(results, null, 2)}\n`);
}
if (save) {
  // Written as the repository's formatter would, so `biome check .` stays clean after a run.
  try {
    execFileSync(
      path.join(here, "../node_modules/.bin/biome"),
      ["format", "--write", path.join(here, "results.json")],
      { stdio: "ignore" },
    );
  } catch {
    // Cosmetic: the numbers are written either way.
  }
}
console.log(table);
console.error(
  `bench: ${results.seconds} s, load average ${results.loadAverage1m} (1 min) — ${resultsFiles.map((file) => `bench/${file}`).join(", ")}`,
);
process.exit(0);
