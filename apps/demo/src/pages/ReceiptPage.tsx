import { Receipt } from "@dollr-kit/react/receipt";
import { useOrder } from "../orders.ts";
import { Link } from "../router.tsx";
import { OrderMissing } from "./OrderMissing.tsx";
import { OrderStatus } from "./OrderStatus.tsx";
import { PageHeading } from "./PageHeading.tsx";

/**
 * An order's receipt, `/orders/{id}/receipt`: once the shop's server booked the payment, Dollr's
 * receipt of the source that was paid (the order in the page's checkout, or its source on
 * Dollr's page), read through the proxy: amount, fee, items, method, date and Dollr's reference,
 * with a link to Dollr's own receipt page. Any tab of the shopper who made the order opens it.
 */
export function ReceiptPage({ orderId }: { orderId: number }) {
  const order = useOrder(orderId);
  if (order.isPending) {
    return (
      <>
        <PageHeading title="Your receipt">Your receipt</PageHeading>
        <p role="status">Loading your order…</p>
      </>
    );
  }
  if (!order.data) return <OrderMissing error={order.error} title="Your receipt" />;

  const { number, receipt_source: source } = order.data;
  return (
    <>
      <PageHeading title={`Receipt ${number}`}>Your receipt</PageHeading>
      <p className="lede">
        Order <span className="order-number">{number}</span>
      </p>
      <OrderStatus order={order.data} from="elsewhere" />
      {source ? (
        <Receipt source={source} showDollrReceiptLink className="card receipt" />
      ) : (
        <p>
          Your receipt will be here once your payment is booked.{" "}
          <Link href={`/checkout/${orderId}`}>See your order</Link>
        </p>
      )}
      <p>
        <Link href="/" className="button" data-variant="secondary">
          Continue shopping
        </Link>
      </p>
    </>
  );
}
