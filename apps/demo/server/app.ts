/**
 * The demo's server side, shared by the dev server (Vite) and the production server:
 *
 * - `/api/dollr/*` — the kit's proxy (`@dollr-kit/server`), in front of the in-process simulator
 *   or, with `DOLLR_BASE_URL` + credentials, the real Dollr. Its stores and the shop's orders are
 *   in PostgreSQL (PGlite in the data folder, or `DATABASE_URL`); its reconciler follows every
 *   payment on the server, and every order's checkout on Dollr's page, and marks orders paid
 *   (settlement.ts);
 * - `/shop/*` — the shop's own routes: catalog, the shopper's orders, made on the server, and
 *   their checkouts on Dollr's page (hosted-checkout.ts);
 * - simulator mode only: Dollr's hosted pages (`/pay/*`, `/receipt/*`) and its Realtime
 *   (websocket upgrades on `/realtime/v1/websocket`, once `attach`ed to the server), served by
 *   the in-process simulator on this origin; and, when the developer controls are on
 *   (dev-controls.ts), `/__simulator/*` (the simulator's controls) and `/__demo/*` (the developer
 *   panel's extras: reset everything, take the proxy offline), same-origin JSON only.
 *
 * Every browser gets a shopper cookie (shopper.ts). Everything else goes to `next()`.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import {
  createConsoleLogger,
  createDollrProxy,
  type DollrCustomer,
  type DollrProxy,
  type LogLevel,
} from "@dollr-kit/server";
import { toNodeListener } from "@dollr-kit/server/node";
import { createPostgresStores } from "@dollr-kit/server/postgres";
import { createSourceAuthorizer } from "./authorize.ts";
import { asBrowserRequest } from "./browser-faults.ts";
import { type DemoData, openDemoData } from "./data.ts";
import { createDevControls, isDevControlPath, withoutCors } from "./dev-controls.ts";
import type { DemoEnv } from "./env.ts";
import { createHostedCheckouts } from "./hosted-checkout.ts";
import { createOrderBook } from "./orders.ts";
import { createProxySwitches } from "./proxy-switches.ts";
import { realtimeConnectSources } from "./realtime.ts";
import { isUnder, json } from "./responses.ts";
import { contentSecurityPolicy } from "./security-headers.ts";
import { createSettlementHook } from "./settlement.ts";
import { createShopRoutes } from "./shop.ts";
import { ensureShopper, shopperOf } from "./shopper.ts";
import {
  attachSimulatorRealtime,
  isHostedPagePath,
  openSimulatorMode,
  type SimulatorMode,
  type SimulatorRealtime,
} from "./simulator-mode.ts";
import { dollrUpstream, simulatorUpstream, type Upstream } from "./upstream.ts";

export type { DemoEnv } from "./env.ts";

export const PROXY_PREFIX = "/api/dollr";

export interface DemoAppOptions {
  /** Mount the developer controls (simulator mode only). */
  devControls: boolean;
  /** The origin browsers use (public-origin.ts): Dollr's page sends the customer back there. */
  publicOrigin: string;
}

export type DemoMode = "simulator" | "dollr";

type Next = (error?: unknown) => void;

export interface DemoApp {
  mode: DemoMode;
  /** Connect-style middleware: serves the demo's server paths, `next()` for the rest. */
  middleware: (req: IncomingMessage, res: ServerResponse, next: Next) => void;
  /**
   * Takes the server's websocket upgrades on `/realtime/v1/websocket` (simulator mode, realtime
   * on); `refuseOthers` answers 404 to any other upgrade (a server with no other websockets).
   */
  attach(server: Server, options: { refuseOthers: boolean }): void;
  /** The app's Content-Security-Policy (this origin, Stripe, and the realtime websocket). */
  contentSecurityPolicy: string;
  /** Lines to print at start (no secrets). */
  describe(origin: string): string[];
  /** Stops the reconciler, saves the simulator's state and closes the database. */
  close(): Promise<void>;
}

function logLevel(raw: string | undefined): LogLevel {
  return raw === "debug" || raw === "info" || raw === "error" ? raw : "warn";
}

/** Which mode the environment asks for; throws (naming the missing variables) when half set. */
export function demoMode(env: DemoEnv): DemoMode {
  const names = ["DOLLR_BASE_URL", "DOLLR_CLIENT_ID", "DOLLR_CLIENT_SECRET"] as const;
  const set = names.filter((name) => (env[name] ?? "") !== "");
  if (set.length === 0) return "simulator";
  if (set.length === names.length) return "dollr";
  const missing = names.filter((name) => !set.includes(name));
  throw new Error(
    `Real-Dollr mode needs ${names.join(", ")}; missing: ${missing.join(", ")}. Unset them all to use the simulator.`,
  );
}

export async function openDemoApp(env: DemoEnv, options: DemoAppOptions): Promise<DemoApp> {
  const mode = demoMode(env);
  const fresh = env.DEMO_FRESH_START === "1";
  const logger = createConsoleLogger({ level: logLevel(env.LOG_LEVEL) });
  const data = await openDemoData(env);
  try {
    const { publicOrigin } = options;
    const sim = mode === "simulator" ? await openSimulatorMode(data, { fresh }) : null;
    const upstream = sim
      ? simulatorUpstream(sim, env, publicOrigin)
      : await dollrUpstream(env, data, { fresh, publicOrigin });
    return assemble({
      mode,
      data,
      sim,
      upstream,
      logger,
      devControls: options.devControls,
      trustProxy: env.DEMO_TRUST_PROXY === "1",
      publicOrigin,
    });
  } catch (error) {
    await data.close();
    throw error;
  }
}

