/**
 * Small localStorage-backed stores (the cart, the developer settings) for useSyncExternalStore.
 */
import { useSyncExternalStore } from "react";

export interface Store<T> {
  get(): T;
  set(next: T | ((current: T) => T)): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<T>(
  key: string,
  initial: T,
  read: (raw: unknown) => T | null,
): Store<T> {
  const listeners = new Set<() => void>();
  let cached: { raw: string | null; value: T } | null = null;

  const load = (): T => {
    let raw: string | null = null;
    try {
      raw = window.localStorage.getItem(key);
    } catch {
      // Storage may be off (private mode): keep the value in memory.
    }
    if (cached && cached.raw === raw) return cached.value;
    let value = initial;
    if (raw !== null) {
      try {
        value = read(JSON.parse(raw)) ?? initial;
      } catch {
        value = initial;
      }
    }
    cached = { raw, value };
    return value;
  };

  const store: Store<T> = {
    get: load,
    set(next) {
      const value = typeof next === "function" ? (next as (current: T) => T)(load()) : next;
      const raw = JSON.stringify(value);
      try {
        window.localStorage.setItem(key, raw);
      } catch {
        // Memory only.
      }
      cached = { raw, value };
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      const onStorage = (event: StorageEvent) => {
        if (event.key === key || event.key === null) listener();
      };
      window.addEventListener("storage", onStorage);
      return () => {
        listeners.delete(listener);
        window.removeEventListener("storage", onStorage);
      };
    },
  };
  return store;
}

export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

// --- the cart: product id → quantity ------------------------------------------------------------

export type Cart = Record<string, number>;

export const cartStore = createStore<Cart>("kola:cart", {}, (raw) => {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const cart: Cart = {};
  for (const [id, qty] of Object.entries(raw)) {
    if (typeof qty === "number" && Number.isInteger(qty) && qty > 0 && qty <= 10) cart[id] = qty;
  }
  return cart;
});

export function setQuantity(productId: string, qty: number): void {
  cartStore.set((cart) => {
    const next = { ...cart };
    if (qty <= 0) delete next[productId];
    else next[productId] = Math.min(10, qty);
    return next;
  });
}

/**
 * The cart's basket id: minted at the first checkout of a cart, kept while the cart is the same
 * purchase (even if its contents change), and dropped with the cart once the order is paid. The
 * server answers a basket it knows with its order instead of making a second one.
 */
export const basketStore = createStore<string | null>("kola:basket", null, (raw) =>
  typeof raw === "string" && /^[0-9a-f-]{36}$/.test(raw) ? raw : null,
);

export function basketId(): string {
  const known = basketStore.get();
  if (known) return known;
  const id = crypto.randomUUID();
  basketStore.set(id);
  return id;
}

/** The purchase is over (its order is paid): an empty cart, and the next one is a new basket. */
export function endBasket(): void {
  cartStore.set({});
  basketStore.set(null);
}

// --- developer settings (simulator mode) ---------------------------------------------------------

export interface DevSettings {
  /** Stop polling after this long instead of the proxy's `give_up_after_ms` (null: as configured). */
  pollCapMs: number | null;
  /** Whether the developer panel is open. */
  panelOpen: boolean;
}

export const devSettingsStore = createStore<DevSettings>(
  "kola:dev",
  { pollCapMs: null, panelOpen: true },
  (raw) => {
    if (typeof raw !== "object" || raw === null) return null;
    const { pollCapMs, panelOpen } = raw as Partial<DevSettings>;
    return {
      pollCapMs: typeof pollCapMs === "number" && pollCapMs > 0 ? pollCapMs : null,
      panelOpen: panelOpen !== false,
    };
  },
);
