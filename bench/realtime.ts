/**
 * Realtime status hints: what `<CheckoutFlow>` with the realtime plug-in costs and gains over a
 * 10-minute PROCESSING window, each run in bench/realtime-run.ts (the engine through react-query
 * on a manual clock, the real supabase-js against the simulator's Realtime over 127.0.0.1, keys
 * through the real proxy):
 *
 * - polling only (no plug-in), the reference: status requests, and when a completion at
 *   10 s … 9 min is shown;
 * - realtime: the same, with the hints live from the join (polling slowed to a 2-minute safety
 *   net, a change read at once);
 * - realtime with every socket killed at 1 min: the hints give up, polling takes over;
 * - the up-front bytes of the mobile-money page with and without the plug-in (bench/realtime-size.ts).
 *
 * A run puts the process's global timers on a manual clock, so bench/run.ts starts this in its
 * own process.
 *   tsx --tsconfig bench/tsconfig.json bench/realtime.ts [--json] [--no-size]
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { COMPLETIONS_MS, delaysByWindow, type WindowDelay } from "./polling.ts";
import {
  type RealtimeRun,
  type RealtimeRunOptions,
  runRealtime,
  WINDOW_MS,
} from "./realtime-run.ts";
import { startSimulatorProcess } from "./realtime-servers.ts";
import type { RealtimeSizeResult } from "./realtime-size.ts";

export const KILL_AT_MS = 60_000;

export interface RealtimeCompletion {
  completeAtMs: number;
  /** Clock ms from the completion to `succeeded` (null: never shown). */
  shownAfterMs: number | null;
  /** Real ms of the hint's path, when the hint showed it (clock delay 0). */
  wallMs: number | null;
  requests: number;
  /** Hints that arrived. */
  hints: number;
}

export interface RealtimeScenario {
  /** The payment that never completes: status requests in the window, their times, its end. */
  requestsIn10Min: number;
  statusAt: number[];
  finalState: string;
  events: RealtimeRun["events"];
  keyRequests: number;
  windows: WindowDelay[];
  completions: RealtimeCompletion[];
  /** Realtime events owed but not seen (every run of the scenario): 0 when all went as asked. */
  missedEvents: number;
}

export interface RealtimeResult {
  pollingOnly: RealtimeScenario;
  realtime: RealtimeScenario;
  killed: RealtimeScenario & {
    killAtMs: number;
    /** Requests before the kill, and from it on (the kill's instant included). */
    requestsBeforeKill: number;
    requestsFromKill: number;
    /** The polling-only run's requests from the kill's instant on. */
    pollingOnlyFromKill: number;
    /** Longest wait to be shown for a completion between the kill and 2 min, both runs. */
    worstWaitKillTo2Min: { killed: number; pollingOnly: number };
  };
  size: RealtimeSizeResult | null;
}

/** The longest wait for a completion in (fromMs, toMs]: the next request at or after it. */
export function worstWait(statusAt: number[], fromMs: number, toMs: number): number {
  let worst = 0;
  let previous = 0;
  for (const at of statusAt) {
    const from = Math.max(previous, fromMs);
    if (Math.min(at, toMs) > from) worst = Math.max(worst, at - from);
    previous = at;
  }
  return worst;
}

async function scenario(
  run: (options: Omit<RealtimeRunOptions, "realtime" | "killAtMs">) => Promise<RealtimeRun>,
): Promise<RealtimeScenario> {
  const open = await run({ completeAfterMs: null });
  let missedEvents = open.missedEvents;
  const completions: RealtimeCompletion[] = [];
  for (const completeAtMs of COMPLETIONS_MS) {
    const done = await run({ completeAfterMs: completeAtMs });
    missedEvents += done.missedEvents;
    completions.push({
      completeAtMs,
      shownAfterMs: done.shownAt === null ? null : done.shownAt - completeAtMs,
      wallMs: done.shownWallMs,
      requests: done.statusAt.length,
      hints: done.events.filter((event) => event.phase === "hint").length,
    });
  }
  return {
    requestsIn10Min: open.statusAt.filter((t) => t <= WINDOW_MS).length,
    statusAt: open.statusAt,
    finalState: open.finalState,
    events: open.events,
    keyRequests: open.keyRequests,
    windows: delaysByWindow(open.statusAt),
    completions,
    missedEvents,
  };
}

export async function measureRealtime(options: { size: boolean }): Promise<RealtimeResult> {
  const sim = await startSimulatorProcess();
  try {
    const pollingOnly = await scenario((o) => runRealtime(sim, { ...o, realtime: false }));
    const realtime = await scenario((o) => runRealtime(sim, { ...o, realtime: true }));
    const killed = await scenario((o) =>
      runRealtime(sim, { ...o, realtime: true, killAtMs: KILL_AT_MS }),
    );
    const fromKill = (statusAt: number[]) =>
      statusAt.filter((t) => t >= KILL_AT_MS && t <= WINDOW_MS).length;
    return {
      pollingOnly,
      realtime,
      killed: {
        ...killed,
        killAtMs: KILL_AT_MS,
        requestsBeforeKill: killed.statusAt.filter((t) => t < KILL_AT_MS).length,
        requestsFromKill: fromKill(killed.statusAt),
        pollingOnlyFromKill: fromKill(pollingOnly.statusAt),
        worstWaitKillTo2Min: {
          killed: worstWait(killed.statusAt, KILL_AT_MS, 2 * 60_000),
          pollingOnly: worstWait(pollingOnly.statusAt, KILL_AT_MS, 2 * 60_000),
        },
      },
      size: options.size ? await (await import("./realtime-size.ts")).measureRealtimeSize() : null,
    };
  } finally {
    sim.stop();
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const result = await measureRealtime({ size: !process.argv.includes("--no-size") });
  if (process.argv.includes("--json")) console.log(JSON.stringify(result));
  else console.dir(result, { depth: 4 });
  process.exit(0);
}
