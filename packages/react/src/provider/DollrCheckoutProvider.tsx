import { QueryClient, QueryClientContext } from "@tanstack/react-query";
import { type ReactNode, useContext, useEffect, useMemo, useRef } from "react";
import type { DollrClient } from "../internal/client.ts";
import { devWarn } from "../internal/dev.ts";
import { createTranslator, type DollrMessages } from "../messages.ts";
import type { DollrRealtime } from "../realtime/types.ts";
import type { DollrCards } from "./cards.ts";
import {
  DollrCheckoutContext,
  type DollrCheckoutContextValue,
  type KitStorage,
  useDollrCheckoutContext,
} from "./context.ts";
import { useStripeState } from "./use-stripe-state.ts";

export interface DollrCheckoutProviderProps {
  /**
   * The proxy client, `createProxyClient({ baseUrl: "/api/dollr" })` from `@dollr-kit/core`.
   * Create it once (module scope or `useState`), not on every render.
   */
  client: DollrClient;
  /**
   * Card payments: `stripeCards(() => loadStripe(key))` from `@dollr-kit/react/cards` (the only
   * entry that needs the Stripe packages). Cards are offered at once, and Stripe.js is requested
   * only at the first card need (the customer opens "add a card", chooses or pays with a saved
   * card, or 3D Secure needs it), so a mobile-money payment requests none of it. Leave it out
   * (or `null`) for mobile money only.
   * @default null
   */
  cards?: DollrCards | null | undefined;
  /**
   * Realtime status hints: `supabaseRealtime()` from `@dollr-kit/react/realtime` (used only when
   * the proxy's `/kit/config` has `realtime`). Without it the checkout polls, as always.
   */
  realtime?: DollrRealtime | null | undefined;
  /**
   * BCP 47 locale for amounts and times, e.g. `"en-LR"`. Pass it explicitly when you render on
   * the server, so the server and the browser format alike.
   * @default the runtime's locale
   */
  locale?: string | undefined;
  /**
   * Replacements for any of the kit's messages, per key (see `defaultMessages`), or a whole
   * catalog: `messages={fr}` from `@dollr-kit/react/locales/fr`. The kit never fetches one.
   */
  messages?: DollrMessages | undefined;
  /**
   * The QueryClient for the kit's queries. Default: the host app's (from a
   * `QueryClientProvider` above), else one of the kit's own. The kit never replaces the
   * QueryClient your own components see.
   */
  queryClient?: QueryClient | undefined;
  /**
   * Where open payment attempts are remembered across reloads.
   * @default `localStorage` (memory where it is unavailable)
   */
  storage?: KitStorage | undefined;
  children?: ReactNode;
}

const clientKeys = new WeakMap<object, string>();
let nextClientKey = 0;

function keyFor(client: object): string {
  let key = clientKeys.get(client);
  if (key === undefined) {
    nextClientKey += 1;
    key = `client-${nextClientKey}`;
    clientKeys.set(client, key);
  }
  return key;
}

/** A QueryClient with the defaults the kit wants when the host app has none. */
export function createKitQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: true, refetchOnReconnect: true },
      mutations: { retry: false },
    },
  });
}

function usePrevious<T>(value: T): T | undefined {
  const ref = useRef<T | undefined>(undefined);
  useEffect(() => {
    ref.current = value;
  }, [value]);
  return ref.current;
}

/**
 * Warns (development only) when `client` changes after mount. In production builds it is a
 * no-op, so the previous-value tracking is stripped with the message.
 */
const useDevClientChangeWarning: (client: DollrClient) => void =
  process.env.NODE_ENV === "production"
    ? () => {}
    : (client) => {
        const previous = usePrevious(client);
        useEffect(() => {
          if (previous !== undefined && previous !== client) {
            devWarn(
              "<DollrCheckoutProvider>: the `client` prop changed after mount, which restarts every query and payment flow below. Create the client once (module scope, useState or useMemo), not on every render.",
            );
          }
        }, [client, previous]);
      };

/** Refuses (development only) `cards` that is not a plug-in, and the `stripe` prop of old. */
const checkCardsProp: (props: DollrCheckoutProviderProps) => void =
  process.env.NODE_ENV === "production"
    ? () => {}
    : (props) => {
        const cards = props.cards;
        if ((cards != null && cards.kind !== "dollr-kit:cards") || "stripe" in props) {
          throw new Error(
            "Invalid prop `cards` supplied to `DollrCheckoutProvider`: pass `stripeCards(() => loadStripe(key))` from `@dollr-kit/react/cards` (the `stripe` prop moved there), or leave it out for mobile money only.",
          );
        }
      };

/**
 * Gives the kit's hooks and components the proxy client, Stripe, the locale, the messages and a
 * QueryClient. Renders no element of its own.
 *
 * @example
 * const client = createProxyClient({ baseUrl: "/api/dollr" });
 * const cards = stripeCards(() => loadStripe(publishableKey)); // optional: card payments
 * <DollrCheckoutProvider client={client} cards={cards} locale="en-LR">
 *   <CheckoutFlow source={{ type: "INVOICE", id: 42 }} onSuccess={…} onFailure={…} />
 * </DollrCheckoutProvider>
 */
export function DollrCheckoutProvider(props: DollrCheckoutProviderProps) {
  const { client, locale, messages, queryClient, storage, children } = props;
  if (!client || typeof client !== "object") {
    throw new Error(
      "<DollrCheckoutProvider> needs a `client`: pass createProxyClient({ baseUrl }) from @dollr-kit/core.",
    );
  }
  checkCardsProp(props);
  const hostQueryClient = useContext(QueryClientContext);
  const ownQueryClient = useRef<QueryClient | null>(null);
  if (!queryClient && !hostQueryClient && ownQueryClient.current === null) {
    ownQueryClient.current = createKitQueryClient();
  }
  const effectiveQueryClient =
    queryClient ?? hostQueryClient ?? (ownQueryClient.current as QueryClient);

  // The kit passes its QueryClient to each query explicitly, so it mounts it (focus and online
  // listeners) itself. `mount` is counted, so this is harmless for the host's client too.
  useEffect(() => {
    effectiveQueryClient.mount();
    return () => effectiveQueryClient.unmount();
  }, [effectiveQueryClient]);

  const { cards, stripe, requestStripe } = useStripeState(props.cards ?? null);
  useDevClientChangeWarning(client);

  const t = useMemo(() => createTranslator(messages, locale), [messages, locale]);
  const clientKey = keyFor(client);

  const value = useMemo<DollrCheckoutContextValue>(
    () => ({
      client,
      clientKey,
      cards,
      stripe,
      requestStripe,
      locale,
      t,
      queryClient: effectiveQueryClient,
      storage,
      realtime: props.realtime ?? null,
    }),
    [
      client,
      clientKey,
      cards,
      stripe,
      requestStripe,
      locale,
      t,
      effectiveQueryClient,
      storage,
      props.realtime,
    ],
  );

  return <DollrCheckoutContext.Provider value={value}>{children}</DollrCheckoutContext.Provider>;
}

/** What `useDollrCheckout()` returns: the provider's client, Stripe state, locale and messages. */
export type UseDollrCheckoutResult = DollrCheckoutContextValue;

/**
 * The provider's client, Stripe state, locale, messages (`t`) and QueryClient, for building your
 * own parts. Throws when there is no `<DollrCheckoutProvider>` above.
 */
export function useDollrCheckout(): UseDollrCheckoutResult {
  return useDollrCheckoutContext("useDollrCheckout");
}
