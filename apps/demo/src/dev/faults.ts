/** The fault presets the panel offers, and how an active fault rule reads in its list. */

import type { FaultRule } from "../api.ts";

export const FAULTS: { label: string; done: string; rules: FaultRule[] }[] = [
  {
    label: "Lose the next payment's answer",
    done: "The next execute reaches Dollr, but its answer is lost.",
    rules: [
      {
        kind: "lost_response",
        count: 1,
        match: { method: "POST", path: "/v1/executions/collection" },
      },
    ],
  },
  {
    label: "Rate-limit the next checkout (429)",
    done: "Dollr answers 429 to the next checkout session.",
    rules: [
      {
        kind: "rate_limit",
        count: 1,
        retryAfterSeconds: 2,
        match: { method: "POST", path: "/v1/sessions/checkout" },
      },
    ],
  },
  {
    label: "Fail the next 3 status checks (500)",
    done: "Dollr answers 500 to the next 3 status checks.",
    rules: [
      {
        kind: "error_500",
        count: 3,
        match: { method: "GET", pathPrefix: "/v1/status/collection/" },
      },
    ],
  },
  {
    label: "Slow Dollr down (3 s, 5 requests)",
    done: "The next 5 requests to Dollr take 3 seconds longer.",
    rules: [{ kind: "latency", count: 5, latencyMs: 3_000 }],
  },
];

export function describeRule(rule: FaultRule): string {
  const where = rule.match
    ? ` on ${[rule.match.method, rule.match.path ?? rule.match.pathPrefix].filter(Boolean).join(" ")}`
    : "";
  const left = typeof rule.remaining === "number" ? `, ${rule.remaining} left` : "";
  return `${rule.kind}${where}${left}`;
}
