/**
 * The development app behind `pnpm proxy`: the development backend (the proxy in front of an
 * in-process simulator, with the simulator's controls beside it) on one Node port. Also what the
 * conformance test points at, so CI checks exactly what a developer curls.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { SimulatorHandler } from "@dollr-kit/simulator";
import { createDevBackend, type DevBackendOptions } from "./dev-backend.ts";
import { createLimitedServer, toNodeListener } from "./node.ts";
import type { DollrProxy } from "./proxy.ts";

export {
  DEV_CREDENTIALS,
  DEV_CUSTOMERS,
  DEV_STRIPE_PUBLISHABLE_KEY,
} from "./dev-backend.ts";

/** Options of `startDevApp`. */
export interface DevAppOptions extends DevBackendOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
}

/** A running development app. */
export interface DevApp {
  /** e.g. `http://127.0.0.1:4020`. */
  url: string;
  /** e.g. `http://127.0.0.1:4020/api/dollr`. */
  proxyUrl: string;
  port: number;
  proxy: DollrProxy;
  simulator: SimulatorHandler;
  server: Server;
  close(): Promise<void>;
}

/** Starts the proxy + simulator app. */
export async function startDevApp(options: DevAppOptions = {}): Promise<DevApp> {
  const backend = createDevBackend(options);
  const server = createLimitedServer(toNodeListener(backend));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? "127.0.0.1";
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url,
    proxyUrl: `${url}${backend.proxy.prefix}`,
    port,
    proxy: backend.proxy,
    simulator: backend.simulator,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
