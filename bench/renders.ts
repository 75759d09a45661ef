/**
 * Renders and overlap in React: `<ExecutionStatus>` mounted with react-dom in happy-dom, polling
 * the real proxy + simulator (in process, real time) through react-query, inside a
 * `<Profiler>`. Counts the commits of the status subtree per poll whose answer did not change
 * (react-query's structural sharing keeps the same data object, so only what the component
 * reads besides the data can cause them), and the most status requests in flight at once, with
 * quick answers and with answers slower than the polling delay.
 *
 * React's `<Profiler>` reports commits only in a development (or profiling) build, so this runs
 * in its own process with NODE_ENV=development (bench/run.ts starts it that way).
 *
 *   tsx --tsconfig bench/tsconfig.json bench/renders.ts [--json]
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Window } from "happy-dom";
import type { PollingPolicy } from "../packages/core/src/internal.ts";

export interface RenderResult {
  /** Polls whose answer was the same PROCESSING as before. */
  unchangedPolls: number;
  /** Commits of the `<ExecutionStatus>` subtree during those polls. */
  commits: number;
  commitsPerUnchangedPoll: number;
  /** Status requests that started while another was in flight (whole run, mount included). */
  overlapping: number;
  /** The most status requests in flight at once. */
  maxStatusInFlight: number;
  /** How long each status answer took (ms). */
  latencyMs: number;
  /** The polling delay used (ms). */
  delayMs: number;
  strict: boolean;
}

let installed = false;

/** A browser-like global scope (happy-dom), installed before react-dom is loaded. */
function installDom() {
  if (installed) return;
  installed = true;
  const window = new Window({ url: "http://shop.test/" });
  const scope = globalThis as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(window)) {
    if (key in scope || key.startsWith("_")) continue;
    try {
      scope[key] = (window as unknown as Record<string, unknown>)[key];
    } catch {
      // Some getters throw outside a navigation; they are not needed here.
    }
  }
  scope.window = window;
  scope.document = window.document;
  scope.IS_REACT_ACT_ENVIRONMENT = false;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Mounts `<ExecutionStatus>` for a payment that stays PROCESSING, waits for its first answer,
 * then counts commits over `polls` more polls `delayMs` apart (all within the first second, so
 * the once-a-second elapsed-time tick never falls inside the count).
 */
export async function measureRenders(options: {
  delayMs: number;
  latencyMs: number;
  polls: number;
  strict: boolean;
}): Promise<RenderResult> {
  installDom();
  const [{ createElement: h, Profiler, StrictMode }, { createRoot }, core, server, statusEntry] =
    await Promise.all([
      import("react"),
      import("react-dom/client"),
      import("../packages/core/src/internal.ts"),
      import("../packages/server/src/dev-backend.ts"),
      import("../packages/react/src/execution-status.ts"),
    ]);
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const backend = server.createDevBackend({
    logger: quiet,
    simulator: { processingMs: 3_600_000 },
  });
  const created = backend.simulator.control.createSource({
    currency: "USD",
    items: [{ name: "Tea", amount: "12.50" }],
  });
  let statusRequests = 0;
  let overlapping = 0;
  let inFlight = 0;
  let maxStatusInFlight = 0;
  const fetch = async (input: string, init: RequestInit): Promise<Response> => {
    const url = new URL(input);
    const isStatus = url.pathname.includes("/v1/status/collection/");
    if (isStatus) {
      if (inFlight > 0) overlapping += 1;
      statusRequests += 1;
      inFlight += 1;
      maxStatusInFlight = Math.max(maxStatusInFlight, inFlight);
    }
    // Like a browser's fetch, an aborted request ends at once (it is no longer in flight).
    let settled = false;
    const end = () => {
      if (isStatus && !settled) inFlight -= 1;
      settled = true;
    };
    init.signal?.addEventListener("abort", end, { once: true });
    try {
      if (isStatus && options.latencyMs > 0) await sleep(options.latencyMs);
      if (init.signal?.aborted) throw new DOMException("The request was aborted", "AbortError");
      return await backend(
        new Request(url, {
          method: init.method ?? "GET",
          headers: new Headers(init.headers),
          ...(typeof init.body === "string" ? { body: init.body } : {}),
        }),
      );
    } finally {
      end();
    }
  };
  const client = core.createProxyClient({ baseUrl: "http://shop.test/api/dollr", fetch });
  const account = await client.createPaymentAccount({
    type: "MOBILE_MONEY",
    phone: "231880000000",
    account_name: "Bench Payer",
  });
  const session = await client.createCheckoutSession({
    source_type: created.source_type,
    source_id: created.source_id,
  });
  const referenceId = crypto.randomUUID();
  await client.executeCollection({
    session_id: session.id,
    payment_account_id: account.id,
    currency: "USD",
    reference_id: referenceId,
  });

  const policy: PollingPolicy = {
    ...core.DEFAULT_POLLING_POLICY,
    tiers: [{ untilMs: Number.POSITIVE_INFINITY, delayMs: options.delayMs }],
    capMs: 60_000,
  };
  let commits = 0;
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  const tree = h(
    statusEntry.DollrCheckoutProvider,
    { client, locale: "en-US" },
    h(
      Profiler,
      {
        id: "status",
        onRender: () => {
          commits += 1;
        },
      },
      h(statusEntry.ExecutionStatus, { referenceId, kind: "MOBILE_MONEY", policy }),
    ),
  );
  root.render(options.strict ? h(StrictMode, null, tree) : tree);
  // Wait for the first answer on screen.
  for (let i = 0; i < 200; i += 1) {
    if (container.querySelector('[data-state="processing"]')) break;
    await sleep(5);
  }
  await sleep(options.delayMs / 2);
  const commitsBefore = commits;
  const requestsBefore = statusRequests;
  await sleep(options.delayMs * options.polls);
  const unchangedPolls = statusRequests - requestsBefore;
  const pollCommits = commits - commitsBefore;
  root.unmount();
  container.remove();
  return {
    unchangedPolls,
    commits: pollCommits,
    commitsPerUnchangedPoll: unchangedPolls === 0 ? 0 : pollCommits / unchangedPolls,
    overlapping,
    maxStatusInFlight,
    latencyMs: options.latencyMs,
    delayMs: options.delayMs,
    strict: options.strict,
  };
}

/** Every combination the table shows: quick and slow answers, with and without StrictMode. */
export async function measureAllRenders(): Promise<RenderResult[]> {
  const runs: RenderResult[] = [];
  for (const strict of [false, true]) {
    for (const latencyMs of [0, 150]) {
      runs.push(await measureRenders({ delayMs: 40, latencyMs, polls: 15, strict }));
    }
  }
  return runs;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const runs = await measureAllRenders();
  if (process.argv.includes("--json")) console.log(JSON.stringify(runs));
  else console.table(runs);
  process.exit(0);
}
