/**
 * `pnpm proxy`: the proxy in front of an in-process simulator on 127.0.0.1:4020 (`PORT` changes
 * it; `HOST` too), prefix `/api/dollr`, with the simulator's `/__simulator/...` on the same port.
 */

import { DEV_CUSTOMERS, startDevApp } from "./dev-app.ts";
import { createConsoleLogger } from "./logging.ts";

const port = Number(process.env.PORT ?? 4020);
const host = process.env.HOST ?? "127.0.0.1";

const app = await startDevApp({
  port,
  host,
  logger: createConsoleLogger({ level: process.env.LOG_LEVEL === "debug" ? "debug" : "info" }),
});

console.log(`dollr-kit proxy on ${app.proxyUrl}  (simulator controls on ${app.url}/__simulator)`);
console.log(
  `  customers: "${DEV_CUSTOMERS.demo}" (no Authorization header), "${DEV_CUSTOMERS.second}" (Authorization: Bearer ${DEV_CUSTOMERS.second})`,
);
console.log(
  `  try: curl -s -X POST ${app.url}/__simulator/sources -H 'content-type: application/json' -d '{"currency":"USD","items":[{"name":"Tea","amount":"12.50"}]}'`,
);

const stop = () => {
  void app.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
