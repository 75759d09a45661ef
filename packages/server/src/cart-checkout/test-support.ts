/**
 * Tests only: a simulator served on 127.0.0.1 on a frozen clock (moved by `advance` only), and
 * cart checkouts against it over real HTTP, with every `checkouts/create` Dollr received kept.
 */
import { createSimulator, type SimulatorHandler } from "@dollr-kit/simulator";
import { silentLogger } from "../logging.ts";
import { serveSimulator } from "../reconciler/test-support.ts";
import { type CheckoutStore, createMemoryCheckoutStore } from "../stores/checkout-store.ts";
import { CLIENT_ID, CLIENT_SECRET, PHONES } from "../test-support.ts";
import type { DollrFetch } from "../upstream/transport.ts";
import {
  type CartCheckout,
  type CartCheckoutOptions,
  createCartCheckout,
} from "./cart-checkout.ts";
import type { CartCheckoutInput } from "./lines.ts";

export const SHOP = "https://shop.example";

export interface CartHarness {
  simulator: SimulatorHandler;
  /** The simulator's URL on 127.0.0.1. */
  dollrUrl: string;
  /** The bodies of every `POST /v1/checkouts/create` that reached the simulator, parsed. */
  creates: Record<string, unknown>[];
  /** The answers to them, parsed. */
  answers: unknown[];
  checkouts: CheckoutStore;
  /** A helper on the harness's simulator and store (options over the defaults). */
  helper(options?: Partial<CartCheckoutOptions>): CartCheckout;
  close(): Promise<void>;
}

/** A tea-shop cart for Alice (3 × 2.50 + 1 × 4.00 = 11.50 USD). */
export function cart(overrides: Partial<CartCheckoutInput> = {}): CartCheckoutInput {
  return {
    orderReference: `order-${crypto.randomUUID()}`,
    customer: { id: "alice", phone: PHONES.succeeds, name: "Alice" },
    mode: "DIRECT",
    lines: [
      { name: "Tea", unitAmount: "2.50", qty: 3, currency: "USD" },
      { name: "Cake", unitAmount: 4, qty: 1, currency: "USD" },
    ],
    ...overrides,
  };
}

export async function startCartHarness(
  options: { checkouts?: CheckoutStore } = {},
): Promise<CartHarness> {
  const frozen = Date.parse("2026-07-01T10:00:00.000Z");
  const simulator = createSimulator({ processingMs: 60_000, clock: { now: () => frozen } });
  const served = await serveSimulator(simulator);
  const creates: Record<string, unknown>[] = [];
  const answers: unknown[] = [];
  const recorded: DollrFetch = async (request) => {
    const creating = new URL(request.url).pathname === "/v1/checkouts/create";
    if (creating) creates.push(JSON.parse(await request.clone().text()));
    const response = await fetch(request);
    if (creating) answers.push(await response.clone().json());
    return response;
  };
  const checkouts = options.checkouts ?? createMemoryCheckoutStore();
  return {
    simulator,
    dollrUrl: served.url,
    creates,
    answers,
    checkouts,
    helper: (overrides = {}) =>
      createCartCheckout({
        dollr: { baseUrl: served.url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
        fetch: recorded,
        checkouts,
        returnOrigins: [SHOP],
        now: () => simulator.control.now(),
        logger: silentLogger,
        ...overrides,
      }),
    close: served.close,
  };
}
