/**
 * The table rows of the realtime part of `pnpm bench` (bench/run.ts), from bench/realtime.ts's
 * result: requests and delays with the hints live, with the socket killed at 1 min, beside
 * polling only; and what the plug-in costs the page up front.
 */
import type { RealtimeCompletion, RealtimeResult } from "./realtime.ts";
import { bytes, pass, type Row, seconds } from "./rows.ts";

const at = (ms: number) => (ms < 60_000 ? seconds(ms) : `${ms / 60_000} min`);

/** Clock delay, or the real time of the hint's path when the clock did not move. */
function shown(c: RealtimeCompletion): string {
  if (c.shownAfterMs === null) return "never";
  if (c.shownAfterMs === 0 && c.wallMs !== null) return `${c.wallMs} ms`;
  return `+${seconds(c.shownAfterMs)}`;
}
/** Total delay in ms (clock + real), or null when never shown. */
const delay = (c: RealtimeCompletion) =>
  c.shownAfterMs === null ? null : c.shownAfterMs + (c.wallMs ?? 0);

export function realtimeRows(result: RealtimeResult): Row[] {
  const { pollingOnly, realtime, killed, size } = result;
  const rows: Row[] = [];
  const area = "Realtime status hints (10 min PROCESSING)";
  const completedAt = realtime.completions.map((c) => at(c.completeAtMs)).join(" / ");
  const list = (completions: RealtimeCompletion[]) => completions.map(shown).join(" / ");
  const joined = realtime.events.find((e) => e.phase === "subscribed");
  const closed = realtime.events.find((e) => e.phase === "fallback");
  rows.push([
    area,
    "status requests in 10 min, hints live (<CheckoutFlow> + supabaseRealtime(): polling slows to a 2-min safety net)",
    `${realtime.requestsIn10Min} (${realtime.keyRequests} realtime key; ${joined === undefined ? "never joined" : `joined at ${seconds(joined.atMs)}`}${closed ? `; ${closed.reason} at ${at(closed.atMs)}` : ""})`,
    `polling only: ${pollingOnly.requestsIn10Min}`,
    "≤ 10",
    pass(realtime.requestsIn10Min <= 10 && realtime.missedEvents === 0),
  ]);
  rows.push([
    area,
    `shown after completing at ${completedAt} (a hint, then one read)`,
    list(realtime.completions),
    `polling only: ${list(pollingOnly.completions)}`,
    "≤ 1 s",
    pass(
      realtime.completions.every(
        (c) => c.hints > 0 && (delay(c) ?? Number.POSITIVE_INFINITY) <= 1_000,
      ),
    ),
  ]);
  const worst = (windows: RealtimeResult["realtime"]["windows"]) =>
    windows.map((w) => seconds(w.worstMs)).join(" / ");
  rows.push([
    area,
    "a hint lost: longest wait to be shown, by the safety poll (0–2 / 2–5 / 5–10 min)",
    worst(realtime.windows),
    `polling only: ${worst(pollingOnly.windows)}`,
    "",
    "",
  ]);
  const killArea = `Realtime, sockets killed at ${at(killed.killAtMs)} (/__simulator/realtime/disconnect)`;
  const fallback = killed.events.find((e) => e.phase === "fallback");
  rows.push([
    killArea,
    "status requests in 10 min: before the kill + from it on",
    `${killed.requestsIn10Min}: ${killed.requestsBeforeKill} + ${killed.requestsFromKill} (${fallback ? `${fallback.reason} at ${at(fallback.atMs)}, read at once` : "no fallback"})`,
    `polling only from ${at(killed.killAtMs)}: ${killed.pollingOnlyFromKill}`,
    "as polling only from then on",
    pass(
      fallback?.atMs === killed.killAtMs &&
        killed.requestsFromKill <= killed.pollingOnlyFromKill + 1 &&
        killed.missedEvents === 0,
    ),
  ]);
  const after = (windows: RealtimeResult["killed"]["windows"]) =>
    windows.filter((w) => w.fromMs >= 2 * 60_000).map((w) => seconds(w.worstMs));
  const killedWaits = [seconds(killed.worstWaitKillTo2Min.killed), ...after(killed.windows)];
  const pollingWaits = [
    seconds(killed.worstWaitKillTo2Min.pollingOnly),
    ...after(pollingOnly.windows),
  ];
  rows.push([
    killArea,
    `longest wait to be shown after the kill (${killed.killAtMs / 60_000}–2 / 2–5 / 5–10 min)`,
    killedWaits.join(" / "),
    `polling only: ${pollingWaits.join(" / ")}`,
    "the same",
    pass(killedWaits.join() === pollingWaits.join()),
  ]);
  const beforeKill = (c: RealtimeCompletion) => c.completeAtMs < killed.killAtMs;
  // After the kill a completion waits for the next poll: at most the polling-only worst there.
  const pollWorst = (c: RealtimeCompletion) =>
    c.completeAtMs <= 2 * 60_000
      ? killed.worstWaitKillTo2Min.pollingOnly
      : Math.max(
          ...pollingOnly.windows.filter((w) => w.fromMs >= 2 * 60_000).map((w) => w.worstMs),
        );
  rows.push([
    killArea,
    `shown after completing at ${completedAt}`,
    list(killed.completions),
    `polling only: ${list(pollingOnly.completions)}`,
    "≤ 1 s before the kill, the polling wait after",
    pass(
      killed.completions.every((c) => {
        const d = delay(c);
        return d !== null && d <= (beforeKill(c) ? 1_000 : pollWorst(c));
      }),
    ),
  ]);
  if (size) {
    const off = size.withoutPlugin;
    const on = size.withPlugin;
    rows.push([
      "Size (min+gzip)",
      "mobile-money page (<CheckoutFlow>, provider, createProxyClient) without the realtime plug-in: up front; realtime modules and the hook's words in it",
      `${bytes(off.gzipBytes)}; ${off.realtimeModules.length + off.hookWords.length === 0 ? "none" : [...off.realtimeModules, ...off.hookWords].join(", ")}`,
      "",
      "no hook code",
      pass(off.realtimeModules.length === 0 && off.hookWords.length === 0),
    ]);
    rows.push([
      "Size (min+gzip)",
      "the same page with supabaseRealtime() imported: up front",
      `${bytes(on.gzipBytes)} (+${bytes(on.gzipBytes - off.gzipBytes)}: ${on.realtimeModules.length} realtime modules)`,
      `supabase-js: ${bytes(size.entry.supabaseLazyGzipBytes)} lazy, when a wait starts`,
      "",
      "",
    ]);
  }
  return rows;
}
