export type {
  CardFormSlotProps,
  CardsStripeSource,
  DollrCards,
  StripeState,
} from "./cards.ts";
export type {
  DollrCheckoutContextValue,
  KitStorage,
} from "./context.ts";
export {
  createKitQueryClient,
  DollrCheckoutProvider,
  type DollrCheckoutProviderProps,
  type UseDollrCheckoutResult,
  useDollrCheckout,
} from "./DollrCheckoutProvider.tsx";
