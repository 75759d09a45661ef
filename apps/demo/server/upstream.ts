/**
 * What differs between the demo's two modes: how the proxy reaches Dollr (the in-process
 * simulator, or Dollr over HTTP), the shoppers' Dollr party, how orders are made, and which world
 * the ids belong to.
 */
import { createHash } from "node:crypto";
import type { CartCheckoutOptions, DollrProxyOptions, ReconcilerHooks } from "@dollr-kit/server";
import { createNodeTransport } from "@dollr-kit/server/node";
import { outsideBrowserRequest } from "./browser-faults.ts";
import type { DemoData } from "./data.ts";
import { createDollrAdmin, type DollrAdmin } from "./dollr-admin.ts";
import type { DemoEnv } from "./env.ts";
import { type RealtimeSettings, realtimeSettings } from "./realtime.ts";
import type { OrderMaker } from "./shop.ts";
import type { SimulatorMode } from "./simulator-mode.ts";
import { enterWorld } from "./world.ts";

function optionalId(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  if (!/^[1-9]\d{0,15}$/.test(raw)) throw new Error(`${name} must be a positive integer`);
  return Number(raw);
}

/** What differs between the two modes. */
export interface Upstream {
  proxy: Pick<
    DollrProxyOptions,
    "dollr" | "fetch" | "transport" | "stripePublishableKey" | "currencies" | "polling" | "realtime"
  >;
  /** The reconciler's pace (default: the kit's, polite to Dollr). */
  reconciler?: Pick<ReconcilerHooks, "schedule" | "pollEveryMs">;
  /** How the shop's server makes checkouts on Dollr's page (`createCartCheckout`). */
  cartCheckout: Pick<CartCheckoutOptions, "dollr" | "fetch" | "transport">;
  /** Realtime status hints for the page (the proxy's `realtime`), or null. */
  realtime: RealtimeSettings | null;
  partyId(): Promise<number>;
  /** Dollr's status word of a source now (the shop's own read, for its payment rules). */
  sourceStatus: DollrAdmin["sourceStatus"];
  /** Cancels an unpaid source at Dollr (a replaced order's page on Dollr's side). */
  cancelSource: DollrAdmin["cancelSource"];
  maker: OrderMaker;
  instance(): string;
  describe(): string[];
}

export async function dollrUpstream(
  env: DemoEnv,
  data: DemoData,
  options: { fresh: boolean; publicOrigin: string },
): Promise<Upstream> {
  const baseUrl = env.DOLLR_BASE_URL as string;
  const dollr = {
    baseUrl,
    clientId: env.DOLLR_CLIENT_ID as string,
    clientSecret: env.DOLLR_CLIENT_SECRET as string,
  };
  const admin = createDollrAdmin({
    ...dollr,
    partyId: optionalId("DOLLR_DEMO_PARTY_ID", env.DOLLR_DEMO_PARTY_ID),
    counterpartyId: optionalId("DOLLR_DEMO_COUNTERPARTY_ID", env.DOLLR_DEMO_COUNTERPARTY_ID),
  });
  // Dollr's ids are unique for good: orders and attempts stay valid across restarts.
  const instance = `dollr-${createHash("sha256").update(baseUrl).digest("hex").slice(0, 12)}`;
  const realtime = realtimeSettings("dollr", env, options.publicOrigin);
  await enterWorld(data, instance, { fresh: options.fresh });
  let host = "the configured Dollr";
  try {
    host = new URL(baseUrl).host;
  } catch {
    // Not a URL: the proxy will say so on the first request.
  }
  return {
    proxy: {
      dollr,
      // Node's own http client with keep-alive: cheaper per call than `fetch`.
      transport: createNodeTransport(),
      stripePublishableKey: env.DOLLR_STRIPE_PUBLISHABLE_KEY || null,
      currencies: (env.DOLLR_CURRENCIES ?? "USD,LRD")
        .split(",")
        .map((code) => code.trim().toUpperCase())
        .filter(Boolean),
      realtime,
    },
    cartCheckout: { dollr, transport: createNodeTransport() },
    realtime,
    partyId: () => admin.partyId(),
    sourceStatus: (source) => admin.sourceStatus(source),
    cancelSource: (source) => admin.cancelSource(source),
    maker: admin,
    instance: () => instance,
    describe: () => [
      `  mode: real Dollr (${host}); the simulator and its controls are off`,
      `  cards: ${env.DOLLR_STRIPE_PUBLISHABLE_KEY ? "on (Stripe.js loads on the checkout page)" : "off (no DOLLR_STRIPE_PUBLISHABLE_KEY)"}`,
      `  realtime: ${realtime ? "on (Dollr's Supabase project)" : "off (no DOLLR_SUPABASE_URL)"}`,
    ],
  };
}

export function simulatorUpstream(
  sim: SimulatorMode,
  env: DemoEnv,
  publicOrigin: string,
): Upstream {
  // The simulator answers in process whatever the host, and builds its hosted page's and its
  // receipts' URLs from the origin it is asked on: the demo's public origin, where the demo
  // server serves them (`/pay/*`, `/receipt/*`) to the browser.
  const dollr = { ...sim.dollr, baseUrl: publicOrigin };
  // The shop's own requests (not the browser's): the panel's faults are not aimed at them.
  const serverFetch = (request: Request) => outsideBrowserRequest(() => sim.fetch(request));
  const admin = createDollrAdmin({
    ...dollr,
    fetch: (input, init) => serverFetch(new Request(input, init)),
  });
  const realtime = realtimeSettings("simulator", env, publicOrigin);
  return {
    proxy: {
      dollr,
      fetch: sim.fetch,
      stripePublishableKey: sim.stripePublishableKey,
      currencies: ["USD", "LRD", "RWF"],
      // After "Skip the wait" the checkout should notice within seconds: status every 2 s, at
      // most every 3 s (Dollr suggests 2–5 s). The real-Dollr mode keeps the proxy's defaults.
      polling: { interval_ms: 2_000, max_interval_ms: 3_000, backoff_factor: 1.5 },
      realtime,
    },
    cartCheckout: { dollr, fetch: serverFetch },
    realtime,
    // The developer panel's "Skip the wait" should show on an order with no page open within
    // seconds: read each attempt 2 s, 3 s, then every 5 s, and look for work every second.
    reconciler: { schedule: [2_000, 3_000, 5_000], pollEveryMs: 1_000 },
    partyId: sim.partyId,
    sourceStatus: (source) => admin.sourceStatus(source),
    cancelSource: (source) => admin.cancelSource(source),
    maker: sim.maker,
    instance: sim.world.instance,
    describe: () => [
      "  mode: simulator (in-process; no Dollr account needed)",
      "  test data: phone 231880000000 succeeds after the wait, …1 fails, …2 never completes, …3 fails at once",
      "             cards 4242 4242 4242 4242, 4000 0000 0000 3220 (3D Secure), 4000 0000 0000 0002 (declined)",
      `  Dollr's page (hosted checkout) and receipts: ${publicOrigin}/pay/…, ${publicOrigin}/receipt/…`,
      `  realtime: ${realtime ? `on (${publicOrigin}/realtime/v1/websocket)` : "off (DEMO_REALTIME=0)"}`,
    ],
  };
}
