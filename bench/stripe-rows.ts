/**
 * The table rows of the Stripe part of `pnpm bench` (bench/run.ts), from bench/stripe.ts's
 * scenarios: what reached js.stripe.com and how often Stripe.js loaded.
 */
import { bytes, pass, type Row } from "./rows.ts";
import type { StripeScenario } from "./stripe.ts";

export function stripeRows(stripe: StripeScenario[]): Row[] {
  const rows: Row[] = [];
  for (const s of stripe) {
    const isCard = s.scenario.startsWith("card");
    rows.push([
      "Stripe.js on the wire",
      s.scenario,
      `${s.stripeRequests} request(s) to js.stripe.com, ${bytes(s.stripeBytes)} received${s.stripeFailed ? ` (${s.stripeFailed} failed: offline)` : ""}; ${s.stripeLoads} Stripe load(s); ${s.finalState}`,
      "",
      isCard ? "1 load" : "0 requests",
      pass(
        s.finalState === "succeeded" &&
          (isCard ? s.stripeLoads === 1 && s.stripeRequests === 0 : s.stripeRequests === 0),
      ),
    ]);
  }
  return rows;
}
