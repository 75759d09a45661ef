/**
 * The development app behind `pnpm proxy`: the proxy in front of an in-process simulator, on one
 * port, with the simulator's `/__simulator/...` controls beside it. Also what the conformance
 * test points at, so CI checks exactly what a developer curls.
 *
 * Customers (the merchant's "auth" here is a bearer word):
 * - no `Authorization` header → the demo customer (`demo`);
 * - `Authorization: Bearer demo-2` → a second customer (for ownership checks);
 * - any other `Authorization` → not signed in (401).
 * Either customer may pay any source made through `POST /__simulator/sources`.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { SourceRef } from "@dollr-kit/core";
import {
  createSimulator,
  type SimulatorHandler,
  type SimulatorOptions,
} from "@dollr-kit/simulator";
import type { ProxyLogger } from "./logging.ts";
import { toNodeListener } from "./node.ts";
import type { DollrCustomer, DollrProxyOptions } from "./options.ts";
import { createDollrProxy, type DollrProxy } from "./proxy.ts";
import type { DollrFetch } from "./upstream/transport.ts";

/** The demo customers' bearer words. */
export const DEV_CUSTOMERS = Object.freeze({ demo: "demo", second: "demo-2" });

/** The Dollr credentials the simulator accepts by default. */
export const DEV_CREDENTIALS = Object.freeze({
  clientId: "sim_client_id",
  clientSecret: "sim_client_secret",
});

/** A made-up Stripe publishable key for the demo (the simulator never calls Stripe). */
export const DEV_STRIPE_PUBLISHABLE_KEY = "pk_test_dollr_simulator";

/** Options of `startDevApp`. */
export interface DevAppOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  logger?: ProxyLogger;
  simulator?: SimulatorOptions;
  /** Wraps the way the proxy reaches the simulator (tests count the calls). */
  wrapFetch?: (fetch: DollrFetch) => DollrFetch;
  /** More proxy options (payouts, currencies, …). */
  proxy?: Partial<DollrProxyOptions<DollrCustomer>>;
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

const SIMULATOR_PREFIX = "/__simulator";

async function simulatorJson(
  simulator: SimulatorHandler,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const init: RequestInit = {
    method,
    headers: {
      authorization: `Bearer ${simulator.control.issueToken()}`,
      "content-type": "application/json",
    },
  };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await simulator(new Request(`http://simulator.local${path}`, init));
  return { status: response.status, json: await response.json().catch(() => null) };
}

/** Starts the proxy + simulator app. */
export async function startDevApp(options: DevAppOptions = {}): Promise<DevApp> {
  const simulator = createSimulator(options.simulator);
  const parties = new Map<string, number>();

  // The demo parties live in the simulator; `POST /__simulator/reset` forgets them, so they are
  // checked (in process, cheaply) and made again when needed.
  async function partyFor(name: string): Promise<number> {
    const known = parties.get(name);
    if (known !== undefined) {
      const found = await simulatorJson(simulator, "GET", `/v1/parties/retrieve/${known}`);
      if (found.status === 200) return known;
    }
    const created = await simulatorJson(simulator, "POST", "/v1/parties/create", {
      fullname: name === DEV_CUSTOMERS.demo ? "Demo Customer" : "Second Demo Customer",
      phone: "231880000000",
    });
    const id = (created.json as { id?: unknown } | null)?.id;
    if (typeof id !== "number") throw new Error("the simulator did not create the demo party");
    parties.set(name, id);
    return id;
  }

  async function resolveCustomer(request: Request): Promise<DollrCustomer | null> {
    const auth = request.headers.get("authorization");
    const name =
      auth === null
        ? DEV_CUSTOMERS.demo
        : auth === `Bearer ${DEV_CUSTOMERS.second}`
          ? DEV_CUSTOMERS.second
          : null;
    if (name === null) return null;
    return { id: name, partyId: await partyFor(name) };
  }

  function sourceExists(source: SourceRef): boolean {
    return simulator.control
      .ledger()
      .sources.some(
        (s) => s.source_type === source.source_type && s.source_id === source.source_id,
      );
  }

  const toSimulator: DollrFetch = (request) => simulator(request);
  const proxy = createDollrProxy<DollrCustomer>({
    dollr: { baseUrl: "http://simulator.local", ...DEV_CREDENTIALS },
    fetch: options.wrapFetch ? options.wrapFetch(toSimulator) : toSimulator,
    resolveCustomer,
    authorizeSource: (_customer, source) => sourceExists(source),
    stripePublishableKey: DEV_STRIPE_PUBLISHABLE_KEY,
    currencies: ["USD", "LRD", "RWF"],
    ...(options.logger ? { logger: options.logger } : {}),
    ...options.proxy,
  });
  const proxyListener = toNodeListener(proxy);
  const simulatorListener = toNodeListener(simulator);

  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path === SIMULATOR_PREFIX || path.startsWith(`${SIMULATOR_PREFIX}/`)) {
      simulatorListener(req, res);
      return;
    }
    if (path === "/" || path === "") {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(
        JSON.stringify({
          name: "dollr-kit proxy (development)",
          proxy: proxy.prefix,
          simulator: SIMULATOR_PREFIX,
          customers: {
            [DEV_CUSTOMERS.demo]: "no Authorization header",
            [DEV_CUSTOMERS.second]: `Authorization: Bearer ${DEV_CUSTOMERS.second}`,
          },
        }),
      );
      return;
    }
    proxyListener(req, res);
  });
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
    proxyUrl: `${url}${proxy.prefix}`,
    port,
    proxy,
    simulator,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
