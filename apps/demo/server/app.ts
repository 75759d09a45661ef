/**
 * The demo's server side, shared by the dev server (Vite) and the production server:
 *
 * - `/api/dollr/*` — the kit's proxy (`@dollr-kit/server`), in front of the in-process simulator
 *   or, with `DOLLR_BASE_URL` + credentials, the real Dollr;
 * - `/shop/*` — the shop's own routes: catalog and orders, made on the server;
 * - simulator mode only: `/__simulator/*` (the simulator's controls) and `/__demo/*` (the
 *   developer panel's extras: reset everything, take the proxy offline).
 *
 * Everything else goes to `next()` (Vite, or the static files).
 */
import { createHash, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  createConsoleLogger,
  createDollrProxy,
  type DollrProxy,
  type LogLevel,
  type ProxyLogger,
} from "@dollr-kit/server";
import { createDevBackend, type DevBackend } from "@dollr-kit/server/dev";
import { createNodeTransport, toNodeListener } from "@dollr-kit/server/node";
import { createDollrAdmin } from "./dollr-admin.ts";
import { createOrderBook, createShopRoutes, type OrderMaker } from "./shop.ts";

export const PROXY_PREFIX = "/api/dollr";

/** The environment the demo reads. Secrets stay in here: never logged, never sent to the page. */
export interface DemoEnv {
  DOLLR_BASE_URL?: string | undefined;
  DOLLR_CLIENT_ID?: string | undefined;
  DOLLR_CLIENT_SECRET?: string | undefined;
  /** Dollr's Stripe publishable key (real mode); without it cards are off. */
  DOLLR_STRIPE_PUBLISHABLE_KEY?: string | undefined;
  DOLLR_DEMO_PARTY_ID?: string | undefined;
  DOLLR_DEMO_COUNTERPARTY_ID?: string | undefined;
  /** Comma-separated payer currencies (real mode), default `USD,LRD`. */
  DOLLR_CURRENCIES?: string | undefined;
  /** The proxy's log level: `debug`, `info`, `warn` (default), `error`. */
  LOG_LEVEL?: string | undefined;
}

export type DemoMode = "simulator" | "dollr";

type Next = (error?: unknown) => void;

export interface DemoApp {
  mode: DemoMode;
  /** Connect-style middleware: serves the demo's server paths, `next()` for the rest. */
  middleware: (req: IncomingMessage, res: ServerResponse, next: Next) => void;
  /** Lines to print at start (no secrets). */
  describe(origin: string): string[];
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
}

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

function logLevel(raw: string | undefined): LogLevel {
  return raw === "debug" || raw === "info" || raw === "error" ? raw : "warn";
}

