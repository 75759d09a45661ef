/**
 * The options every benchmark proxy shares (bench/proxy-servers.ts, bench/authority-servers.ts):
 * the simulator as Dollr, the benchmark's one customer (its party from the `X-Bench-Party`
 * header), every source allowed, the default logger with its output dropped (the proxy as
 * shipped), and every rate limit on but the poll limit, raised.
 */
import { createConsoleLogger, type DollrProxyOptions } from "../packages/server/src/index.ts";

export type BenchCustomer = { id: string; partyId: number };

export function benchProxyOptions(simulatorUrl: string) {
  return {
    dollr: { baseUrl: simulatorUrl, clientId: "sim_client_id", clientSecret: "sim_client_secret" },
    resolveCustomer: (request: Request): BenchCustomer => ({
      id: "bench",
      partyId: Number(request.headers.get("x-bench-party") ?? 0),
    }),
    authorizeSource: () => true,
    logger: createConsoleLogger({ level: "warn", console: { log() {}, warn() {}, error() {} } }),
    currencies: ["USD"],
    // The latency loops read one payment's status thousands of times as one customer, far past
    // the poll limit (300 a minute), which would answer 429 and measure nothing. The limiter
    // still counts each read.
    rateLimits: { polls: { limit: 1_000_000, windowMs: 60_000 } },
  } satisfies Partial<DollrProxyOptions<BenchCustomer>>;
}
