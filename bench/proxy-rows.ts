/**
 * The table rows of the proxy-overhead part of `pnpm bench` (bench/run.ts), from bench/proxy.ts's
 * result: the paced loop's p50 and p99 through the proxy and straight to the simulator, and
 * autocannon's.
 */
import type { ProxyResult } from "./proxy.ts";
import { pass, type Row } from "./rows.ts";

export function proxyRows(proxy: ProxyResult): Row[] {
  const rows: Row[] = [];
  const { direct, proxy: through } = proxy.precise;
  // A refused or failed request is not a latency: any of them voids the figures below.
  const ac = proxy.autocannon;
  const unanswered =
    direct.errors +
    through.errors +
    [ac.direct, ac.proxy].reduce((sum, s) => sum + s.errors + s.non2xx, 0);
  rows.push([
    "Proxy overhead (1,000 req/s, loopback)",
    "GET /v1/status/collection/{id}, p50 / p99 (paced loop, performance.now())",
    `proxy ${through.p50Ms} / ${through.p99Ms} ms`,
    `direct ${direct.p50Ms} / ${direct.p99Ms} ms`,
    "every request answered 200",
    unanswered === 0 ? pass(true) : `${pass(false)} ${unanswered} not answered`,
  ]);
  // Two goals, two rows: p50 is steady run to run; p99 moves with the shared machine's pauses.
  rows.push([
    "Proxy overhead (1,000 req/s, loopback)",
    "added at p50",
    `+${proxy.addedP50Ms} ms`,
    "",
    "≤ +0.5 ms",
    pass(proxy.addedP50Ms <= 0.5),
  ]);
  rows.push([
    "Proxy overhead (1,000 req/s, loopback)",
    "p99 ratio (proxy / direct)",
    `×${proxy.p99Ratio}`,
    "",
    "≤ ×1.5",
    pass(proxy.p99Ratio <= 1.5),
  ]);
  rows.push([
    "Proxy overhead (1,000 req/s, loopback)",
    "autocannon p50 / p99 (whole ms), req/s achieved",
    `proxy ${ac.proxy.p50Ms} / ${ac.proxy.p99Ms} ms, ${ac.proxy.rps}/s`,
    `direct ${ac.direct.p50Ms} / ${ac.direct.p99Ms} ms, ${ac.direct.rps}/s`,
    "",
    "",
  ]);
  return rows;
}
