/**
 * The table rows of the consumers part of `pnpm bench` (bench/run.ts), from bench/consumers.ts's
 * result: the JS each fresh app's checkout page ships, beside the same app with React alone.
 */
import type { ConsumerResult } from "./consumers.ts";
import { bytes, type Row } from "./rows.ts";

export function consumerRows(consumers: ConsumerResult[]): Row[] {
  const rows: Row[] = [];
  const weight = (w: ConsumerResult["checkout"]) =>
    `${bytes(w.gzipBytes)} (${w.scripts} scripts, ${bytes(w.bytes)} before gzip)`;
  for (const c of consumers) {
    const area = "JS a fresh app ships (production build, gzip)";
    rows.push([
      area,
      `${c.label}: mobile-money checkout page`,
      weight(c.checkout),
      `React alone: ${weight(c.reactAlone)}`,
      "",
      "",
    ]);
    rows.push([
      area,
      `${c.label}: the kit's share (checkout − React alone)`,
      `+${bytes(c.checkout.gzipBytes - c.reactAlone.gzipBytes)}`,
      "",
      "",
      "",
    ]);
  }
  return rows;
}
