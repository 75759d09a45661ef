import type { QueryClient } from "@tanstack/react-query";
import { createContext, useContext } from "react";
import type { DollrClient } from "../internal/client.ts";
import type { Translate } from "../messages.ts";
import type { DollrRealtime } from "../realtime/types.ts";
import type { DollrCards, StripeState } from "./cards.ts";

/** The part of the Storage API the kit writes attempts to (`localStorage` satisfies it). */
export interface KitStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What `<DollrCheckoutProvider>` gives the hooks below it. */
export interface DollrCheckoutContextValue {
  /** The proxy client (`createProxyClient(...)`). */
  client: DollrClient;
  /** A key unique to `client`, part of every query key so two clients never share a cache. */
  clientKey: string;
  /** The card plug-in given as `cards` (from `@dollr-kit/react/cards`), or null: no cards. */
  cards: DollrCards | null;
  /** Stripe, as far as it has loaded. */
  stripe: StripeState;
  /**
   * Says "a card is needed now": with a loader in `cards`, calls it (once; again after a
   * failed load). Does nothing for the other forms, nor on the server. Call it from an effect or
   * an event handler, never during render.
   */
  requestStripe: () => void;
  /** The BCP 47 locale for amounts and times (undefined: the runtime's default). */
  locale: string | undefined;
  /** Messages, with the provider's replacements. */
  t: Translate;
  /** The QueryClient the kit's queries run in (the host's, or the kit's own). */
  queryClient: QueryClient;
  /** The attempt storage given to the provider, or undefined to use `localStorage` in a browser. */
  storage: KitStorage | undefined;
  /** The realtime plug-in given as `realtime` (from `@dollr-kit/react/realtime`), or null. */
  realtime: DollrRealtime | null;
}

export const DollrCheckoutContext = createContext<DollrCheckoutContextValue | null>(null);
// For React DevTools only, so production builds leave the name out.
if (process.env.NODE_ENV !== "production")
  DollrCheckoutContext.displayName = "DollrCheckoutContext";

/**
 * The provider's value, or an error that names the caller and the missing provider:
 * "useCheckoutFlow must be used within <DollrCheckoutProvider>. …".
 */
export function useDollrCheckoutContext(caller: string): DollrCheckoutContextValue {
  const context = useContext(DollrCheckoutContext);
  if (!context) {
    throw new Error(
      `${caller} must be used within <DollrCheckoutProvider>. Wrap the part of your app that uses ${caller} in <DollrCheckoutProvider client={createProxyClient({ baseUrl })}>.`,
    );
  }
  return context;
}
