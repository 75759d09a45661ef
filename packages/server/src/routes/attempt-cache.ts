/**
 * The attempts this proxy instance has seen lately, in process memory. A browser polls status
 * every few seconds for minutes: answering an unchanged poll must not cost a database round
 * trip. The store stays the authority: the cache only spares reads of what cannot change (who
 * made an attempt, for which source) and writes of what did not change (the same status word).
 * Anything that may change the outcome reads and writes the store.
 */
import type { AttemptRecord } from "../stores/attempt-store.ts";

/** How many attempts one instance remembers (the oldest seen is forgotten first). */
export const ATTEMPT_CACHE_SIZE = 10_000;

export interface AttemptCache {
  get(referenceId: string): AttemptRecord | undefined;
  /** Remembers the record as the store now has it (pass the record the store answered). */
  set(record: AttemptRecord): void;
  delete(referenceId: string): void;
}

export function createAttemptCache(size = ATTEMPT_CACHE_SIZE): AttemptCache {
  const records = new Map<string, AttemptRecord>();
  return {
    get(referenceId) {
      return records.get(referenceId);
    },
    set(record) {
      records.delete(record.referenceId);
      records.set(record.referenceId, record);
      if (records.size > size) {
        const oldest = records.keys().next().value;
        if (oldest !== undefined) records.delete(oldest);
      }
    },
    delete(referenceId) {
      records.delete(referenceId);
    },
  };
}
