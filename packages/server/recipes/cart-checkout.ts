import { isDollrKitError } from "@dollr-kit/core";
import type { CartCheckout, CartLine } from "@dollr-kit/server";

/** What the recipe needs of your shop: its own auth, orders (priced by it) and origin. */
export interface Shop {
  customer(request: Request): Promise<{ id: string; phone: string; name: string } | null>;
  order(customerId: string, orderId: number): Promise<{ id: number; lines: CartLine[] } | null>;
  origin: string; // "https://shop.example", also in createCartCheckout's returnOrigins
}

/** POST /shop/checkout {"order_id": 7, "mode": "DIRECT" | "HOSTED"} → what the browser pays. */
export function checkoutRoute(shop: Shop, checkout: CartCheckout) {
  return async (request: Request): Promise<Response> => {
    const customer = await shop.customer(request);
    if (!customer) return Response.json({ detail: "Sign in to continue" }, { status: 401 });
    const body = await request.json().catch(() => null);
    const { order_id: orderId, mode, ...extra } = body ?? {};
    if (
      !Number.isSafeInteger(orderId) ||
      !["DIRECT", "HOSTED"].includes(mode) ||
      Object.keys(extra).length > 0
    ) {
      return Response.json({ detail: "Send {order_id, mode} only" }, { status: 422 });
    }
    // The lines and their prices come from your records, never from the browser.
    const order = await shop.order(customer.id, orderId);
    if (!order) return Response.json({ detail: "No such order" }, { status: 404 });
    try {
      const answer = await checkout.create({
        orderReference: `order-${order.id}`, // one order, one source, however often this runs
        customer,
        lines: order.lines,
        mode,
        ...(mode === "HOSTED"
          ? {
              successUrl: `${shop.origin}/orders/${order.id}/thanks`,
              cancelUrl: `${shop.origin}/cart`,
            }
          : {}),
      });
      // { source: { type, id, number }, total, currency, url? }: DIRECT → the kit's checkout
      // for `source`; HOSTED → send the customer to `url`. Fulfil only from onSettled.
      return Response.json(answer);
    } catch (error) {
      const status = isDollrKitError(error) && error.code === "CONFLICT" ? 409 : 502;
      return Response.json({ detail: "The checkout could not be made; try again" }, { status });
    }
  };
}
