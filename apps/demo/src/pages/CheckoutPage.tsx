import { formatMoney } from "@dollr-kit/core";
import { CheckoutFlow, type CheckoutFlowEvent, type CheckoutSuccess } from "@dollr-kit/react";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { ApiError, shopApi } from "../api.ts";
import { LOCALE, useKitConfig, usePollingPolicy } from "../kit.tsx";
import { Link } from "../router.tsx";
import { cartStore } from "../store.ts";
import { PageHeading } from "./PageHeading.tsx";

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
  const order = useQuery({
    queryKey: ["demo", "order", orderId],
    queryFn: () => shopApi.order(orderId),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const config = useKitConfig();
  const policy = usePollingPolicy(config.data, simulator);
  const [paid, setPaid] = useState<CheckoutSuccess | null>(null);

  const source = useMemo(() => ({ type: "ORDER" as const, id: orderId }), [orderId]);
  const onSuccess = useCallback((result: CheckoutSuccess) => {
    setPaid(result);
    cartStore.set({});
  }, []);
  const onEvent = useCallback((event: CheckoutFlowEvent) => {
    // Ids, codes and status words only: safe for analytics. The demo just keeps a trail.
    if (import.meta.env.DEV) console.debug("[checkout]", event);
  }, []);

  if (order.isPending) {
    return (
      <>
        <PageHeading title="Checkout">Checkout</PageHeading>
        <p role="status">Loading your order…</p>
      </>
    );
  }
  if (order.isError) {
    const missing = order.error instanceof ApiError && order.error.status === 404;
    return (
      <>
        <PageHeading title="Order not found">
          {missing ? "We can't find this order" : "Checkout"}
        </PageHeading>
        <p role="alert" className="notice" data-tone="danger">
          {missing
            ? "It may have been made before the shop was restarted or reset."
            : order.error.message}
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
  return (
    <>
      <PageHeading title={`Checkout ${number}`}>Checkout</PageHeading>
      <p className="lede">
        Order <span className="order-number">{number}</span>
      </p>
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
          {config.data && ready ? (
            <CheckoutFlow
              source={source}
              policy={policy}
              onSuccess={onSuccess}
              onEvent={onEvent}
              className="checkout-flow"
            />
          ) : null}
          {paid ? (
            <div className="after-payment">
              <Link href={`/receipt/${paid.referenceId}`} className="button" data-variant="primary">
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
