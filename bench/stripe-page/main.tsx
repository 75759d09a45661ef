/**
 * The page of the "Stripe.js on the wire" benchmark (bench/stripe.ts builds and drives it): a
 * checkout with the kit, wired the way its README says. `?stripe=`:
 * - `readme`: the loader `() => loadStripe(key)` with `loadStripe` from `@stripe/stripe-js/pure`
 *   (the README's smallest example): cards are offered, and the kit calls it at the first card
 *   need only;
 * - `fake`: the kit's fake Stripe (what the demo uses with the simulator), through a loader too;
 * - `none`: no Stripe (cards off).
 * Every call of a loader (a Stripe load) is counted in `window.__stripeLoads`.
 */

import { loadStripe } from "@stripe/stripe-js/pure";
import { createRoot } from "react-dom/client";
import { createProxyClient } from "../../packages/core/src/index.ts";
import type { StripeLoader } from "../../packages/react/src/index.ts";
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

function loader(): StripeLoader | null {
  if (mode === "none") return null;
  if (mode === "readme") {
    return () => {
      window.__stripeLoads += 1;
      return loadStripe("pk_test_dollr_bench");
    };
  }
  return () => {
    window.__stripeLoads += 1;
    return import("../../packages/react/src/testing/fake-stripe.ts").then(
      ({ createFakeStripe }) => createFakeStripe({ baseUrl: "" }).stripe,
    );
  };
}

const client = createProxyClient({ baseUrl: "/api/dollr" });
const stripe = loader();

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <DollrCheckoutProvider client={client} stripe={stripe} locale="en-US">
      <CheckoutFlow source={{ type: "INVOICE", id: sourceId }} />
    </DollrCheckoutProvider>,
  );
}
