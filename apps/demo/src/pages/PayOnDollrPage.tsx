import { HostedCheckoutButton } from "@dollr-kit/react/hosted-checkout";
import { useQuery } from "@tanstack/react-query";
import { type OrderView, shopApi } from "../api.ts";
import { useShopWords } from "../shop-words.ts";

/**
 * "Pay on Dollr's page", beside the checkout: while the order can be paid, the shop's server
 * makes (once, from the order's own lines) the order's checkout on Dollr's hosted page and
 * answers its URL; the kit's button checks that URL and sends the customer there. Dollr's page
 * brings them back to `/orders/{id}/return` (or to this page, when they cancel).
 */
export function PayOnDollrPage({ order }: { order: OrderView }) {
  // Not while a payment holds the order (the server refuses then too), nor once it is paid.
  const offered = order.status === "unpaid" || order.status === "failed";
  const words = useShopWords();
  const hosted = useQuery({
    queryKey: ["demo", "hosted-checkout", order.id],
    // Made or answered again by the server: asking twice never makes a second checkout.
    queryFn: () => shopApi.hostedCheckout(order.id),
    enabled: offered,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  if (!offered) return null;
  return (
    <section className="pay-elsewhere" aria-labelledby="dollr-page-title">
      <h3 id="dollr-page-title">{words.payElsewhere}</h3>
      <p className="muted small">{words.payElsewhereHint}</p>
      {hosted.isError ? (
        <p role="alert" className="notice" data-tone="danger" lang="en">
          {hosted.error.message}{" "}
          <button type="button" className="button" onClick={() => void hosted.refetch()}>
            Ask again
          </button>
        </p>
      ) : (
        <HostedCheckoutButton url={hosted.data?.url ?? null} />
      )}
    </section>
  );
}
