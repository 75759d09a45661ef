/**
 * Collects the ledger's records of long-settled payments, so a customer's storage does not keep
 * every source they ever paid. A record with an attempt that may still move money (`open`,
 * `unverified`) is never collected, nor one the ledger cannot read (its backup is what a person
 * would need): only those whose every attempt closed more than `maxAgeMs` ago, and backups of
 * unreadable records older than that.
 */
import {
  LEDGER_KEY_PREFIX,
  LEDGER_VERSION,
  PENDING_OUTCOMES,
  parseAttempt,
} from "./ledger-record.ts";
import type { StorageLike } from "./storage.ts";

/** How long the record of a settled payment is kept: a reload within it still shows the result. */
export const SETTLED_RECORD_TTL_MS = 30 * 24 * 3_600_000;

/** Removes expired records; answers how many keys were removed. Storage errors remove nothing. */
export function collectSettledRecords(
  storage: StorageLike,
  now: number,
  maxAgeMs = SETTLED_RECORD_TTL_MS,
): number {
  let keys: string[];
  try {
    keys = storage.keys?.() ?? [];
  } catch {
    return 0;
  }
  let removed = 0;
  for (const key of keys) {
    if (!key.startsWith(LEDGER_KEY_PREFIX)) continue;
    try {
      if (!expired(key, storage.getItem(key), now - maxAgeMs)) continue;
      storage.removeItem(key);
      removed += 1;
    } catch {
      // A storage that refuses now is asked again on the next start.
    }
  }
  return removed;
}

function expired(key: string, raw: string | null, before: number): boolean {
  if (raw === null) return false;
  const backupAt = /:corrupt:(\d+)$/.exec(key);
  if (backupAt) return Number(backupAt[1]) < before;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return false;
  }
  const record = parsed as { v?: unknown; attempts?: unknown };
  if (record?.v !== LEDGER_VERSION || !Array.isArray(record.attempts)) return false;
  const attempts = record.attempts.map(parseAttempt);
  if (attempts.length === 0 || attempts.some((attempt) => attempt === null)) return false;
  return attempts.every(
    (attempt) =>
      attempt !== null &&
      !PENDING_OUTCOMES.includes(attempt.outcome) &&
      (attempt.closedAt ?? Number.POSITIVE_INFINITY) < before,
  );
}
