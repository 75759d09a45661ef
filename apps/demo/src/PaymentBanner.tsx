import { useEffect, useRef } from "react";
import { useEndBasketWhenPaid, useMyOrders } from "./orders.ts";
import { Link, type Route } from "./router.tsx";

/**
 * "A payment is in progress", on every page, from the shop's server (so it is there after Back,
 * in a new tab, or on another device of the same shopper). It links to the order; on that
 * order's own page the page says it already.
 */
export function PaymentBanner({ route }: { route: Route }) {
  const orders = useMyOrders();
  const { refetch } = orders;
  const where = route.name === "checkout" ? `checkout:${route.orderId}` : route.name;
  // Ask again at each page change (the first load asks by itself): a payment may have started,
  // or ended, meanwhile.
  const shownOn = useRef(where);
  useEffect(() => {
    if (shownOn.current === where) return;
    shownOn.current = where;
    void refetch();
  }, [where, refetch]);
  useEndBasketWhenPaid(orders.data);

  const moving = orders.data?.find((order) => order.status === "processing");
  if (!moving || (route.name === "checkout" && route.orderId === moving.id)) return null;
  return (
    <div className="notice payment-banner" role="status" data-slot="payment-banner" lang="en">
      <p>
        <strong>A payment for your order {moving.number} is in progress.</strong> You don't need to
        pay again. <Link href={`/checkout/${moving.id}`}>See your order</Link>
      </p>
    </div>
  );
}
