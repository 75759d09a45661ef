/**
 * The table rows of the abuse part of `pnpm bench` (bench/run.ts), from bench/abuse.ts's result:
 * the honest customer's p95 under abuse against the quiet one, and the abusive requests refused.
 */
import type { AbuseResult } from "./abuse.ts";
import { pass, type Row, seconds } from "./rows.ts";

export function abuseRows(abuse: AbuseResult): Row[] {
  const rows: Row[] = [];
  const area = "Abuse: the honest customer (wallet, session, pay, polls)";
  const { quiet, underAbuse, options } = abuse;
  const ms = (n: number) => `${n} ms`;
  rows.push([
    area,
    `p95 under ${options.attackers} abusive clients vs quiet (${underAbuse.requests} requests each, Dollr +${options.dollrLatencyMs} ms)`,
    `${ms(underAbuse.p95)} (p50 ${ms(underAbuse.p50)}; ${abuse.ratio}×)`,
    `quiet ${ms(quiet.p95)} (p50 ${ms(quiet.p50)})`,
    "p95 within 2× of the quiet figure",
    pass(abuse.ratio <= 2 && underAbuse.refused === 0 && quiet.refused === 0),
  ]);
  rows.push([
    area,
    "abusive requests answered 429 (paid lookups and card additions)",
    `${abuse.abuse.limited.toLocaleString("en-US")} of ${abuse.abuse.sent.toLocaleString("en-US")} in ${seconds(abuse.abuse.ms)}`,
    "",
    "limited, the honest customer never",
    pass(abuse.abuse.limited > 0 && underAbuse.refused === 0),
  ]);
  return rows;
}
