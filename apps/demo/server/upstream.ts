/**
 * What differs between the demo's two modes: how the proxy reaches Dollr (the in-process
 * simulator, or Dollr over HTTP), the shoppers' Dollr party, how orders are made, and which world
 * the ids belong to.
 */
import { createHash } from "node:crypto";
import type { DollrProxyOptions, ReconcilerHooks } from "@dollr-kit/server";
import { createNodeTransport } from "@dollr-kit/server/node";
import type { DemoEnv } from "./app.ts";
import type { DemoData } from "./data.ts";
import { createDollrAdmin } from "./dollr-admin.ts";
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
    "dollr" | "fetch" | "transport" | "stripePublishableKey" | "currencies" | "polling"
  >;
  /** The reconciler's pace (default: the kit's, polite to Dollr). */
  reconciler?: Pick<ReconcilerHooks, "schedule" | "pollEveryMs">;
  partyId(): Promise<number>;
  maker: OrderMaker;
  instance(): string;
  describe(): string[];
}

export async function dollrUpstream(
  env: DemoEnv,
  data: DemoData,
  fresh: boolean,
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
  await enterWorld(data, instance, { fresh });
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
    },
    partyId: () => admin.partyId(),
    maker: admin,
    instance: () => instance,
    describe: () => [
      `  mode: real Dollr (${host}); the simulator and its controls are off`,
      `  cards: ${env.DOLLR_STRIPE_PUBLISHABLE_KEY ? "on (Stripe.js loads on the checkout page)" : "off (no DOLLR_STRIPE_PUBLISHABLE_KEY)"}`,
    ],
  };
}

export function simulatorUpstream(sim: SimulatorMode): Upstream {
  return {
    proxy: {
      dollr: sim.dollr,
      fetch: sim.fetch,
      stripePublishableKey: sim.stripePublishableKey,
      currencies: ["USD", "LRD", "RWF"],
      // After "Skip the wait" the checkout should notice within seconds: status every 2 s, at
      // most every 3 s (Dollr suggests 2–5 s). The real-Dollr mode keeps the proxy's defaults.
      polling: { interval_ms: 2_000, max_interval_ms: 3_000, backoff_factor: 1.5 },
    },
    // The developer panel's "Skip the wait" should show on an order with no page open within
    // seconds: read each attempt 2 s, 3 s, then every 5 s, and look for work every second.
    reconciler: { schedule: [2_000, 3_000, 5_000], pollEveryMs: 1_000 },
    partyId: sim.partyId,
    maker: sim.maker,
    instance: sim.world.instance,
    describe: () => [
      "  mode: simulator (in-process; no Dollr account needed)",
      "  test data: phone 231880000000 succeeds after the wait, …1 fails, …2 never completes, …3 fails at once",
      "             cards 4242 4242 4242 4242, 4000 0000 0000 3220 (3D Secure), 4000 0000 0000 0002 (declined)",
    ],
  };
}
