/**
 * What this proxy instance saw lately, in process memory, so that a browser's polls and its
 * execute do not each cost database round trips. The stores stay the authority: a cache only
 * spares reads of what cannot change (who made an attempt or a session, for which source; which
 * customer owns an account, in which currencies) and writes of what did not change. Anything that
 * may change an outcome reads and writes the store.
 */
import type { StoredPaymentAccount } from "../stores/account-store.ts";
import type { AttemptRecord, SessionRecord } from "../stores/attempt-store.ts";

/** How many entries of each kind one instance remembers (the oldest seen is forgotten first). */
export const RECENT_CACHE_SIZE = 10_000;

/** A bounded map that forgets its oldest entry first. */
export interface RecentCache<T> {
  get(key: string): T | undefined;
  set(key: string, value: T): void;
  delete(key: string): void;
}

export function createRecentCache<T>(size = RECENT_CACHE_SIZE): RecentCache<T> {
  const entries = new Map<string, T>();
  return {
    get: (key) => entries.get(key),
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > size) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
    },
    delete(key) {
      entries.delete(key);
    },
  };
}

/** The attempts, sessions and accounts one instance saw lately. */
export interface RecentRecords {
  /** By reference id: the record as the store last answered or took it. */
  attempts: RecentCache<AttemptRecord>;
  /** By session id: sessions never change once opened. */
  sessions: RecentCache<SessionRecord>;
  /**
   * By `customerId:accountId`, reusable wallets only: their owner and currencies never change.
   * Single-use cards are always read from the store (they are bound and freed).
   */
  accounts: RecentCache<StoredPaymentAccount>;
}

export function createRecentRecords(): RecentRecords {
  return {
    attempts: createRecentCache(),
    sessions: createRecentCache(),
    accounts: createRecentCache(),
  };
}

export const accountKey = (customerId: string, accountId: string): string =>
  `${customerId}:${accountId}`;
