/**
 * "Pay on Dollr's page": the order's checkout on Dollr's hosted page, made by the shop's server
 * with `createCartCheckout` from the order's own lines (never an amount from the browser), once
 * per order (its order reference), and followed by the reconciler (`checkouts`) until its source
 * is PAID or CANCELED. Dollr's page sends the customer back to `/orders/{id}/return`, or to the
 * checkout with `?canceled=1`.
 *
 * One payment per order, between the two ways to pay:
 * - no hosted checkout is opened while a payment in the page's checkout holds the order (an
 *   attempt in progress, or one that succeeded), nor for an order paid or replaced;
 * - no checkout session is opened in the page while the order's source on Dollr's page is
 *   PROCESSING or PAID (`holdsOrder`, read from Dollr at that moment; see authorize.ts).
 * A replaced order's page on Dollr's side is cancelled at Dollr (`close`), so it takes no payment.
 * What the rules cannot stop: a customer with Dollr's page open in one tab who starts paying in
 * the other tab, then pays on Dollr's page too. `onSettled` books both and logs "paid again".
 */
import { isDollrKitError, normaliseSourceStatus } from "@dollr-kit/core";
import {
  type AttemptStore,
  type CartCheckoutOptions,
  type CheckoutRecord,
  type CheckoutStore,
  createCartCheckout,
} from "@dollr-kit/server";
import type { DollrAdmin, SourceKey } from "./dollr-admin.ts";
import { orderState } from "./order-view.ts";
import { hostedReferenceOf, type OrderRecord } from "./orders.ts";

/**
 * The customer Dollr's page is made for. The demo has no customer details; a real shop passes
 * its signed-in customer's phone and name (the shopper still types the number that pays).
 */
const DEMO_CUSTOMER = { phone: "231880000000", name: "Kola Market shopper" };

/** What the browser gets: Dollr's page for the order, and the source that page pays. */
export interface HostedCheckoutAnswer {
  url: string;
  source: { type: "ORDER" | "INVOICE"; id: number; number: string };
  total: string;
  currency: string;
}

export type HostedOpen =
  | { ok: true; checkout: HostedCheckoutAnswer }
  | { ok: false; status: 409 | 502; detail: string };

export interface HostedCheckouts {
  /** Makes (or answers again) the order's checkout on Dollr's page, unless a rule refuses. */
  open(order: OrderRecord): Promise<HostedOpen>;
  /** The order's hosted checkout as recorded (the reconciler's last read), or null. */
  recordOf(orderId: number): Promise<CheckoutRecord | null>;
  /** Whether the order's payment on Dollr's page is under way or done, as Dollr says now. */
  holdsOrder(orderId: number): Promise<boolean>;
  /** The shopper a hosted source was made for, or null when it is not one. */
  ownerOf(source: SourceKey): Promise<string | null>;
  /** Cancels the order's unpaid source on Dollr's page at Dollr (the order was replaced). */
  close(orderId: number): Promise<void>;
}

export interface HostedCheckoutOptions {
  /** How to reach Dollr (the mode's). */
  dollr: Pick<CartCheckoutOptions, "dollr" | "fetch" | "transport">;
  checkouts: CheckoutStore;
  attempts: AttemptStore;
  /** Where Dollr's page sends the customer back (the demo's public origin). */
  publicOrigin: string;
  /** Dollr's status word of a source now. */
  sourceStatus: DollrAdmin["sourceStatus"];
  /** Cancels an unpaid source at Dollr. */
  cancelSource: DollrAdmin["cancelSource"];
}

export function createHostedCheckouts(options: HostedCheckoutOptions): HostedCheckouts {
  const { checkouts, attempts, publicOrigin } = options;
  const cart = createCartCheckout({
    ...options.dollr,
    checkouts,
    returnOrigins: [publicOrigin],
  });

  async function refusal(order: OrderRecord): Promise<string | null> {
    if (order.replacedBy !== null) return "This order was replaced by a newer one.";
    if (order.paidAt !== null) return "This order is paid.";
    const recorded = await attempts.listAttempts({
      source: { source_type: "ORDER", source_id: order.id },
    });
    const { status } = orderState(order, recorded);
    if (status === "processing") {
      return "A payment for this order is in progress in the checkout: wait for its result.";
    }
    return null;
  }

  return {
    async open(order) {
      const refused = await refusal(order);
      if (refused !== null) return { ok: false, status: 409, detail: refused };
      try {
        const made = await cart.create({
          orderReference: hostedReferenceOf(order.id),
          customer: { id: order.shopperId, ...DEMO_CUSTOMER },
          lines: order.lines.map((line) => ({
            name: line.name,
            unitAmount: line.unit_price,
            qty: line.qty,
            currency: order.currency,
          })),
          mode: "HOSTED",
          successUrl: `${publicOrigin}/orders/${order.id}/return`,
          cancelUrl: `${publicOrigin}/checkout/${order.id}?canceled=1`,
          note: `Kola Market order ${order.number}`,
        });
        if (!made.url) throw new Error("no page URL");
        return {
          ok: true,
          checkout: {
            url: made.url,
            source: made.source,
            total: made.total,
            currency: made.currency,
          },
        };
      } catch (error) {
        // The code only: Dollr's answer may quote what was sent.
        const code = isDollrKitError(error) ? error.code : "UNKNOWN";
        console.warn(`[shop] no checkout on Dollr's page for order ${order.id} (${code})`);
        return code === "CONFLICT"
          ? { ok: false, status: 409, detail: "Dollr's page is still being prepared: try again." }
          : { ok: false, status: 502, detail: "We couldn't open Dollr's page. Please try again." };
      }
    },
    recordOf: (orderId) => checkouts.getCheckout(hostedReferenceOf(orderId)),
    async holdsOrder(orderId) {
      const record = await checkouts.getCheckout(hostedReferenceOf(orderId));
      if (!record?.source || record.state === "creating" || record.state === "canceled") {
        return false;
      }
      if (record.state === "paid") return true;
      let word = record.status;
      try {
        word = await options.sourceStatus(record.source);
      } catch {
        // Dollr cannot be read now: the reconciler's last word.
      }
      if (word === null) return false;
      // A word the kit does not know is taken as "in progress", as the kit does.
      const state = normaliseSourceStatus(word).state;
      return state === "processing" || state === "paid" || state === "unknown";
    },
    ownerOf: (source) => cart.ownerOf(source),
    async close(orderId) {
      const record = await checkouts.getCheckout(hostedReferenceOf(orderId));
      if (!record?.source || record.state !== "open") return;
      try {
        await options.cancelSource(record.source);
      } catch {
        // Paid meanwhile, or Dollr unreachable: the reconciler still follows it, and books it.
        console.warn(`[shop] could not cancel order ${orderId}'s page on Dollr's side`);
      }
    },
  };
}
