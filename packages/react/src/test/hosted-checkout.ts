/**
 * Test support for the hosted checkout parts: a HOSTED checkout made the way a merchant's
 * server makes one (`createCartCheckout` of @dollr-kit/server, against the harness's simulator),
 * and the customer paying on the simulator's hosted page (a form post, as a browser sends it).
 */
import {
  type CartCheckoutResult,
  createCartCheckout,
  createMemoryCheckoutStore,
} from "@dollr-kit/server";
import { DEV_CREDENTIALS } from "@dollr-kit/server/dev";
import type { KitHarness } from "./kit-harness.tsx";

/** Where the merchant's server reaches the harness's simulator (in process, never over a socket). */
export const HOSTED_DOLLR_URL = "http://127.0.0.1:4010";
export const SHOP_ORIGIN = "https://shop.example";

const quietLogger = { info() {}, warn() {}, error() {} };

/** A HOSTED checkout of one cart: the source made and the `url` of Dollr's page. */
export async function createHostedCheckout(
  harness: KitHarness,
  options: {
    successUrl?: string;
    cancelUrl?: string;
    lines?: { name: string; unitAmount: string; qty: number }[];
  } = {},
): Promise<CartCheckoutResult & { url: string }> {
  const checkout = createCartCheckout({
    dollr: { baseUrl: HOSTED_DOLLR_URL, ...DEV_CREDENTIALS },
    fetch: (request) => harness.simulator(request),
    checkouts: createMemoryCheckoutStore(),
    returnOrigins: [SHOP_ORIGIN],
    now: () => harness.simulator.control.now(),
    logger: quietLogger,
  });
  const result = await checkout.create({
    orderReference: `order-${crypto.randomUUID()}`,
    customer: { id: "demo", phone: "231880000000", name: "Ama Kollie" },
    mode: "HOSTED",
    lines: (options.lines ?? [{ name: "Tea", unitAmount: "2.50", qty: 3 }]).map((line) => ({
      ...line,
      currency: "USD",
    })),
    successUrl: options.successUrl ?? `${SHOP_ORIGIN}/thanks`,
    cancelUrl: options.cancelUrl ?? `${SHOP_ORIGIN}/cart`,
  });
  if (!result.url) throw new Error("The HOSTED checkout came back without a url");
  return { ...result, url: result.url };
}

/**
 * The customer pays on Dollr's (the simulator's) page with a test wallet: the last digit picks
 * the outcome (0 pays after `processingMs`, 2 stays PROCESSING). Answers where the page sends
 * the browser next (the shop's `success_url`).
 */
export async function payOnHostedPage(
  harness: KitHarness,
  url: string,
  phone = "231880000000",
): Promise<{ status: number; location: string | null }> {
  const response = await harness.simulator(
    new Request(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ method: "mobile_money", phone }).toString(),
    }),
  );
  return { status: response.status, location: response.headers.get("location") };
}
