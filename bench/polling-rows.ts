/**
 * The table rows of the polling part of `pnpm bench` (bench/run.ts): the engine's own timers
 * (bench/polling.ts: the kit's default beside Adyen's schedule, the /kit/config defaults, the
 * engine overlap), then the same wait through react-query (bench/polling-query.ts).
 */
import type { measureEngineOverlap, PolicyResult } from "./polling.ts";
import type { QueryPollingResult } from "./polling-query.ts";
import { pass, type Row, seconds } from "./rows.ts";

/**
 * The engine's own timers. `measured` is in the order of `policies()`: the engine's default, the
 * /kit/config defaults, Adyen's.
 */
export function pollingRows(
  measured: PolicyResult[],
  engineOverlap: Awaited<ReturnType<typeof measureEngineOverlap>>,
): Row[] {
  const rows: Row[] = [];
  const [kit, fromSettings, adyen] = measured as [PolicyResult, PolicyResult, PolicyResult];
  rows.push([
    "Polling (10 min PROCESSING)",
    "status requests in 10 min",
    String(kit.requestsIn10Min),
    `Adyen: ${adyen.requestsIn10Min}`,
    "≤ 60",
    pass(kit.requestsIn10Min <= 60),
  ]);
  rows.push([
    "Polling (10 min PROCESSING)",
    `shown after completing at ${kit.completions.map((c) => seconds(c.completeAtMs)).join(" / ")}`,
    kit.completions.map((c) => `+${seconds(c.shownAfterMs)}`).join(" / "),
    `Adyen: ${adyen.completions.map((c) => `+${seconds(c.shownAfterMs)}`).join(" / ")}`,
    "≤ 3 s in the first 2 min",
    pass(
      kit.completions.every(
        (c) => c.completeAtMs > 120_000 || (c.shownAfterMs !== null && c.shownAfterMs <= 3_000),
      ),
    ),
  ]);
  for (const [i, window] of kit.windows.entries()) {
    const other = adyen.windows[i];
    rows.push([
      "Polling (10 min PROCESSING)",
      `wait to be shown, completion in ${window.label} (worst / mean)`,
      `${seconds(window.worstMs)} / ${seconds(window.meanMs)}`,
      other ? `Adyen: ${seconds(other.worstMs)} / ${seconds(other.meanMs)}` : "",
      i === 0 ? "≤ 3 s" : "",
      i === 0 ? pass(window.worstMs <= 3_000) : "",
    ]);
  }
  const agree =
    JSON.stringify([fromSettings.requestsIn10Min, fromSettings.windows]) ===
    JSON.stringify([kit.requestsIn10Min, kit.windows]);
  rows.push([
    "Polling (10 min PROCESSING)",
    "/kit/config defaults (pollingPolicyFromSettings) vs the engine default",
    `${fromSettings.requestsIn10Min} requests, ${agree ? "same schedule" : "a different schedule"}`,
    "",
    "same",
    pass(agree),
  ]);
  rows.push([
    "Overlap",
    `engine: status requests started while one was in flight (answers take ${seconds(engineOverlap.latencyMs)})`,
    String(engineOverlap.overlapping + kit.overlapping + adyen.overlapping),
    "",
    "0",
    pass(engineOverlap.overlapping + kit.overlapping + adyen.overlapping === 0),
  ]);
  return rows;
}

/** The same wait through react-query, beside the engine's own timers (`kit`: its default). */
export function reactQueryRows(rq: QueryPollingResult, kit: PolicyResult): Row[] {
  const rows: Row[] = [];
  const rqArea = "Polling through react-query (10 min PROCESSING)";
  rows.push([
    rqArea,
    "status requests in 10 min (<CheckoutFlow>'s QueryObserver on a manual-clock QueryClient)",
    String(rq.requestsIn10Min),
    `engine's own timers: ${kit.requestsIn10Min}`,
    "≤ 60",
    pass(rq.requestsIn10Min <= 60),
  ]);
  rows.push([
    rqArea,
    `shown after completing at ${rq.completions.map((c) => seconds(c.completeAtMs)).join(" / ")}`,
    rq.completions.map((c) => `+${seconds(c.shownAfterMs)}`).join(" / "),
    `engine's own timers: ${kit.completions.map((c) => `+${seconds(c.shownAfterMs)}`).join(" / ")}`,
    "≤ 3 s in the first 2 min",
    pass(
      rq.completions.every(
        (c) => c.completeAtMs > 120_000 || (c.shownAfterMs !== null && c.shownAfterMs <= 3_000),
      ),
    ),
  ]);
  const sameSchedule =
    JSON.stringify([rq.requestsIn10Min, rq.windows, rq.completions]) ===
    JSON.stringify([kit.requestsIn10Min, kit.windows, kit.completions]);
  rows.push([
    rqArea,
    "schedule (request times, waits to be shown) vs the engine's own timers",
    sameSchedule ? "same schedule" : "a different schedule",
    "",
    "same",
    pass(sameSchedule),
  ]);
  const view = rq.withView;
  rows.push([
    rqArea,
    "with a useExecutionStatus view of the same reference id, mounted once the first answer is in: status requests in 10 min",
    `${view.requestsIn10Min} (a completion at ${seconds(view.completion.completeAtMs)}: ${view.completion.requests} requests, the view shows ${view.completion.viewStatus})`,
    `no view: ${rq.requestsIn10Min} (${rq.completions.find((c) => c.completeAtMs === view.completion.completeAtMs)?.requests} requests)`,
    "the same (one request stream)",
    pass(
      view.requestsIn10Min === rq.requestsIn10Min &&
        view.completion.requests ===
          rq.completions.find((c) => c.completeAtMs === view.completion.completeAtMs)?.requests &&
        view.completion.viewStatus === "COMPLETED",
    ),
  ]);
  rows.push([
    rqArea,
    "the same view mounted as the wait starts (before the engine's first read is due): status requests in 10 min",
    `${view.requestsIn10MinMountedAtWaitStart}${view.requestsIn10MinMountedAtWaitStart > rq.requestsIn10Min ? " (the view's mount reads the still-empty query at once)" : ""}`,
    `no view: ${rq.requestsIn10Min}`,
    "the same (one request stream)",
    pass(view.requestsIn10MinMountedAtWaitStart === rq.requestsIn10Min),
  ]);
  const focus = rq.focus;
  rows.push([
    rqArea,
    `window regains focus → success shown (hidden at ${seconds(focus.hiddenFromMs)}, completed at ${seconds(focus.completeAtMs)}, shown at ${seconds(focus.shownAtMs)})`,
    focus.focusToShown
      ? `${focus.totalMs} ms (${seconds(focus.focusToShown.clockMs)} on the clock + ${focus.focusToShown.wallMs} ms refetch in process); ${focus.requestsWhileHidden} requests while hidden`
      : `never shown (${focus.requestsWhileHidden} requests while hidden)`,
    "",
    "≤ 1 s",
    pass(focus.totalMs !== null && focus.totalMs <= 1_000 && focus.stateWhenShown === "processing"),
  ]);
  rows.push([
    "Overlap",
    `react-query watcher: status requests started while one was in flight (answers take ${seconds(rq.slowAnswers.latencyMs)})`,
    String(rq.overlapping + view.overlapping),
    "",
    "0",
    pass(rq.overlapping + view.overlapping === 0),
  ]);
  return rows;
}
