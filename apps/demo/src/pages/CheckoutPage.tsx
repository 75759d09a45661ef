import { formatMoney } from "@dollr-kit/core";
import { CheckoutFlow, type CheckoutFlowEvent, type CheckoutSuccess } from "@dollr-kit/react";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useKitConfig, usePollingPolicy } from "../kit.tsx";
import { useLanguage } from "../language.ts";
import { orderKey, ordersKey, useEndBasketWhenPaid, useOrder } from "../orders.ts";
import { Link } from "../router.tsx";
import { useShopWords } from "../shop-words.ts";
import { endBasket } from "../store.ts";
import { OrderMissing } from "./OrderMissing.tsx";
import { OrderStatus } from "./OrderStatus.tsx";
import { PageHeading } from "./PageHeading.tsx";
import { PayOnDollrPage } from "./PayOnDollrPage.tsx";

/** What the realtime status hints did during this page's payment (`data-realtime*`). */
interface RealtimeTrail {
  phase: "subscribed" | "hint" | "fallback" | null;
  hints: number;
}

/**
 * The order's page: what it holds, its payment state as the shop's server knows it, the checkout,
 * and beside it the way to pay on Dollr's page. The order is marked paid by the server (its
 * reconciler), never by this page. `?canceled=1` is where Dollr's page sends a customer who
 * cancelled there: it only adds a note (the payment state is the server's).
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
  // The words around the checkout and its amounts follow the chosen language, as the kit does.
  const { locale } = useLanguage();
  const words = useShopWords();
  const [paid, setPaid] = useState<CheckoutSuccess | null>(null);
  const [realtimeTrail, setRealtimeTrail] = useState<RealtimeTrail>({ phase: null, hints: 0 });
  const [backFromDollr] = useState(
    () => new URLSearchParams(window.location.search).get("canceled") === "1",
  );
  // Decided when the order first loads: an order already paid (or replaced), or being paid on
  // Dollr's page, is shown, not paid again. A checkout once shown stays, with its own outcome.
  const [payable, setPayable] = useState<boolean | null>(null);
  const loaded = order.data?.status;
  const onDollrPage = order.data?.payment?.via === "dollr_page";
  useEffect(() => {
    if (loaded !== undefined)
      setPayable(
        (known) =>
          known ??
          (loaded !== "paid" &&
            loaded !== "cancelled" &&
            !(loaded === "processing" && onDollrPage)),
      );
  }, [loaded, onDollrPage]);
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
      // Kept on the page (data-realtime*) so a developer, or a test, sees a hint arrive.
      if (event.type === "realtime") {
        setRealtimeTrail((trail) => ({
          phase: event.phase,
          hints: trail.hints + (event.phase === "hint" ? 1 : 0),
        }));
      }
    },
    [refreshOrder],
  );

  if (order.isPending) {
    return (
      <>
        <PageHeading title={words.checkout}>{words.checkout}</PageHeading>
        <p role="status" lang="en">
          Loading your order…
        </p>
      </>
    );
  }
  // A failed refresh keeps what was shown (and the checkout in it); only a first load fails here.
  if (!order.data) return <OrderMissing error={order.error} title={words.checkout} />;

  const { number, lines, total, currency } = order.data;
  // The receipt: as soon as this page's payment succeeded, or once the server booked a payment
  // (on another device, on Dollr's page, or before this page opened).
  const showReceipt = paid !== null || order.data.status === "paid";
  const payableNow = order.data.status === "unpaid" || order.data.status === "failed";
  return (
    <>
      <PageHeading title={`${words.checkout} ${number}`}>{words.checkout}</PageHeading>
      <p className="lede">
        {words.order} <span className="order-number">{number}</span>
      </p>
      <OrderStatus order={order.data} />
      {backFromDollr && payableNow ? (
        <p className="notice" role="status" data-slot="back-from-dollr" lang="en">
          You came back from Dollr's page. You can pay below, or on Dollr's page again.
        </p>
      ) : null}
      <div className="checkout-grid">
        <section className="card order-summary" aria-labelledby="order-title">
          <h2 id="order-title">{words.yourOrder}</h2>
          <ul className="cart-lines">
            {lines.map((line) => (
              <li key={line.product_id}>
                <span lang="en">
                  {line.name} <span className="muted">× {line.qty}</span>
                </span>
                <span>{formatMoney(line.line_total, currency, locale)}</span>
              </li>
            ))}
          </ul>
          <dl className="totals">
            <div>
              <dt>{words.orderTotal}</dt>
              <dd>{formatMoney(total, currency, locale)}</dd>
            </div>
          </dl>
          <p className="muted small">{words.amountSetByServer}</p>
        </section>
        <section
          className="card payment"
          aria-labelledby="payment-title"
          data-realtime={realtimeTrail.phase ?? undefined}
          data-realtime-hints={realtimeTrail.hints}
        >
          <h2 id="payment-title">{words.payment}</h2>
          {config.isPending ? (
            <p role="status" lang="en">
              Loading checkout…
            </p>
          ) : null}
          {config.isError ? (
            <p role="alert" className="notice" data-tone="danger" lang="en">
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
          {config.data && ready && payable ? <PayOnDollrPage order={order.data} /> : null}
          {showReceipt ? (
            <div className="after-payment">
              <Link href={`/orders/${orderId}/receipt`} className="button" data-variant="primary">
                {words.viewReceipt}
              </Link>
              <Link href="/" className="button" data-variant="secondary">
                {words.continueShopping}
              </Link>
            </div>
          ) : null}
        </section>
      </div>
    </>
  );
}
