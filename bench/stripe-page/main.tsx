/**
 * The page of the "Stripe.js on the wire" benchmark (bench/stripe.ts builds and drives it): a
 * checkout with the kit, wired the way its README says. `?stripe=`:
 * - `readme`: `stripeCards(() => loadStripe(key))` with `loadStripe` from `@stripe/stripe-js/pure`
 *   (the README's card example): cards are offered, and the kit calls the loader at the first
 *   card need only;
 * - `fake`: the kit's fake Stripe (what the demo uses with the simulator), through a loader too;
 * - `none`: no `cards` (mobile money only).
 * Every call of a loader (a Stripe load) is counted in `window.__stripeLoads`.
 */

import { loadStripe } from "@stripe/stripe-js/pure";
import { createRoot } from "react-dom/client";
import { createProxyClient } from "../../packages/core/src/internal.ts";
import { type StripeCards, stripeCards } from "../../packages/react/src/cards/index.ts";
import { CheckoutFlow, DollrCheckoutProvider } from "../../packages/react/src/index.ts";
import "../../packages/react/src/styles.css";

declare global {
  interface Window {
    __stripeLoads: number;
  }
}

window.__stripeLoads = 0;
const params = new URLSearchParams(location.search);
const mode = params.get("stripe") ?? "none";
const sourceId = Number(params.get("source"));

function cardsFor(): StripeCards | null {
  if (mode === "none") return null;
  if (mode === "readme") {
    return stripeCards(() => {
      window.__stripeLoads += 1;
      return loadStripe("pk_test_dollr_bench");
    });
  }
  return stripeCards(() => {
    window.__stripeLoads += 1;
    return import("../../packages/react/src/cards/fake-stripe.ts").then(
      ({ createFakeStripe }) => createFakeStripe({ baseUrl: "" }).stripe,
    );
  });
}

const client = createProxyClient({ baseUrl: "/api/dollr" });
const cards = cardsFor();

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <DollrCheckoutProvider client={client} cards={cards} locale="en-US">
      <CheckoutFlow source={{ type: "INVOICE", id: sourceId }} />
    </DollrCheckoutProvider>,
  );
}
