/**
 * The storage the attempt ledger writes to: `localStorage` in a browser, memory elsewhere (tests,
 * SSR, a browser that refuses storage). Only the three calls the ledger needs.
 */

/** The part of the Web Storage API the ledger uses. `localStorage` satisfies it. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  /** Every key now (optional): lets the ledger collect records of long-settled payments. */
  keys?(): string[];
}

/** A storage whose writes can be watched: another tab's `storage` event, or a memory bus. */
export interface WatchableStorage extends StorageLike {
  /** Calls `listener` with the key after any write to it (by anyone sharing the storage). */
  watch(listener: (key: string) => void): () => void;
}

/** A `StorageLike` kept in memory, whose writes can be watched (stands in for two tabs' storage). */
export interface MemoryStorage extends WatchableStorage {
  /** Every key and value, for tests. */
  snapshot(): Record<string, string>;
}

/**
 * A storage in memory. Engines built over the same one behave like tabs of one origin sharing
 * `localStorage`: each sees the others' writes, and `watch` plays the `storage` event.
 */
export function createMemoryStorage(initial: Record<string, string> = {}): MemoryStorage {
  const items = new Map<string, string>(Object.entries(initial));
  const listeners = new Set<(key: string) => void>();
  const notify = (key: string) => {
    for (const listener of [...listeners]) listener(key);
  };
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, String(value));
      notify(key);
    },
    keys: () => [...items.keys()],
    removeItem: (key) => {
      items.delete(key);
      notify(key);
    },
    watch(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => Object.fromEntries(items),
  };
}

/**
 * The browser's `localStorage` with another tab's writes watchable through the `storage` event,
 * or undefined where there is none or it refuses access (SSR, some private modes).
 */
export function browserStorage(): WatchableStorage | undefined {
  const scope = globalThis as {
    localStorage?: StorageLike;
    addEventListener?: (type: string, listener: (event: { key: string | null }) => void) => void;
    removeEventListener?: (type: string, listener: (event: { key: string | null }) => void) => void;
  };
  let local: StorageLike | undefined;
  try {
    local = scope.localStorage;
    // Safari's private mode and blocked cookies throw on first use, not on access.
    const probe = "dollr-kit:probe";
    local?.setItem(probe, "1");
    local?.removeItem(probe);
  } catch {
    return undefined;
  }
  if (!local) return undefined;
  const store = local;
  return {
    getItem: (key) => store.getItem(key),
    setItem: (key, value) => store.setItem(key, value),
    removeItem: (key) => store.removeItem(key),
    keys() {
      const web = store as StorageLike & { length?: number; key?(index: number): string | null };
      const found: string[] = [];
      for (let index = 0; index < (web.length ?? 0); index += 1) {
        const key = web.key?.(index);
        if (typeof key === "string") found.push(key);
      }
      return found;
    },
    watch(listener) {
      const onStorage = (event: { key: string | null }) => {
        if (event.key !== null) listener(event.key);
      };
      scope.addEventListener?.("storage", onStorage);
      return () => scope.removeEventListener?.("storage", onStorage);
    },
  };
}
