/**
 * The servers of the proxy benchmark, each in its own process (started by bench/proxy.ts):
 *
 *   tsx bench/proxy-servers.ts simulator             the simulator on 127.0.0.1 (a free port)
 *   tsx bench/proxy-servers.ts proxy <simulatorUrl>  @dollr-kit/server's proxy in front of it
 *
 * The proxy runs as a Node merchant deploys it: `toNodeListener` in, `createNodeTransport` out
 * (BENCH_PROXY_TRANSPORT=fetch: Node's `fetch` out, the default of other runtimes).
 *
 * Each prints one JSON line `{ "url": … }` when listening, and stops on SIGTERM or when its
 * parent's stdin closes.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createDollrProxy } from "../packages/server/src/index.ts";
import { createNodeTransport, toNodeListener } from "../packages/server/src/node.ts";
import { startSimulatorServer } from "../packages/simulator/src/node.ts";
import { benchProxyOptions } from "./bench-proxy-options.ts";

const [role, simulatorUrl] = process.argv.slice(2);
let close: () => Promise<void>;

if (role === "simulator") {
  // Mobile money stays PROCESSING for the whole run: every status read is the same answer.
  const sim = await startSimulatorServer({ port: 0, host: "127.0.0.1", processingMs: 3_600_000 });
  close = () => sim.close();
  console.log(JSON.stringify({ url: sim.url }));
} else if (role === "proxy" && simulatorUrl) {
  const proxy = createDollrProxy({
    ...benchProxyOptions(simulatorUrl),
    ...(process.env.BENCH_PROXY_TRANSPORT === "fetch" ? {} : { transport: createNodeTransport() }),
    // BENCH_PROXY_LOGGER=warn-only: a logger without a debug method (debug lines are not redacted).
    ...(process.env.BENCH_PROXY_LOGGER === "warn-only"
      ? { logger: { info() {}, warn() {}, error() {} } }
      : {}),
  });
  const server = createServer(toNodeListener(proxy));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}${proxy.prefix}` }));
} else {
  console.error("usage: proxy-servers.ts simulator | proxy <simulatorUrl>");
  process.exit(2);
}

const stop = () => {
  void close().then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.stdin.on("end", stop);
process.stdin.resume();
