import type { Stripe } from "@stripe/stripe-js";
import { QueryClient, QueryClientContext } from "@tanstack/react-query";
import {
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import type { DollrClient } from "../internal/client.ts";
import { devWarn } from "../internal/dev.ts";
import { isServer } from "../internal/env.ts";
import { useLatest } from "../internal/use-latest.ts";
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
   * Stripe, for card payments. Best: a loader, `() => loadStripe(key)` with `loadStripe` from
   * `@stripe/stripe-js/pure`: cards are offered at once, and the kit calls it only at the first
   * card need (the customer opens "add a card", chooses or pays with a saved card, or 3D Secure
   * needs it), once, so a mobile-money payment requests no Stripe.js at all. Also: an instance,
   * the promise `loadStripe()` returns (Stripe.js is requested up front), or `null` (cards off,
   * or not loaded yet). A load that rejects or resolves to null leaves cards unavailable (shown
   * as such) while mobile money keeps working; a loader is tried again at the next card need,
   * a promise when a new one is passed.
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

const NO_STRIPE = "The `stripe` prop gave null: Stripe.js did not load.";
const LAZY = { tag: "lazy" } as const;
const IDLE: StripeState = { status: "idle", stripe: null };
const LOADING: StripeState = { status: "loading", stripe: null };

const ready = (stripe: Stripe): StripeState => ({ status: "ready", stripe });

const unavailable = (error: unknown, retryable: boolean): StripeState => ({
  status: "unavailable",
  stripe: null,
  error,
  retryable,
});

/** A state update that keeps a Stripe that is ready: a late or second result never replaces it. */
const unlessReady = (next: StripeState) => (current: StripeState) =>
  current.status === "ready" ? current : next;

function initialStripeState(parsed: ParsedStripeProp): StripeState {
  if (parsed.tag === "sync") return ready(parsed.stripe);
  if (parsed.tag === "async") return LOADING;
  if (parsed.tag === "lazy") return IDLE;
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
 * Warns (development only) when `stripe` or `client` change after mount. In production builds it
 * is a no-op, so the previous-value tracking is stripped with the messages.
 */
const useDevPropChangeWarnings: (
  stripe: unknown,
  client: DollrClient,
  stripeStatus: StripeState["status"],
) => void =
  process.env.NODE_ENV === "production"
    ? () => {}
    : (stripe, client, stripeStatus) => {
        const previousStripe = usePrevious(stripe);
        const previousClient = usePrevious(client);
        useEffect(() => {
          if (
            previousStripe !== undefined &&
            previousStripe !== null &&
            previousStripe !== stripe &&
            // A new loader function (e.g. an inline arrow) is the same loader: it is never called again.
            !(typeof previousStripe === "function" && typeof stripe === "function") &&
            stripeStatus === "ready"
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
        }, [stripe, previousStripe, client, previousClient, stripeStatus]);
      };

/**
 * Gives the kit's hooks and components the proxy client, Stripe, the locale, the messages and a
 * QueryClient. Renders no element of its own.
 *
 * @example
 * const client = createProxyClient({ baseUrl: "/api/dollr" });
 * const stripe = () => loadStripe(publishableKey); // from "@stripe/stripe-js/pure"
 * <DollrCheckoutProvider client={client} stripe={stripe} locale="en-LR">
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
  // A loader is read through a ref when it is called: an inline `() => loadStripe(key)` (a new
  // function on every render) is still the same loader, and is never called again for it.
  const loader = useLatest(parsed.tag === "lazy" ? parsed.load : null);
  const latestState = useLatest(stripeState);
  /** The loader's promise while it runs and after it succeeded; null again after a failure. */
  const loaded = useRef<PromiseLike<unknown> | null>(null);
  const source = parsed.tag === "lazy" ? LAZY : parsed;

  useEffect(() => {
    if (source.tag === "empty") return;
    if (source.tag === "lazy") {
      setStripeState((current) =>
        current.status === "ready" || loaded.current !== null ? current : IDLE,
      );
      return;
    }
    if (source.tag === "sync") {
      setStripeState(unlessReady(ready(source.stripe)));
      return;
    }
    let live = true;
    setStripeState((current) =>
      current.status === "ready" || current.status === "loading" ? current : LOADING,
    );
    Promise.resolve(source.promise).then(
      (value) => {
        if (live) {
          setStripeState(
            unlessReady(isStripe(value) ? ready(value) : unavailable(new Error(NO_STRIPE), false)),
          );
        }
      },
      (error: unknown) => {
        if (live) setStripeState(unlessReady(unavailable(error, false)));
      },
    );
    return () => {
      live = false;
    };
  }, [source]);

  const requestStripe = useCallback(() => {
    const load = loader.current;
    if (!load || loaded.current !== null || isServer()) return;
    if (latestState.current.status === "ready") return;
    let result: PromiseLike<Stripe | null> | Stripe | null;
    try {
      result = load();
    } catch (error) {
      result = Promise.reject(error);
    }
    const promise = Promise.resolve(result);
    loaded.current = promise;
    setStripeState(unlessReady(LOADING));
    const failed = (error: unknown) => {
      if (loaded.current === promise) loaded.current = null;
      // The prop is no longer a loader (cards turned off, or another Stripe given): not ours.
      if (loader.current) setStripeState(unlessReady(unavailable(error, true)));
    };
    promise.then((value) => {
      if (!isStripe(value)) {
        failed(new Error(NO_STRIPE));
        return;
      }
      if (loader.current) setStripeState(unlessReady(ready(value)));
    }, failed);
  }, [loader, latestState]);

  useDevPropChangeWarnings(stripe, client, stripeState.status);

  const t = useMemo(() => createTranslator(messages), [messages]);
  const clientKey = keyFor(client);

  const value = useMemo<DollrCheckoutContextValue>(
    () => ({
      client,
      clientKey,
      stripe: stripeState,
      requestStripe,
      locale,
      t,
      queryClient: effectiveQueryClient,
      storage,
    }),
    [client, clientKey, stripeState, requestStripe, locale, t, effectiveQueryClient, storage],
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
