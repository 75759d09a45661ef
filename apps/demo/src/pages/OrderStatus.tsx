import type { OrderView } from "../api.ts";
import { LOCALE } from "../kit.tsx";
import { Link } from "../router.tsx";

const when = new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeStyle: "short" });

/**
 * The order's payment state as the shop's server knows it (not what this page saw): the server
 * follows every payment itself, so this is right even after a closed tab or on another device.
 */
export function OrderStatus({
  order,
  from = "checkout",
}: {
  order: OrderView;
  /** Where it is shown: the checkout page (which has the ways to pay below it), or elsewhere. */
  from?: "checkout" | "elsewhere";
}) {
  const { status } = order;
  return (
    <div
      className="notice order-status"
      role="status"
      lang="en"
      data-slot="order-status"
      data-status={status}
      data-tone={status === "paid" ? "success" : status === "failed" ? "danger" : undefined}
    >
      <p>
        <strong>{HEADLINES[status]}</strong> {details(order, from)}
      </p>
      {status === "cancelled" && order.replaced_by !== null ? (
        <p>
          <Link href={`/checkout/${order.replaced_by}`}>Go to your new order</Link>
        </p>
      ) : null}
    </div>
  );
}

const HEADLINES: Record<OrderView["status"], string> = {
  unpaid: "Not paid yet.",
  processing: "Your payment is in progress.",
  paid: "Paid.",
  failed: "Your last payment didn't go through.",
  cancelled: "This order was replaced.",
};

function details(order: OrderView, from: "checkout" | "elsewhere"): string {
  switch (order.status) {
    case "unpaid":
      return from === "checkout"
        ? "Choose how you'd like to pay below."
        : "You can pay from your order's checkout.";
    case "processing":
      return order.payment?.via === "dollr_page"
        ? "Your payment on Dollr's page is being confirmed. We'll update this page when it is."
        : "We'll update this page when it's confirmed. You can close it: we record your payment either way.";
    case "paid":
      return order.payment?.settled_at
        ? `We received your payment on ${when.format(new Date(order.payment.settled_at))}.`
        : "We received your payment.";
    case "failed":
      return from === "checkout"
        ? "You can pay again below."
        : "You can pay again from your order's checkout.";
    case "cancelled":
      return "Your cart changed before you paid, so we made a new order for it.";
  }
}
