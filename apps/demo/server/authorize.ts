/**
 * The proxy's `authorizeSource`: which orders a shopper may pay and follow.
 *
 * - The shop's own orders: the shopper who made it, unless a newer order replaced it; and no
 *   checkout session while the order's payment on Dollr's page is under way or done (one payment
 *   per order, see hosted-checkout.ts).
 * - An order's source on Dollr's page: its shopper may follow it (its status on the return page,
 *   its receipt), never pay it in the page's checkout: Dollr's page is where it is paid.
 */
import type { DollrCustomer, DollrProxyOptions } from "@dollr-kit/server";
import type { HostedCheckouts } from "./hosted-checkout.ts";
import type { OrderBook } from "./orders.ts";

export function createSourceAuthorizer(deps: {
  orders: OrderBook;
  hosted: HostedCheckouts;
  /** The proxy's path that opens a checkout session (`{prefix}/v1/sessions/checkout`). */
  sessionPath: string;
}): DollrProxyOptions<DollrCustomer>["authorizeSource"] {
  const { orders, hosted, sessionPath } = deps;
  return async (customer, source, request) => {
    if (source.source_type !== "ORDER") return false;
    const opensSession =
      request.method.toUpperCase() === "POST" && new URL(request.url).pathname === sessionPath;
    const order = await orders.get(Number(source.source_id));
    if (order) {
      if (order.shopperId !== customer.id || order.replacedBy !== null) return false;
      return !(opensSession && (await hosted.holdsOrder(order.id)));
    }
    if (opensSession) return false;
    return (await hosted.ownerOf(source)) === customer.id;
  };
}
