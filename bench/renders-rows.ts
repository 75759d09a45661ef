/**
 * The table rows of the renders part of `pnpm bench` (bench/run.ts), from bench/renders.ts's
 * runs: `<ExecutionStatus>` commits per unchanged poll, and overlapping status requests.
 */
import type { RenderResult } from "./renders.ts";
import { pass, type Row } from "./rows.ts";

export function renderRows(runs: RenderResult[]): Row[] {
  const rows: Row[] = [];
  for (const run of runs) {
    rows.push([
      "Renders",
      `<ExecutionStatus> commits per unchanged poll (answers ${run.latencyMs} ms${run.strict ? ", StrictMode" : ""})`,
      `${Math.round(run.commitsPerUnchangedPoll * 100) / 100} (${run.commits} in ${run.unchangedPolls} polls)`,
      "",
      "0",
      pass(run.commitsPerUnchangedPoll === 0),
    ]);
  }
  for (const run of runs) {
    rows.push([
      "Overlap",
      `React (react-query): overlapping status requests (answers ${run.latencyMs} ms, polls every ${run.delayMs} ms${run.strict ? ", StrictMode" : ""})`,
      String(run.overlapping),
      "",
      "0",
      pass(run.overlapping === 0),
    ]);
  }
  return rows;
}
