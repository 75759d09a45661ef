/**
 * Polling through react-query: what bench/polling.ts measures, with the engine waiting the way
 * `<CheckoutFlow>` makes it (`queryStatusWatcher` over a QueryClient on the same manual clock;
 * each run in bench/query-engine-run.ts).
 *
 * - requests in the 10-minute PROCESSING window, overlap under slow answers, and when a
 *   completion at 10 s … 9 min is shown;
 * - a second observer of the same reference id with the options `useExecutionStatus` uses while
 *   the engine's stream runs: the request count must not grow;
 * - the page hidden (`focusManager`) while the payment completes, then shown: how long until
 *   the engine shows `succeeded` (clock time, plus the real time of the refetch in process).
 *
 * A run swaps the process's global timers, so bench/run.ts starts this in its own process.
 *   tsx --tsconfig bench/tsconfig.json bench/polling-query.ts [--json]
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { COMPLETIONS_MS, delaysByWindow, type EngineRun, type WindowDelay } from "./polling.ts";
import { runQueryEngine, WINDOW_MS } from "./query-engine-run.ts";

export interface QueryPollingResult {
  requestsIn10Min: number;
  finalState: string;
  windows: WindowDelay[];
  completions: { completeAtMs: number; shownAfterMs: number | null; requests: number }[];
  /**
   * Status requests that started while another was in flight: every run but the view's (in
   * `withView`), slow answers included.
   */
  overlapping: number;
  /** The slow-answer run: each status answer takes `latencyMs` of the clock. */
  slowAnswers: {
    latencyMs: number;
    requests: number;
    maxStatusInFlight: number;
    finalState: string;
  };
  /**
   * Runs again with a `useExecutionStatus`-like view on the same query: the 10-minute window
   * (view mounted once the first answer is in, and as the wait starts), and a completion at 45 s.
   */
  withView: {
    requestsIn10Min: number;
    requestsIn10MinMountedAtWaitStart: number;
    completion: { completeAtMs: number; requests: number; viewStatus: string | null };
    overlapping: number;
  };
  /** Hidden at 60 s, completed at 2 min, shown at 3 min. */
  focus: {
    completeAtMs: number;
    hiddenFromMs: number;
    shownAtMs: number;
    requestsWhileHidden: number;
    stateWhenShown: string | null;
    focusToShown: { clockMs: number; wallMs: number } | null;
    /** Clock ms + real ms, or null if never shown. */
    totalMs: number | null;
  };
}

export async function measureQueryPolling(): Promise<QueryPollingResult> {
  const inWindow = (run: EngineRun) => run.statusAt.filter((t) => t <= WINDOW_MS).length;
  const open = await runQueryEngine({ completeAfterMs: null });
  let overlapping = open.overlapping;
  const completions = [];
  for (const completeAtMs of COMPLETIONS_MS) {
    const run = await runQueryEngine({ completeAfterMs: completeAtMs });
    overlapping += run.overlapping;
    completions.push({
      completeAtMs,
      shownAfterMs: run.shownAt === null ? null : run.shownAt - completeAtMs,
      requests: run.statusAt.length,
    });
  }
  const latencyMs = 7_000; // longer than every delay of the first minutes
  const slow = await runQueryEngine({ completeAfterMs: 4 * 60_000, statusLatencyMs: latencyMs });
  overlapping += slow.overlapping;
  const viewed = await runQueryEngine({ completeAfterMs: null, view: "first-answer" });
  const viewedEarly = await runQueryEngine({ completeAfterMs: null, view: "wait-start" });
  const viewedCompletion = await runQueryEngine({ completeAfterMs: 45_000, view: "first-answer" });
  const focusPlan = { completeAtMs: 2 * 60_000, hiddenFromMs: 60_000, shownAtMs: 3 * 60_000 };
  const focused = await runQueryEngine({
    completeAfterMs: focusPlan.completeAtMs,
    hidden: { fromMs: focusPlan.hiddenFromMs, toMs: focusPlan.shownAtMs },
  });
  const shown = focused.focusToShown;
  return {
    requestsIn10Min: inWindow(open),
    finalState: open.finalState,
    windows: delaysByWindow(open.statusAt),
    completions,
    overlapping: overlapping + focused.overlapping,
    slowAnswers: {
      latencyMs,
      requests: slow.statusAt.length,
      maxStatusInFlight: slow.maxStatusInFlight,
      finalState: slow.finalState,
    },
    withView: {
      requestsIn10Min: inWindow(viewed),
      requestsIn10MinMountedAtWaitStart: inWindow(viewedEarly),
      completion: {
        completeAtMs: 45_000,
        requests: viewedCompletion.statusAt.length,
        viewStatus: viewedCompletion.viewStatus,
      },
      overlapping: viewed.overlapping + viewedEarly.overlapping + viewedCompletion.overlapping,
    },
    focus: {
      ...focusPlan,
      requestsWhileHidden: focused.requestsWhileHidden,
      stateWhenShown: focused.stateWhenShown,
      focusToShown: shown,
      totalMs: shown ? Math.round((shown.clockMs + shown.wallMs) * 100) / 100 : null,
    },
  };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const result = await measureQueryPolling();
  if (process.argv.includes("--json")) console.log(JSON.stringify(result));
  else console.dir(result, { depth: 4 });
  process.exit(0);
}
