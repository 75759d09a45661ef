import type { Stripe } from "@stripe/stripe-js";
import type { StripeState } from "../provider/cards.ts";
import { useDollrCheckoutContext } from "../provider/context.ts";

/**
 * The provider's Stripe, typed, for card parts of your own: `stripe` (`StripeState<Stripe>`:
 * `none` | `idle` | `loading` | `ready` with the instance | `unavailable`) and `requestStripe()`
 * ("a card is needed now": calls a loader once; call it from an effect or a handler).
 */
export function useCardStripe(): { stripe: StripeState<Stripe>; requestStripe: () => void } {
  const { stripe, requestStripe } = useDollrCheckoutContext("useCardStripe");
  return { stripe: stripe as StripeState<Stripe>, requestStripe };
}
