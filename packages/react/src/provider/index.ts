export type {
  DollrCheckoutContextValue,
  KitStorage,
  StripeState,
} from "./context.ts";
export {
  createKitQueryClient,
  DollrCheckoutProvider,
  type DollrCheckoutProviderProps,
  type UseDollrCheckoutResult,
  useDollrCheckout,
} from "./DollrCheckoutProvider.tsx";
export { isStripe, type StripeLoader, type StripeProp } from "./parse-stripe-prop.ts";
