/**
 * The page of the "Stripe.js on the wire" benchmark (bench/stripe.ts builds and drives it): a
 * checkout with the kit, wired the way its README says. `?stripe=`:
 * - `readme`: `loadStripe(key)` from `@stripe/stripe-js/pure` at module scope (the README's
 *   smallest example), so cards are offered;
 * - `fake`: the kit's fake Stripe (what the demo uses with the simulator), loaded once;
 * - `none`: no Stripe (cards off).
 * Every load is counted in `window.__stripeLoads`.
 */
import type { Stripe } from "@stripe/stripe-js";
import { loadStripe } from "@stripe/stripe-js/pure";
import { createRoot } from "react-dom/client";
import { createProxyClient } from "../../packages/core/src/index.ts";
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

function load(): PromiseLike<Stripe | null> | null {
  if (mode === "none") return null;
  window.__stripeLoads += 1;
  if (mode === "readme") return loadStripe("pk_test_dollr_bench");
  return import("../../packages/react/src/testing/fake-stripe.ts").then(
    ({ createFakeStripe }) => createFakeStripe({ baseUrl: "" }).stripe,
  );
}

const client = createProxyClient({ baseUrl: "/api/dollr" });
const stripe = load();

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <DollrCheckoutProvider client={client} stripe={stripe} locale="en-US">
      <CheckoutFlow source={{ type: "INVOICE", id: sourceId }} />
    </DollrCheckoutProvider>,
  );
}
