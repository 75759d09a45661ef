/**
 * One payment through the checkout engine waiting the way `<CheckoutFlow>` makes it wait:
 * `statusWatcher: queryStatusWatcher(queryClient, "bench")`, a QueryObserver per reference id on
 * a mounted QueryClient. The rest is bench/polling.ts's harness: the real proxy client, proxy and
 * simulator in process, and one manual clock for all of them and for react-query
 * (bench/query-clock.ts). Optionally a `useExecutionStatus`-like view of the same query
 * (bench/query-view.ts), slow answers, or the page hidden for a span and then shown.
 */
import {
  createCheckoutEngine,
  createManualClock,
  createMemoryLocks,
  createMemoryStorage,
  createProxyClient,
  type ManualClock,
} from "../packages/core/src/internal.ts";
import { queryStatusWatcher } from "../packages/react/src/checkout-flow/query-status-watcher.ts";
import { kitQueryKeys } from "../packages/react/src/internal/query-keys.ts";
import { createDevBackend } from "../packages/server/src/dev-backend.ts";
import type { EngineRun } from "./polling.ts";
import { assertSameQueryCopy, focusManager, QueryClient, withQueryOnClock } from "./query-clock.ts";
import { mountStatusView } from "./query-view.ts";

type StatusView = ReturnType<typeof mountStatusView>;

const BASE = "http://shop.test/api/dollr";
const CLIENT_KEY = "bench";
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
export const WINDOW_MS = 10 * 60_000;

export interface QueryRunOptions {
  completeAfterMs: number | null;
  /** Each status answer takes this long on the clock (half there, half back). */
  statusLatencyMs?: number;
  /**
   * A `useExecutionStatus`-like observer on the same query, mounted as the wait starts (the
   * engine's first read not yet due) or once the first answer is in.
   */
  view?: "wait-start" | "first-answer";
  /** The page is hidden over this span (ms after the execute), then shown. */
  hidden?: { fromMs: number; toMs: number };
}

export interface QueryEngineRun extends EngineRun {
  /** Status requests while the page was hidden. */
  requestsWhileHidden: number;
  /** From showing the page to `succeeded`: clock ms and real ms (the refetch in process). */
  focusToShown: { clockMs: number; wallMs: number } | null;
  /** The engine's state when the page was shown again. */
  stateWhenShown: string | null;
  /** The view's last answer (what `useExecutionStatus` would show). */
  viewStatus: string | null;
}

