/**
 * Mutual exclusion across tabs, so that two tabs (or two engines in one tab) never both execute
 * for one source. The engine holds a source's lock while it opens an attempt and sends its
 * execute, and while it concludes that an attempt did not land. It never waits for a lock: a
 * tab that cannot have it follows the attempt the holder writes instead.
 *
 * - Web Locks (`navigator.locks`) where present: released by the browser when a tab dies.
 * - Else a lease in storage, renewed while held and expiring if its tab dies; best effort, for
 *   the rare browser without Web Locks.
 * - `createMemoryLocks()` for tests and single-context use: engines sharing one behave like tabs.
 */
import { isRecord } from "../internal/is-record.ts";
import type { EngineClock } from "./clock.ts";
import type { StorageLike } from "./storage.ts";

/** The outcome of `tryWithLock`: the function's value, or that another holder has the lock. */
export type LockResult<T> = { acquired: true; value: T } | { acquired: false };

/** What the engine needs of a lock manager. */
export interface EngineLocks {
  /** Runs `fn` holding `name` exclusively, or returns `{ acquired: false }` at once if it is held. */
  tryWithLock<T>(name: string, fn: () => Promise<T>): Promise<LockResult<T>>;
}

/** The part of the Web Locks API used (`navigator.locks`). */
export interface WebLockManagerLike {
  request<T>(
    name: string,
    options: { ifAvailable: boolean },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T>;
}

const NOT_ACQUIRED = Object.freeze({ acquired: false as const });

/** Locks over the Web Locks API. */
export function createWebLocks(manager: WebLockManagerLike): EngineLocks {
  return {
    async tryWithLock<T>(name: string, fn: () => Promise<T>): Promise<LockResult<T>> {
      return manager.request(name, { ifAvailable: true }, async (lock) =>
        lock === null ? NOT_ACQUIRED : { acquired: true as const, value: await fn() },
      );
    },
  };
}

/** Locks held in this JavaScript context only. Share one between engines to play two tabs. */
export function createMemoryLocks(): EngineLocks & { isHeld(name: string): boolean } {
  const held = new Set<string>();
  return {
    isHeld: (name) => held.has(name),
    async tryWithLock<T>(name: string, fn: () => Promise<T>): Promise<LockResult<T>> {
      if (held.has(name)) return NOT_ACQUIRED;
      held.add(name);
      try {
        return { acquired: true, value: await fn() };
      } finally {
        held.delete(name);
      }
    },
  };
}

/** How long a storage lease lasts without renewal (a dead tab's lease frees after this). */
export const LEASE_TTL_MS = 10_000;
/** How long to wait after writing a lease before trusting it (a racing tab's write lands first). */
export const LEASE_SETTLE_MS = 50;

interface Lease {
  owner: string;
  until: number;
}

function readLease(storage: StorageLike, key: string): Lease | null {
  try {
    const value: unknown = JSON.parse(storage.getItem(key) ?? "null");
    return isRecord(value) && typeof value.owner === "string" && typeof value.until === "number"
      ? (value as unknown as Lease)
      : null;
  } catch {
    return null;
  }
}

/**
 * Locks over a lease in storage (`localStorage` is shared by an origin's tabs). Best effort: a
 * lease is written, left to settle, then read back; it is renewed while held.
 */
export function createStorageLeaseLocks(storage: StorageLike, clock: EngineClock): EngineLocks {
  const inThisContext = createMemoryLocks();
  let counter = 0;
  const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
  return {
    tryWithLock<T>(name: string, fn: () => Promise<T>): Promise<LockResult<T>> {
      return inThisContext
        .tryWithLock(name, async (): Promise<LockResult<T>> => {
          const key = `dollr-kit:v1:lock:${name}`;
          const current = readLease(storage, key);
          if (current && current.until > clock.now()) return NOT_ACQUIRED;
          counter += 1;
          const owner = `${clock.now()}:${counter}:${Math.random().toString(36).slice(2)}`;
          const write = () =>
            storage.setItem(key, JSON.stringify({ owner, until: clock.now() + LEASE_TTL_MS }));
          try {
            write();
          } catch {
            return NOT_ACQUIRED;
          }
          await sleep(LEASE_SETTLE_MS);
          if (readLease(storage, key)?.owner !== owner) return NOT_ACQUIRED;
          let renewing = true;
          let timer: unknown;
          const renew = () => {
            if (!renewing) return;
            try {
              write();
            } catch {
              // A failed renewal leaves the lease to expire; the holder finishes regardless.
            }
            timer = clock.setTimeout(renew, LEASE_TTL_MS / 3);
          };
          timer = clock.setTimeout(renew, LEASE_TTL_MS / 3);
          try {
            return { acquired: true, value: await fn() };
          } finally {
            renewing = false;
            clock.clearTimeout(timer);
            if (readLease(storage, key)?.owner === owner) storage.removeItem(key);
          }
        })
        .then((result) => (result.acquired ? result.value : NOT_ACQUIRED));
    },
  };
}

/**
 * The best locks this context has: Web Locks, else a storage lease over `storage`, else memory
 * (a context with neither has no other tabs to fear).
 */
export function defaultLocks(storage: StorageLike | undefined, clock: EngineClock): EngineLocks {
  const manager = (globalThis as { navigator?: { locks?: WebLockManagerLike } }).navigator?.locks;
  if (manager && typeof manager.request === "function") return createWebLocks(manager);
  if (storage) return createStorageLeaseLocks(storage, clock);
  return createMemoryLocks();
}
