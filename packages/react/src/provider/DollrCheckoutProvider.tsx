import { QueryClient, QueryClientContext } from "@tanstack/react-query";
import { type ReactNode, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { DollrClient } from "../internal/client.ts";
import { devWarn } from "../internal/dev.ts";
import { createTranslator, type DollrMessages } from "../messages.ts";
import {
  DollrCheckoutContext,
  type DollrCheckoutContextValue,
  type KitStorage,
  type StripeState,
  useDollrCheckoutContext,
} from "./context.ts";
import {
  isStripe,
  type ParsedStripeProp,
  parseStripeProp,
  type StripeProp,
} from "./parse-stripe-prop.ts";

export interface DollrCheckoutProviderProps {
  /**
   * The proxy client, `createProxyClient({ baseUrl: "/api/dollr" })` from `@dollr-kit/core`.
   * Create it once (module scope or `useState`), not on every render.
   */
  client: DollrClient;
  /**
   * Stripe, for card payments: an instance, the promise `loadStripe()` from
   * `@stripe/stripe-js/pure` returns, or `null` (cards off, or not loaded yet). The kit never
   * loads Stripe.js itself. A promise that rejects or resolves to null leaves cards unavailable
   * (shown as such) while mobile money keeps working; passing a new promise after a failure
   * tries again.
   * @default null
   */
  stripe?: StripeProp | undefined;
  /**
   * BCP 47 locale for amounts and times, e.g. `"en-LR"`. Pass it explicitly when you render on
   * the server, so the server and the browser format alike.
   * @default the runtime's locale
   */
  locale?: string | undefined;
  /** Replacements for any of the kit's messages, per key (see `defaultMessages`). */
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

function initialStripeState(parsed: ParsedStripeProp): StripeState {
  if (parsed.tag === "sync") return { status: "ready", stripe: parsed.stripe };
  if (parsed.tag === "async") return { status: "loading", stripe: null };
  return { status: "none", stripe: null };
}

function usePrevious<T>(value: T): T | undefined {
  const ref = useRef<T | undefined>(undefined);
  useEffect(() => {
    ref.current = value;
  }, [value]);
  return ref.current;
}

/**
 * Gives the kit's hooks and components the proxy client, Stripe, the locale, the messages and a
 * QueryClient. Renders no element of its own.
 *
 * @example
 * const client = createProxyClient({ baseUrl: "/api/dollr" });
 * const stripePromise = loadStripe(publishableKey); // from "@stripe/stripe-js/pure"
 * <DollrCheckoutProvider client={client} stripe={stripePromise} locale="en-LR">
 *   <CheckoutFlow source={{ type: "INVOICE", id: 42 }} onSuccess={…} onFailure={…} />
 * </DollrCheckoutProvider>
 */
export function DollrCheckoutProvider({
  client,
  stripe = null,
  locale,
  messages,
  queryClient,
  storage,
  children,
}: DollrCheckoutProviderProps) {
  if (!client || typeof client !== "object") {
    throw new Error(
      "<DollrCheckoutProvider> needs a `client`: pass createProxyClient({ baseUrl }) from @dollr-kit/core.",
    );
  }
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

  const parsed = useMemo(() => parseStripeProp(stripe), [stripe]);
  const [stripeState, setStripeState] = useState<StripeState>(() => initialStripeState(parsed));

  useEffect(() => {
    if (parsed.tag === "empty") return;
    if (parsed.tag === "sync") {
      setStripeState((current) =>
        current.status === "ready" ? current : { status: "ready", stripe: parsed.stripe },
      );
      return;
    }
    let live = true;
    setStripeState((current) =>
      current.status === "ready" || current.status === "loading"
        ? current
        : { status: "loading", stripe: null },
    );
    Promise.resolve(parsed.promise).then(
      (loaded) => {
        if (!live) return;
        setStripeState((current) => {
          if (current.status === "ready") return current;
          if (isStripe(loaded)) return { status: "ready", stripe: loaded };
          return {
            status: "unavailable",
            stripe: null,
            error: new Error("The `stripe` promise resolved to null: Stripe.js did not load."),
          };
        });
      },
      (error: unknown) => {
        if (!live) return;
        setStripeState((current) =>
          current.status === "ready" ? current : { status: "unavailable", stripe: null, error },
        );
      },
    );
    return () => {
      live = false;
    };
  }, [parsed]);

  const previousStripe = usePrevious(stripe);
  const previousClient = usePrevious(client);
  useEffect(() => {
    if (process.env.NODE_ENV === "production") return;
    if (
      previousStripe !== undefined &&
      previousStripe !== null &&
      previousStripe !== stripe &&
      stripeState.status === "ready"
    ) {
      devWarn(
        "Unsupported prop change on <DollrCheckoutProvider>: you cannot change the `stripe` prop after Stripe has loaded. Create the Stripe promise once, outside render (module scope or useState).",
      );
    }
    if (previousClient !== undefined && previousClient !== client) {
      devWarn(
        "<DollrCheckoutProvider>: the `client` prop changed after mount, which restarts every query and payment flow below. Create the client once (module scope, useState or useMemo), not on every render.",
      );
    }
  }, [stripe, previousStripe, client, previousClient, stripeState.status]);

  const t = useMemo(() => createTranslator(messages), [messages]);
  const clientKey = keyFor(client);

  const value = useMemo<DollrCheckoutContextValue>(
    () => ({
      client,
      clientKey,
      stripe: stripeState,
      locale,
      t,
      queryClient: effectiveQueryClient,
      storage,
    }),
    [client, clientKey, stripeState, locale, t, effectiveQueryClient, storage],
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