export async function runQueryEngine(options: QueryRunOptions): Promise<QueryEngineRun> {
  const clock: ManualClock = createManualClock(Date.now());
  return withQueryOnClock(clock, async () => {
    const latency = options.statusLatencyMs ?? 0;
    const backend = createDevBackend({
      logger: quiet,
      proxy: { now: () => clock.now() },
      simulator: {
        clock: { now: () => clock.now() },
        processingMs: options.completeAfterMs ?? 60 * 60_000,
        sessionTtlMs: 60 * 60_000,
      },
    });
    const created = backend.simulator.control.createSource({
      currency: "USD",
      items: [{ name: "Tea", amount: "12.50" }],
      fee_bearer: "PAYER",
    });
    let executedAt: number | null = null;
    let referenceId: string | null = null;
    const statusAt: number[] = [];
    let inFlight = 0;
    let onClock = 0; // requests waiting on the clock (their simulated latency)
    let overlapping = 0;
    let maxStatusInFlight = 0;
    const sleep = async (ms: number) => {
      onClock += 1;
      await new Promise((resolve) => clock.setTimeout(() => resolve(undefined), ms));
      onClock -= 1;
    };
    const fetch = async (input: string, init: RequestInit): Promise<Response> => {
      const url = new URL(input);
      const isStatus = url.pathname.includes("/v1/status/collection/");
      if (url.pathname.endsWith("/v1/executions/collection")) {
        executedAt = clock.now();
        referenceId = (JSON.parse(String(init.body)) as { reference_id: string }).reference_id;
      }
      if (isStatus) {
        if (inFlight > 0) overlapping += 1;
        inFlight += 1;
        maxStatusInFlight = Math.max(maxStatusInFlight, inFlight);
      }
      try {
        if (isStatus && latency > 0) await sleep(latency / 2);
        if (isStatus && executedAt !== null) statusAt.push(clock.now() - executedAt);
        const response = await backend(
          new Request(url, {
            method: init.method ?? "GET",
            headers: new Headers(init.headers),
            ...(typeof init.body === "string" ? { body: init.body } : {}),
          }),
        );
        if (isStatus && latency > 0) await sleep(latency / 2);
        return response;
      } finally {
        if (isStatus) inFlight -= 1;
      }
    };
    const queryClient = new QueryClient();
    queryClient.mount(); // as QueryClientProvider does: focus and reconnect reach the queries
    // Settles everything that is not waiting on the clock (the in-process round trips).
    const flush = async () => {
      for (let i = 0; i < 4 || (inFlight > onClock && i < 10_000); i += 1) {
        await new Promise((resolve) => setImmediate(resolve));
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
      statusWatcher: queryStatusWatcher(queryClient, CLIENT_KEY),
    });
    let shownAt: number | null = null;
    let shownWall = 0;
    let view: StatusView | null = null;
    let viewAsked = false;
    const mountView = (ref: string) => {
      viewAsked = true;
      view = mountStatusView(queryClient, kitQueryKeys.status(CLIENT_KEY, "collection", ref));
    };
    engine.subscribe(() => {
      const kind = engine.getState().kind;
      if (kind === "succeeded" && shownAt === null && executedAt !== null) {
        shownAt = clock.now() - executedAt;
        shownWall = performance.now();
      }
      const ref = referenceId;
      if (options.view === "wait-start" && !viewAsked && kind === "processing" && ref) {
        // After the transition has opened the engine's watch (its stream) for this id.
        queueMicrotask(() => mountView(ref));
      }
    });
    const step = async () => {
      await flush();
      if (options.view === "first-answer" && !viewAsked && referenceId && statusAt.length > 0) {
        mountView(referenceId);
      }
    };
    engine.start();
    await flush();
    engine.selectAccount({ id: account.id, currency: "USD" });
    await engine.pay();
    await flush();
    if (referenceId) {
      const query = queryClient
        .getQueryCache()
        .find({ queryKey: kitQueryKeys.status(CLIENT_KEY, "collection", referenceId) });
      assertSameQueryCopy(query?.observers[0]);
    }
    const finished = () => ["succeeded", "failed", "expired"].includes(engine.getState().kind);
    const stopAt = clock.now() + WINDOW_MS + 60_000;
    let requestsWhileHidden = 0;
    let focusToShown: QueryEngineRun["focusToShown"] = null;
    let stateWhenShown: string | null = null;
    // Runs every timer due until `at` (ms since the epoch), then moves the clock to `at`.
    const runUntil = async (at: number) => {
      for (let next = clock.nextAt(); !finished() && next !== null && next <= at; ) {
        clock.runNext();
        await step();
        next = clock.nextAt();
      }
      if (clock.now() < at) clock.advance(at - clock.now());
      await step();
    };
    const hidden = options.hidden;
    if (hidden && executedAt !== null) {
      await runUntil(executedAt + hidden.fromMs);
      focusManager.setFocused(false);
      const before = statusAt.length;
      await runUntil(executedAt + hidden.toMs);
      requestsWhileHidden = statusAt.length - before;
      stateWhenShown = engine.getState().kind;
      const clockFrom = clock.now();
      const wallFrom = performance.now();
      focusManager.setFocused(true);
      await step();
      while (!finished() && clock.now() <= stopAt && clock.runNext()) await step();
      if (shownAt !== null && executedAt !== null) {
        const wallMs = Math.round((shownWall - wallFrom) * 100) / 100;
        focusToShown = { clockMs: executedAt + shownAt - clockFrom, wallMs };
      }
    }
    while (!finished() && clock.now() <= stopAt && clock.runNext()) await step();
    await engine.whenIdle();
    const finalState = engine.getState().kind;
    const shown = view as StatusView | null; // assigned in a callback: TS cannot see it
    const viewStatus = shown?.status() ?? null;
    shown?.unmount();
    engine.dispose();
    queryClient.unmount();
    queryClient.clear();
    focusManager.setFocused(undefined);
    return {
      statusAt,
      overlapping,
      maxStatusInFlight,
      landedAt: options.completeAfterMs,
      shownAt,
      finalState,
      requestsWhileHidden,
      focusToShown,
      stateWhenShown,
      viewStatus,
    };
  });
}
