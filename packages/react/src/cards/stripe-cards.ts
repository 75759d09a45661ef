import type { AuthenticationOutcome } from "@dollr-kit/core/internal";
import type { Stripe, StripeCardElementOptions } from "@stripe/stripe-js";
import type { CardsStripeSource, DollrCards } from "../provider/cards.ts";
import { AddCardForm } from "./AddCardForm.tsx";

/**
 * A function that loads Stripe, e.g. `() => loadStripe(key)` with `loadStripe` from
 * `@stripe/stripe-js/pure`. The provider calls it only at the first card need (the customer
 * opens "add a card", chooses or pays with a saved card, or a 3D Secure step needs Stripe), once;
 * a load that rejects or resolves to null is tried again at the next card need. Never called
 * during a server render.
 */
export type StripeLoader = () => Promise<Stripe | null>;

/**
 * What `stripeCards` takes: a loader function (`() => loadStripe(key)`, called at the first card
 * need: the smallest page), a Stripe instance, a promise of one (what `loadStripe` returns:
 * Stripe.js is requested up front), or `null` (cards off, or not loaded yet — e.g. during a
 * server render).
 */
export type StripeProp = StripeLoader | Stripe | PromiseLike<Stripe | null> | null;

export interface StripeCardsOptions {
  /**
   * Options for Stripe's card field in the kit's add-card form (merged over the kit's
   * theme-derived style); an `<AddCardForm cardElementOptions>` of your own wins over these.
   */
  cardElementOptions?: StripeCardElementOptions | undefined;
}

/** The card plug-in `stripeCards` makes (what `<DollrCheckoutProvider cards>` takes). */
export interface StripeCards extends DollrCards {
  /** The options it was made with. */
  readonly options: StripeCardsOptions;
}

const isObject = (raw: unknown): raw is Record<string, unknown> =>
  raw !== null && typeof raw === "object";

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
  "Invalid argument to `stripeCards`: pass `() => loadStripe(key)` (`loadStripe` from `@stripe/stripe-js/pure`), a Stripe instance, a promise of one, or null.";

/** Reads what `stripeCards` was given; throws a descriptive error for anything else. */
export function readStripeSource(raw: unknown): CardsStripeSource {
  if (raw === null || raw === undefined) return { tag: "empty" };
  if (typeof raw === "function") return { tag: "lazy", load: raw as () => unknown };
  if (isObject(raw) && typeof raw.then === "function") {
    return { tag: "async", promise: raw as unknown as PromiseLike<unknown> };
  }
  if (isStripe(raw)) return { tag: "sync", stripe: raw };
  throw new Error(INVALID_STRIPE);
}

type NextActionResult = { error?: { code?: string; type?: string } | undefined } | undefined;

/** Runs Stripe's next action: `handleNextAction` when Stripe.js has it, else `confirmCardPayment`. */
async function authenticate(stripe: unknown, clientSecret: string): Promise<AuthenticationOutcome> {
  const instance = stripe as Stripe & {
    handleNextAction?: (options: { clientSecret: string }) => Promise<NextActionResult>;
  };
  const result: NextActionResult =
    typeof instance.handleNextAction === "function"
      ? await instance.handleNextAction({ clientSecret })
      : await instance.confirmCardPayment(clientSecret);
  return result?.error ? "failed" : "succeeded";
}

/**
 * Card payments through Stripe, for `<DollrCheckoutProvider cards={…}>`. Only a shop that takes
 * cards imports this (and installs `@stripe/stripe-js` and `@stripe/react-stripe-js`).
 *
 * Best with a loader: cards are offered at once, and the kit calls it only at the first card
 * need, once, so a mobile-money payment requests no Stripe.js at all. The card form's code (with
 * `@stripe/react-stripe-js`) is a lazy chunk fetched when a card is added.
 *
 * @example
 * import { loadStripe } from "@stripe/stripe-js/pure";
 * const cards = stripeCards(() => loadStripe(publishableKey));
 * <DollrCheckoutProvider client={client} cards={cards}>…</DollrCheckoutProvider>
 */
export function stripeCards(stripe: StripeProp, options: StripeCardsOptions = {}): StripeCards {
  return {
    kind: "dollr-kit:cards",
    stripe: readStripeSource(stripe),
    isStripe,
    AddCardForm,
    authenticate,
    options,
  };
}
