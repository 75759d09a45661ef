/**
 * The development backend: the proxy in front of an in-process simulator, as one fetch handler,
 * with the simulator's `/__simulator/...` controls beside it. It uses only web APIs, so the same
 * backend serves `pnpm proxy` and the demo (through Node) and the stories (inside MSW, in the
 * browser).
 *
 * Customers (the merchant's "auth" here is a bearer word):
 * - no `Authorization` header → the demo customer (`demo`);
 * - `Authorization: Bearer demo-2` → a second customer (for ownership checks);
 * - any other `Authorization` → not signed in (401).
 * Either customer may pay any source made through `POST /__simulator/sources`.
 */
import type { SourceRef } from "@dollr-kit/core/internal";
import {
  createSimulator,
  type SimulatorHandler,
  type SimulatorOptions,
} from "@dollr-kit/simulator";
import type { ProxyLogger } from "./logging.ts";
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

/** Where the simulator's controls are served. */
export const SIMULATOR_PREFIX = "/__simulator";

/** Options of `createDevBackend`. */
export interface DevBackendOptions {
  logger?: ProxyLogger;
  simulator?: SimulatorOptions;
  /** Wraps the way the proxy reaches the simulator (tests count the calls). */
  wrapFetch?: (fetch: DollrFetch) => DollrFetch;
  /** More proxy options (prefix, payouts, currencies, …). */
  proxy?: Partial<DollrProxyOptions<DollrCustomer>>;
}

/** The proxy + simulator as one fetch handler. */
export type DevBackend = ((request: Request) => Promise<Response>) & {
  readonly proxy: DollrProxy;
  readonly simulator: SimulatorHandler;
};

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

function isSimulatorPath(path: string): boolean {
  return path === SIMULATOR_PREFIX || path.startsWith(`${SIMULATOR_PREFIX}/`);
}

/** Creates the proxy + simulator backend. */
export function createDevBackend(options: DevBackendOptions = {}): DevBackend {
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
    // A development backend in front of the simulator: memory stores are its default even in a
    // production build (the stories' MSW, the demo's offline preview); pass stores to keep data.
    allowMemoryStores: true,
    // Every payment in front of the simulator prompts one of its few test numbers: no per-phone
    // limit here (the other limits stay on, as in production).
    rateLimits: { promptsPerPhone: null },
    ...(options.logger ? { logger: options.logger } : {}),
    ...options.proxy,
  });

  const backend = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    if (isSimulatorPath(path)) return simulator(request);
    if (path === "/" || path === "") {
      return Response.json({
        name: "dollr-kit proxy (development)",
        proxy: proxy.prefix,
        simulator: SIMULATOR_PREFIX,
        customers: {
          [DEV_CUSTOMERS.demo]: "no Authorization header",
          [DEV_CUSTOMERS.second]: `Authorization: Bearer ${DEV_CUSTOMERS.second}`,
        },
      });
    }
    return proxy(request);
  };
  return Object.assign(backend, { proxy, simulator });
}
