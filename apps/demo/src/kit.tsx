/**
 * The kit's set-up for the whole app: one proxy client, one QueryClient, card payments (the
 * `cards` plug-in from `@dollr-kit/react/cards`: the fake Stripe with the simulator's key, real
 * Stripe.js otherwise, loaded only at the first card need), realtime status hints, and the
 * polling policy from the proxy's `/kit/config`.
 */
import {
  browserStorage,
  createProxyClient,
  type KitConfig,
  type PollingPolicy,
  pollingPolicyFromSettings,
} from "@dollr-kit/core";
import { type StripeCards, stripeCards } from "@dollr-kit/react/cards";
import { supabaseRealtime } from "@dollr-kit/react/realtime";
import { QueryClient, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { devSettingsStore, useStore } from "./store.ts";

export const client = createProxyClient({ baseUrl: "/api/dollr" });

/**
 * Realtime status hints: with the proxy's `/kit/config` `realtime` set, a checkout waiting on a
 * payment reads its status as soon as Dollr's Supabase Realtime says it moved (supabase-js loads
 * then, as its own chunk); without it, nothing is loaded and polling alone follows the payment.
 */
export const realtime = supabaseRealtime();

export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});

/** The simulator's made-up publishable key: it means "use the fake Stripe". */
export const SIMULATOR_STRIPE_KEY = "pk_test_dollr_simulator";

export const LOCALE = "en-US";

const plugins = new Map<string, StripeCards>();

/**
 * The provider's `cards` for a publishable key: one plug-in per key, made with a loader that the
 * kit calls only at the first card need (the customer opens "add a card", chooses a saved card,
 * or 3D Secure asks). A mobile-money payment never calls it, so it requests no Stripe.js. Both
 * the fake and Stripe.js's loader are separate chunks; `@stripe/stripe-js/pure` adds no
 * `<script>` until `loadStripe` runs. No key: no cards.
 */
export function cardsFor(key: string | null | undefined): StripeCards | null {
  if (!key) return null;
  let cards = plugins.get(key);
  if (!cards) {
    cards = stripeCards(
      key === SIMULATOR_STRIPE_KEY
        ? () =>
            import("@dollr-kit/react/cards/testing").then(
              // The fake tells the simulator (on this origin) how each 3D Secure challenge ended.
              ({ createFakeStripe }) => createFakeStripe({ baseUrl: "" }).stripe,
            )
        : () => import("@stripe/stripe-js/pure").then(({ loadStripe }) => loadStripe(key)),
    );
    plugins.set(key, cards);
  }
  return cards;
}

/** What the provider's `storage` takes: the ledger's three calls, plus other tabs' writes. */
export interface ScopedStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  watch(listener: (key: string) => void): () => void;
}

const SCOPE_PREFIX = "kola:";

/**
 * `localStorage` for the kit's attempt ledger, with every key under the server instance's scope.
 * The simulator numbers orders from 5001 again after each restart or reset; without a scope, a
 * payment remembered for an old "order 5001" would be resumed on the new one. Keys of earlier
 * simulator instances are removed. Other tabs' writes still reach the engine (`watch`).
 */
export function scopedStorage(instance: string): ScopedStorage | undefined {
  const base = browserStorage();
  if (!base) return undefined;
  const prefix = `${SCOPE_PREFIX}${instance}:`;
  try {
    for (const key of Object.keys(window.localStorage)) {
      if (key.startsWith(`${SCOPE_PREFIX}sim-`) && !key.startsWith(prefix)) {
        window.localStorage.removeItem(key);
      }
    }
  } catch {
    // Storage refused: nothing to clean.
  }
  return {
    getItem: (key) => base.getItem(prefix + key),
    setItem: (key, value) => base.setItem(prefix + key, value),
    removeItem: (key) => base.removeItem(prefix + key),
    watch: (listener) =>
      base.watch((key) => {
        if (key.startsWith(prefix)) listener(key.slice(prefix.length));
      }),
  };
}

export function useKitConfig() {
  return useQuery<KitConfig>({
    queryKey: ["demo", "kit-config"],
    queryFn: ({ signal }) => client.getConfig({ signal }),
    staleTime: Number.POSITIVE_INFINITY,
    retry: 2,
  });
}

/**
 * The merchant's polling settings from `/kit/config`; in simulator mode the developer panel may
 * stop the wait sooner (to see `expired` without waiting a quarter of an hour).
 */
export function usePollingPolicy(
  config: KitConfig | undefined,
  simulator: boolean,
): PollingPolicy | undefined {
  const settings = useStore(devSettingsStore);
  const pollCapMs = simulator ? settings.pollCapMs : null;
  const polling = config?.polling;
  return useMemo(() => {
    if (!polling) return undefined;
    const policy = pollingPolicyFromSettings(polling);
    return pollCapMs === null ? policy : { ...policy, capMs: pollCapMs };
  }, [polling, pollCapMs]);
}
