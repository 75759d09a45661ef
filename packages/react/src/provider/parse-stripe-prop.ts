import type { Stripe } from "@stripe/stripe-js";

/**
 * A function that loads Stripe, e.g. `() => loadStripe(key)` with `loadStripe` from
 * `@stripe/stripe-js/pure`. The provider calls it only at the first card need (the customer
 * opens "add a card", chooses or pays with a saved card, or a 3D Secure step needs Stripe), once;
 * a load that rejects or resolves to null is tried again at the next card need. Never called
 * during a server render.
 */
export type StripeLoader = () => Promise<Stripe | null>;

/**
 * What `<DollrCheckoutProvider stripe>` takes: a loader function (`() => loadStripe(key)`,
 * called at the first card need: the smallest page), a Stripe instance, a promise of one (what
 * `loadStripe` from `@stripe/stripe-js/pure` returns), or `null` (cards off, or not loaded yet —
 * e.g. during a server render).
 */
export type StripeProp = StripeLoader | Stripe | PromiseLike<Stripe | null> | null;

/** The `stripe` prop read into a tagged union. */
export type ParsedStripeProp =
  | { tag: "empty" }
  | { tag: "sync"; stripe: Stripe }
  | { tag: "async"; promise: PromiseLike<Stripe | null> }
  | { tag: "lazy"; load: () => PromiseLike<Stripe | null> | Stripe | null };

const isObject = (raw: unknown): raw is Record<string, unknown> =>
  raw !== null && typeof raw === "object";

/** Whether `raw` is a promise (anything with a `then` function). */
export function isPromiseLike(raw: unknown): raw is PromiseLike<unknown> {
  return isObject(raw) && typeof raw.then === "function";
}

/**
 * Whether `raw` looks like a Stripe instance, by the same duck typing as
 * `@stripe/react-stripe-js` (so what passes here also passes its `<Elements>`).
 */
export function isStripe(raw: unknown): raw is Stripe {
  return (
    isObject(raw) &&
    typeof raw.elements === "function" &&
    typeof raw.createToken === "function" &&
    typeof raw.createPaymentMethod === "function" &&
    typeof raw.confirmCardPayment === "function"
  );
}

const INVALID_STRIPE =
  "Invalid prop `stripe` supplied to `DollrCheckoutProvider`. Pass `() => loadStripe(key)` (`loadStripe` from `@stripe/stripe-js/pure`), a Stripe instance, a promise of one, or null. See https://github.com/dollr-kit/dollr-kit/tree/main/packages/react#stripe";

/** Reads the `stripe` prop; throws a descriptive error for anything else. */
export function parseStripeProp(raw: unknown): ParsedStripeProp {
  if (raw === null || raw === undefined) return { tag: "empty" };
  if (typeof raw === "function") {
    return { tag: "lazy", load: raw as () => PromiseLike<Stripe | null> | Stripe | null };
  }
  if (isPromiseLike(raw)) return { tag: "async", promise: raw as PromiseLike<Stripe | null> };
  if (isStripe(raw)) return { tag: "sync", stripe: raw };
  throw new Error(INVALID_STRIPE);
}
