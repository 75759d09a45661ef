/**
 * The table rows of the size part of `pnpm bench` (bench/run.ts), from bench/size.ts's result:
 * each bundle's min+gzip size, against its budget where it has one.
 */
import { bytes, pass, type Row } from "./rows.ts";
import type { SizeResult } from "./size.ts";

export function sizeRows(sizes: SizeResult[]): Row[] {
  const rows: Row[] = [];
  const by = (id: string) => sizes.find((s) => s.id === id) as SizeResult;
  const reference = by("react-stripe-js");
  const budgets: Record<string, number> = { kit: 15_000, "execution-status-component": 5_000 };
  for (const s of sizes) {
    if (s.id === "react-stripe-js") continue;
    const budget = budgets[s.id];
    // A budget holds every chunk (lazy ones too): the whole kit is what a merchant ships.
    const lazy = s.lazyFiles.length > 0;
    rows.push([
      "Size (min+gzip)",
      s.label + (s.note ? ` (${s.note})` : ""),
      lazy
        ? `${bytes(s.allGzipBytes)} (${bytes(s.gzipBytes)} up front + ${bytes(s.allGzipBytes - s.gzipBytes)} lazy)`
        : bytes(s.gzipBytes),
      s.id === "kit" ? `react-stripe-js: ${bytes(reference.gzipBytes)}` : "",
      budget ? `≤ ${bytes(budget)}` : "",
      budget ? pass(s.allGzipBytes <= budget) : "",
    ]);
  }
  return rows;
}
