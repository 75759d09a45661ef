import { PaymentReturn } from "@dollr-kit/react/payment-return";
import { useState } from "react";
import { useKitConfig, usePollingPolicy } from "../kit.tsx";
import { useEndBasketWhenPaid, useOrder } from "../orders.ts";
import { Link } from "../router.tsx";
import { OrderMissing } from "./OrderMissing.tsx";
import { OrderStatus } from "./OrderStatus.tsx";
import { PageHeading } from "./PageHeading.tsx";

/**
 * Where Dollr's page sends the customer back, `/orders/{id}/return`. Nothing here reads the
 * URL's query: a forged `?status=PAID` shows nothing paid. `<PaymentReturn>` asks Dollr (through
 * the proxy) where the order's source on Dollr's page stands; below it, the order as the shop's
 * server knows it, which becomes paid only when the server's follow-up books it.
 */
export function ReturnPage({ orderId, simulator }: { orderId: number; simulator: boolean }) {
  const config = useKitConfig();
  const policy = usePollingPolicy(config.data, simulator);
  // Once Dollr says paid, the page asks the shop until its server has booked the payment too.
  const [dollrSaysPaid, setDollrSaysPaid] = useState(false);
  const order = useOrder(orderId, { untilPaid: dollrSaysPaid });
  useEndBasketWhenPaid(order.data ? [order.data] : undefined);

  if (order.isPending) {
    return (
      <>
        <PageHeading title="Your payment">Your payment</PageHeading>
        <p role="status">Loading your order…</p>
      </>
    );
  }
  if (!order.data) return <OrderMissing error={order.error} title="Your payment" />;

  const { number, hosted, status, payment } = order.data;
  const paidInCheckout = status === "paid" && payment?.via === "checkout";
  return (
    <>
      <PageHeading title={`Your payment for ${number}`}>Your payment</PageHeading>
      <p className="lede">
        Order <span className="order-number">{number}</span>
      </p>
      <div className="checkout-grid">
        <section className="card" aria-labelledby="dollr-page-title">
          <h2 id="dollr-page-title">On Dollr's page</h2>
          {hosted && !paidInCheckout ? (
            <PaymentReturn
              source={hosted.source}
              policy={policy}
              onPaid={() => setDollrSaysPaid(true)}
              className="payment-return"
            />
          ) : (
            <p>
              {paidInCheckout
                ? "This order was paid in the checkout, not on Dollr's page."
                : "This order has no payment on Dollr's page."}
            </p>
          )}
        </section>
        <section className="card" aria-labelledby="shop-title">
          <h2 id="shop-title">At the shop</h2>
          <OrderStatus order={order.data} from="elsewhere" />
          <div className="after-payment">
            {status === "paid" ? (
              <Link href={`/orders/${orderId}/receipt`} className="button" data-variant="primary">
                View your receipt
              </Link>
            ) : null}
            {status === "unpaid" || status === "failed" ? (
              <Link href={`/checkout/${orderId}`} className="button" data-variant="primary">
                Back to the checkout
              </Link>
            ) : null}
            <Link href="/" className="button" data-variant="secondary">
              Continue shopping
            </Link>
          </div>
        </section>
      </div>
    </>
  );
}
