import { formatMoney } from "@dollr-kit/core";
import { CheckoutFlow, type CheckoutFlowEvent, type CheckoutSuccess } from "@dollr-kit/react";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ApiError } from "../api.ts";
import { LOCALE, useKitConfig, usePollingPolicy } from "../kit.tsx";
import { orderKey, ordersKey, useEndBasketWhenPaid, useOrder } from "../orders.ts";
import { Link } from "../router.tsx";
import { endBasket } from "../store.ts";
import { OrderStatus } from "./OrderStatus.tsx";
import { PageHeading } from "./PageHeading.tsx";

/**
 * The order's page: what it holds, its payment state as the shop's server knows it, and the
 * checkout. The order is marked paid by the server (its reconciler), never by this page.
 */
export function CheckoutPage({
  orderId,
  simulator,
  ready,
}: {
  orderId: number;
  simulator: boolean;
  /** The shop's info (and so where payments are remembered) is known: the flow may start. */
  ready: boolean;
}) {
  const order = useOrder(orderId);
  const queryClient = useQueryClient();
  const config = useKitConfig();
  const policy = usePollingPolicy(config.data, simulator);
  const [paid, setPaid] = useState<CheckoutSuccess | null>(null);
  // Decided when the order first loads: an order already paid (or replaced) is shown, not paid
  // again. A checkout once shown stays, with its own outcome on screen.
  const [payable, setPayable] = useState<boolean | null>(null);
  const loaded = order.data?.status;
  useEffect(() => {
    if (loaded !== undefined)
      setPayable((known) => known ?? (loaded !== "paid" && loaded !== "cancelled"));
  }, [loaded]);
  useEndBasketWhenPaid(order.data ? [order.data] : undefined);

  const source = useMemo(() => ({ type: "ORDER" as const, id: orderId }), [orderId]);
  const refreshOrder = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: orderKey(orderId) });
    void queryClient.invalidateQueries({ queryKey: ordersKey });
  }, [queryClient, orderId]);
  const onSuccess = useCallback(
    (result: CheckoutSuccess) => {
      // This page saw Dollr's success: the cart is done. The order itself becomes paid when the
      // shop's server books the payment (the status above follows it).
      setPaid(result);
      endBasket();
      refreshOrder();
    },
    [refreshOrder],
  );
  const onEvent = useCallback(
    (event: CheckoutFlowEvent) => {
      // Ids, codes and status words only: safe for analytics. The demo just keeps a trail.
      if (import.meta.env.DEV) console.debug("[checkout]", event);
      // Each step of the payment may change what the server knows: ask it again.
      if (event.type === "transition") refreshOrder();
    },
    [refreshOrder],
  );

  if (order.isPending) {
    return (
      <>
        <PageHeading title="Checkout">Checkout</PageHeading>
        <p role="status">Loading your order…</p>
      </>
    );
  }
  // A failed refresh keeps what was shown (and the checkout in it); only a first load fails here.
  if (!order.data) {
    const missing = order.error instanceof ApiError && order.error.status === 404;
    return (
      <>
        <PageHeading title="Order not found">
          {missing ? "We can't find this order" : "Checkout"}
        </PageHeading>
        <p role="alert" className="notice" data-tone="danger">
          {missing
            ? "It may have been made in another browser, or before the shop was reset."
            : (order.error?.message ?? "We can't reach the shop right now.")}
        </p>
        <p>
          <Link href="/" className="button" data-variant="primary">
            Back to the shop
          </Link>
        </p>
      </>
    );
  }

  const { number, lines, total, currency } = order.data;
  // The receipt: of this page's payment as soon as Dollr said so, else of the payment the server
  // booked (paid on another device, or before this page opened).
  const receiptFor =
    paid?.referenceId ??
    (order.data.status === "paid" ? (order.data.payment?.reference_id ?? null) : null);
  return (
    <>
      <PageHeading title={`Checkout ${number}`}>Checkout</PageHeading>
      <p className="lede">
        Order <span className="order-number">{number}</span>
      </p>
      <OrderStatus order={order.data} />
      <div className="checkout-grid">
        <section className="card order-summary" aria-labelledby="order-title">
          <h2 id="order-title">Your order</h2>
          <ul className="cart-lines">
            {lines.map((line) => (
              <li key={line.product_id}>
                <span>
                  {line.name} <span className="muted">× {line.qty}</span>
                </span>
                <span>{formatMoney(line.line_total, currency, LOCALE)}</span>
              </li>
            ))}
          </ul>
          <dl className="totals">
            <div>
              <dt>Order total</dt>
              <dd>{formatMoney(total, currency, LOCALE)}</dd>
            </div>
          </dl>
          <p className="muted small">
            The amount was set by the shop's server when your order was made.
          </p>
        </section>
        <section className="card payment" aria-labelledby="payment-title">
          <h2 id="payment-title">Payment</h2>
          {config.isPending ? <p role="status">Loading checkout…</p> : null}
          {config.isError ? (
            <p role="alert" className="notice" data-tone="danger">
              We can't reach the payment server right now.{" "}
              <button type="button" className="button" onClick={() => void config.refetch()}>
                Try again
              </button>
            </p>
          ) : null}
          {config.data && ready && payable ? (
            <CheckoutFlow
              source={source}
              policy={policy}
              onSuccess={onSuccess}
              onEvent={onEvent}
              className="checkout-flow"
            />
          ) : null}
          {receiptFor ? (
            <div className="after-payment">
              <Link href={`/receipt/${receiptFor}`} className="button" data-variant="primary">
                View your receipt
              </Link>
              <Link href="/" className="button" data-variant="secondary">
                Continue shopping
              </Link>
            </div>
          ) : null}
        </section>
      </div>
    </>
  );
}