function assemble(parts: {
  mode: DemoMode;
  data: DemoData;
  sim: SimulatorMode | null;
  upstream: Upstream;
  logger: ReturnType<typeof createConsoleLogger>;
  devControls: boolean;
  trustProxy: boolean;
  publicOrigin: string;
}): DemoApp {
  const { mode, data, sim, upstream, logger } = parts;
  const devControlsOn = sim !== null && parts.devControls;
  const orders = createOrderBook(data.client);
  const { attempts, accounts, limits, checkouts } = createPostgresStores(data.client);
  const settlement = createSettlementHook(orders);
  const hosted = createHostedCheckouts({
    dollr: upstream.cartCheckout,
    checkouts,
    attempts,
    publicOrigin: parts.publicOrigin,
    sourceStatus: upstream.sourceStatus,
    cancelSource: upstream.cancelSource,
  });
  // Attached to the server by `attach` (simulator mode, realtime on).
  let realtime: SimulatorRealtime | null = null;
  const switches = createProxySwitches(PROXY_PREFIX);

  const proxy: DollrProxy = createDollrProxy<DollrCustomer>({
    ...upstream.proxy,
    prefix: PROXY_PREFIX,
    accounts,
    attempts,
    limits,
    // The orders' checkouts on Dollr's page: the reconciler follows their sources too.
    checkouts,
    // Every shopper of the simulator pays the same few test numbers: the per-number prompt limit
    // (10 an hour) would refuse the demo's own visitors. Against the real Dollr it stays on.
    ...(sim ? { rateLimits: { promptsPerPhone: null } } : {}),
    // The shopper from the cookie. A real shop reads its own session here.
    resolveCustomer: async (request) => {
      const shopperId = shopperOf(request);
      return shopperId === null ? null : { id: shopperId, partyId: await upstream.partyId() };
    },
    // A shopper may pay (and follow) their own orders, unless a newer order replaced one, and
    // follow their orders' sources on Dollr's page (authorize.ts).
    authorizeSource: createSourceAuthorizer({
      orders,
      hosted,
      sessionPath: `${PROXY_PREFIX}/v1/sessions/checkout`,
    }),
    logger,
    // Follows every payment on the server, with or without a browser, and books it (started
    // with the proxy; `proxy.close()` stops it).
    reconciler: {
      ...upstream.reconciler,
      onSettled: settlement.onSettled,
      ...(settlement.onUnresolved ? { onUnresolved: settlement.onUnresolved } : {}),
    },
  });

  const shop = createShopRoutes({
    orders,
    attempts,
    hosted,
    maker: upstream.maker,
    mode,
    devControls: devControlsOn,
    instance: upstream.instance,
  });

  // The proxy keeps saved payment accounts and attempts that point into the simulator, so a reset
  // empties them with the shop's orders and the simulator.
  async function resetAll(): Promise<void> {
    await sim?.reset();
    switches.reset();
    // Realtime takes sockets again if the controls had refused them.
    realtime?.accept();
  }

  const devControls = createDevControls({
    mode,
    sim,
    enabled: devControlsOn,
    switches,
    resetAll,
    realtime: () => realtime,
  });

  const handle = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    if (isUnder(path, "/shop"))
      return (await shop(request)) ?? json({ detail: "No such route" }, 404);
    if (isUnder(path, PROXY_PREFIX)) return asBrowserRequest(() => proxy(request));
    // Dollr's pay page and receipts, as the simulator serves them (no CORS: nobody else reads them).
    if (sim && isHostedPagePath(path)) return withoutCors(await sim.world.simulator(request));
    return devControls(request, path);
  };

  const owns = (path: string) =>
    isUnder(path, PROXY_PREFIX) ||
    isUnder(path, "/shop") ||
    isDevControlPath(path) ||
    (sim !== null && isHostedPagePath(path));
  // Behind a TLS-terminating proxy that says so, the request URL (the origin the same-origin
  // checks compare with) is its `https://…` one.
  const listener = toNodeListener(handle, parts.trustProxy ? { trustProxy: true } : {});

  return {
    mode,
    middleware(req, res, next) {
      // Every browser is a shopper from its first request (the page itself, usually).
      ensureShopper(req, res);
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      if (!owns(path)) {
        next();
        return;
      }
      // Simulator mode's switches: the proxy "down", or the page's status checks held.
      if (devControlsOn && switches.intercept(req, path, () => listener(req, res))) return;
      listener(req, res);
    },
    attach(server, { refuseOthers }) {
      if (sim && upstream.realtime) realtime = attachSimulatorRealtime(server, sim);
      if (refuseOthers) {
        server.on("upgrade", (req, socket) => {
          const path = (req.url ?? "/").split("?")[0];
          if (path !== realtime?.path)
            socket.end("HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n");
        });
      }
    },
    contentSecurityPolicy: contentSecurityPolicy(realtimeConnectSources(upstream.realtime)),
    describe(origin) {
      return [
        `Dollr checkout kit demo on ${origin}`,
        ...upstream.describe(),
        `  data: ${data.describe}`,
        `  proxy: ${origin}${PROXY_PREFIX}   shop API: ${origin}/shop/`,
        ...(devControlsOn
          ? [`  developer controls: ${origin}/__simulator, ${origin}/__demo`]
          : mode === "simulator"
            ? ["  developer controls: off (DEMO_DEV_CONTROLS=1 turns them on)"]
            : []),
      ];
    },
    async close() {
      realtime?.close();
      await proxy.close();
      sim?.world.close();
      await data.close();
    },
  };
}
