"use client";
/**
 * `@dollr-kit/react/cards`: card payments through Stripe. The only entries that import the Stripe
 * packages (or name their types) are this one and `/cards/testing`: a shop that takes mobile
 * money only never imports them, and needs no Stripe package installed.
 *
 * ```tsx
 * const cards = stripeCards(() => loadStripe(key)); // loadStripe from "@stripe/stripe-js/pure"
 * <DollrCheckoutProvider client={client} cards={cards}>…</DollrCheckoutProvider>
 * ```
 */
export {
  AddCardForm,
  type AddCardFormProps,
  type AddCardState,
  type UseAddCardOptions,
  type UseAddCardResult,
  useAddCard,
} from "./AddCardForm.tsx";
export {
  isStripe,
  type StripeCards,
  type StripeCardsOptions,
  type StripeLoader,
  type StripeProp,
  stripeCards,
} from "./stripe-cards.ts";
export { useCardStripe } from "./use-card-stripe.ts";