function optionalId(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  if (!/^[1-9]\d{0,15}$/.test(raw)) throw new Error(`${name} must be a positive integer`);
  return Number(raw);
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

export function createDemoApp(env: DemoEnv = process.env): DemoApp {
  const mode = demoMode(env);
  const consoleLogger = createConsoleLogger({ level: logLevel(env.LOG_LEVEL) });
  // Every reset makes a new proxy, which warns again that its stores live in memory: once is enough.
  let warnedMemoryStores = false;
  const logger: ProxyLogger = {
    ...consoleLogger,
    warn(message, fields) {
      if (message === "proxy.memory_stores") {
        if (warnedMemoryStores) return;
        warnedMemoryStores = true;
      }
      consoleLogger.warn(message, fields);
    },
  };
  const orders = createOrderBook();

  let handle: (request: Request) => Promise<Response>;
  let proxyOffline = false;
  let describeMode: () => string[];

  if (mode === "simulator") {
    // After "Skip the wait" the checkout should notice within seconds: status every 2 s, at most
    // every 3 s (Dollr suggests 2–5 s). The cap stays the proxy's default; the real-Dollr mode
    // keeps all of the proxy's defaults.
    const devBackend = () =>
      createDevBackend({
        logger,
        proxy: { polling: { interval_ms: 2_000, max_interval_ms: 3_000, backoff_factor: 1.5 } },
      });
    let backend: DevBackend = devBackend();
    let instance = `sim-${randomUUID()}`;
    // The proxy keeps saved payment accounts and attempts that point into the simulator, so a
    // reset starts a whole new backend (proxy + simulator) and forgets the shop's orders too.
    const resetAll = () => {
      backend = devBackend();
      instance = `sim-${randomUUID()}`;
      orders.clear();
      proxyOffline = false;
    };
    const maker: OrderMaker = {
      async createOrder({ currency, note, items }) {
        const source = backend.simulator.control.createSource({
          source_type: "ORDER",
          currency,
          note,
          fee_bearer: "PAYER",
          items,
        });
        return {
          source_id: source.source_id,
          source_number: source.source_number,
          total_amount: source.total_amount,
          currency: source.currency,
        };
      },
    };
    const shop = createShopRoutes({ orders, maker: () => maker, mode, instance: () => instance });

    const demoControls = async (request: Request, path: string): Promise<Response> => {
      const method = request.method.toUpperCase();
      if (path === "/__demo" && method === "GET") {
        return json({ mode, proxy_offline: proxyOffline });
      }
      if (path === "/__demo/reset" && method === "POST") {
        resetAll();
        return json({ reset: true });
      }
      if (path === "/__demo/proxy" && method === "GET") {
        return json({ offline: proxyOffline });
      }
      if (path === "/__demo/proxy" && method === "POST") {
        const body = (await request.json().catch(() => null)) as { offline?: unknown } | null;
        if (typeof body?.offline !== "boolean")
          return json({ detail: "Send {offline: boolean}" }, 422);
        proxyOffline = body.offline;
        return json({ offline: proxyOffline });
      }
      return json({ detail: "No such route" }, 404);
    };

    handle = async (request) => {
      const path = new URL(request.url).pathname;
      if (isUnder(path, "/shop"))
        return (await shop(request)) ?? json({ detail: "No such route" }, 404);
      if (isUnder(path, "/__demo")) return demoControls(request, path);
      if (path === "/__simulator/reset" && request.method.toUpperCase() === "POST") {
        resetAll();
        return backend(request);
      }
      return backend(request);
    };
    describeMode = () => [
      "  mode: simulator (in-process; no Dollr account needed)",
      "  test data: phone 231880000000 succeeds after the wait, …1 fails, …2 never completes, …3 fails at once",
      "             cards 4242 4242 4242 4242, 4000 0000 0000 3220 (3D Secure), 4000 0000 0000 0002 (declined)",
    ];
  } else {
    const baseUrl = env.DOLLR_BASE_URL as string;
    const admin = createDollrAdmin({
      baseUrl,
      clientId: env.DOLLR_CLIENT_ID as string,
      clientSecret: env.DOLLR_CLIENT_SECRET as string,
      partyId: optionalId("DOLLR_DEMO_PARTY_ID", env.DOLLR_DEMO_PARTY_ID),
      counterpartyId: optionalId("DOLLR_DEMO_COUNTERPARTY_ID", env.DOLLR_DEMO_COUNTERPARTY_ID),
    });
    const proxy: DollrProxy = createDollrProxy({
      dollr: {
        baseUrl,
        clientId: env.DOLLR_CLIENT_ID as string,
        clientSecret: env.DOLLR_CLIENT_SECRET as string,
      },
      prefix: PROXY_PREFIX,
      // Node's own http client with keep-alive: cheaper per call than `fetch`.
      transport: createNodeTransport(),
      // One demo customer. A real shop reads its own session here.
      resolveCustomer: async () => ({ id: "demo", partyId: await admin.partyId() }),
      // The customer may pay the orders this shop made (all of them, in a one-customer demo).
      authorizeSource: (_customer, source) =>
        source.source_type === "ORDER" && orders.has(source.source_id),
      stripePublishableKey: env.DOLLR_STRIPE_PUBLISHABLE_KEY || null,
      currencies: (env.DOLLR_CURRENCIES ?? "USD,LRD")
        .split(",")
        .map((code) => code.trim().toUpperCase())
        .filter(Boolean),
      logger,
    });
    // Dollr's ids are unique for good: attempts kept in the browser stay valid across restarts.
    const dollrInstance = `dollr-${createHash("sha256").update(baseUrl).digest("hex").slice(0, 12)}`;
    const shop = createShopRoutes({
      orders,
      maker: () => admin,
      mode,
      instance: () => dollrInstance,
    });
    handle = async (request) => {
      const path = new URL(request.url).pathname;
      if (isUnder(path, "/shop"))
        return (await shop(request)) ?? json({ detail: "No such route" }, 404);
      if (isUnder(path, PROXY_PREFIX)) return proxy(request);
      return json(
        { detail: "The simulator controls are off: this demo talks to the real Dollr." },
        404,
      );
    };
    let host = "the configured Dollr";
    try {
      host = new URL(baseUrl).host;
    } catch {
      // Not a URL: the proxy will say so on the first request.
    }
    describeMode = () => [
      `  mode: real Dollr (${host}); the simulator and its controls are off`,
      `  cards: ${env.DOLLR_STRIPE_PUBLISHABLE_KEY ? "on (Stripe.js loads on the checkout page)" : "off (no DOLLR_STRIPE_PUBLISHABLE_KEY)"}`,
    ];
  }

  const owns = (path: string) =>
    isUnder(path, PROXY_PREFIX) ||
    isUnder(path, "/shop") ||
    isUnder(path, "/__simulator") ||
    isUnder(path, "/__demo");
  const listener = toNodeListener(handle);

  return {
    mode,
    middleware(req, res, next) {
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      if (!owns(path)) {
        next();
        return;
      }
      if (proxyOffline && isUnder(path, PROXY_PREFIX)) {
        // "The proxy is down": the connection drops without an answer, as with a dead server.
        req.socket.destroy();
        return;
      }
      listener(req, res);
    },
    describe(origin) {
      return [
        `Dollr checkout kit demo on ${origin}`,
        ...describeMode(),
        `  proxy: ${origin}${PROXY_PREFIX}   shop API: ${origin}/shop/`,
        ...(mode === "simulator" ? [`  simulator controls: ${origin}/__simulator`] : []),
      ];
    },
  };
}
