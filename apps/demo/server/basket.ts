/**
 * One basket, one payment. The kit guards one source (one order) at a time; it cannot know that
 * two orders hold the same basket. So the shop decides, on the server, when "Check out" makes a
 * new order and when it leads back to one that exists:
 *
 * 1. A payment of this shopper is in progress (an attempt holds one of their orders, from any
 *    device, or one of their recent orders is being paid on Dollr's page) → that order. No
 *    second order while money is moving.
 * 2. The cart's basket id names an order → that order when it is paid, or unpaid with the same
 *    contents. Unpaid with other contents (the cart changed before paying) → a new order, and
 *    the old one is cancelled (replaced), so it cannot be paid any more (its page on Dollr's
 *    side, if it has one, is cancelled at Dollr).
 * 3. An unpaid order of this shopper has the same contents (another device's cart) → that order.
 * 4. Otherwise a new order.
 *
 * Decisions for one shopper are taken one at a time (a double click, two devices at once).
 */
import type { AttemptStore } from "@dollr-kit/server";
import type { OrderBook, OrderRecord } from "./orders.ts";

/** How many of the shopper's newest orders are checked for a payment on Dollr's page. */
const RECENT_ORDERS = 10;

/** Why "Check out" answered an existing order instead of a new one. */
export type Reused = "in_progress" | "paid" | "same_basket";

export interface BasketRequest {
  shopperId: string;
  /** The contents, e.g. `basket:1,coffee:2`. */
  basketKey: string;
  basketId: string | null;
  /** Makes and saves a new order for this basket. */
  make(): Promise<OrderRecord>;
}

/** Product ids and quantities as one comparable key (sorted by product id). */
export function basketKeyOf(items: { product_id: string; qty: number }[]): string {
  return [...items]
    .sort((a, b) => (a.product_id < b.product_id ? -1 : a.product_id > b.product_id ? 1 : 0))
    .map((item) => `${item.product_id}:${item.qty}`)
    .join(",");
}

/** The orders' checkouts on Dollr's page, as the basket rule needs them. */
export interface DollrPages {
  /** Whether the order's payment on Dollr's page is under way (or done, not booked yet). */
  moving(order: OrderRecord): Promise<boolean>;
  /** Closes a replaced order's page at Dollr, so it takes no payment. */
  close(order: OrderRecord): Promise<void>;
}

export function createBasketRule(orders: OrderBook, attempts: AttemptStore, pages: DollrPages) {
  const tails = new Map<string, Promise<unknown>>();
  // One decision at a time per shopper, in this process. Several server instances would take a
  // row lock in the database instead (SELECT … FOR UPDATE on the shopper's row).
  function serialised<T>(key: string, task: () => Promise<T>): Promise<T> {
    const run = (tails.get(key) ?? Promise.resolve()).then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  }

  async function inProgress(shopperId: string): Promise<OrderRecord | null> {
    const holding = await attempts.listAttempts({ customerId: shopperId, unsettled: true });
    for (const attempt of holding) {
      if (attempt.source?.source_type !== "ORDER") continue;
      const order = await orders.get(Number(attempt.source.source_id));
      if (order && order.shopperId === shopperId) return order;
    }
    for (const order of await orders.forShopper(shopperId, RECENT_ORDERS)) {
      if (order.paidAt === null && (await pages.moving(order))) return order;
    }
    return null;
  }

  return function checkout(
    request: BasketRequest,
  ): Promise<{ order: OrderRecord; reused: Reused | null }> {
    const { shopperId, basketKey, basketId } = request;
    return serialised(shopperId, async () => {
      const moving = await inProgress(shopperId);
      if (moving) return { order: moving, reused: "in_progress" as const };

      if (basketId !== null) {
        const same = await orders.forBasket(shopperId, basketId);
        if (same?.paidAt) return { order: same, reused: "paid" as const };
        if (same && same.basketKey === basketKey) {
          return { order: same, reused: "same_basket" as const };
        }
        if (same) {
          const made = await request.make();
          // Paid meanwhile (its payment settled a moment ago)? Then it stays as it is.
          if (await orders.replace(same.id, made.id)) await pages.close(same);
          return { order: made, reused: null };
        }
      }

      const twin = await orders.unpaidWithContents(shopperId, basketKey);
      if (twin) return { order: twin, reused: "same_basket" as const };
      return { order: await request.make(), reused: null };
    });
  };
}
