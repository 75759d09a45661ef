/**
 * The `AttemptStore` for unit tests and demos: sessions and attempts in two maps, every record
 * copied in and out so a caller's object never aliases what is stored.
 */
import type { SourceRef } from "@dollr-kit/core/internal";
import { isDue, isUnsettledAttempt, leaseRunning, settleApplies } from "./attempt-rules.ts";
import type { AttemptRecord, AttemptStore, AttemptUpdate, SessionRecord } from "./attempt-store.ts";
import { copyRecord } from "./copy.ts";

/** The keys of `AttemptUpdate` (what `updateAttempt` may write). */
const UPDATABLE_FIELDS: readonly (keyof AttemptUpdate)[] = [
  "status",
  "statusCheckedAt",
  "httpStatus",
  "ambiguous",
  "updatedAt",
  "executeEndedAt",
  "nextCheckAt",
  "checks",
  "claimedBy",
  "claimedUntil",
  "notifiedAt",
];

function sameSource(a: SourceRef | null, b: SourceRef | null): boolean {
  return (
    a !== null &&
    b !== null &&
    a.source_type === b.source_type &&
    String(a.source_id) === String(b.source_id)
  );
}

/**
 * An `AttemptStore` in process memory: for unit tests and demos (lost on restart, one process
 * only). `createDollrProxy` refuses it when `NODE_ENV` is `production`.
 */
export function createMemoryAttemptStore(): AttemptStore {
  const sessions = new Map<string, SessionRecord>();
  const attempts = new Map<string, AttemptRecord>();
  const holding = (source: SourceRef, operation: string, except?: string) =>
    [...attempts.values()].find(
      (a) =>
        a.referenceId !== except &&
        a.operation === operation &&
        isUnsettledAttempt(a) &&
        sameSource(a.source, source),
    ) ?? null;
  return {
    async saveSession(session) {
      sessions.set(session.sessionId, copyRecord(session));
    },
    async getSession(sessionId) {
      const session = sessions.get(sessionId);
      return session ? copyRecord(session) : null;
    },
    async createAttempt(attempt) {
      const existing = attempts.get(attempt.referenceId);
      if (existing) return { created: false, existing: copyRecord(existing) };
      if (attempt.source && isUnsettledAttempt(attempt)) {
        const busy = holding(attempt.source, attempt.operation);
        if (busy) return { created: false, busy: copyRecord(busy) };
      }
      attempts.set(attempt.referenceId, copyRecord(attempt));
      return { created: true };
    },
    async getAttempt(referenceId) {
      const attempt = attempts.get(referenceId);
      return attempt ? copyRecord(attempt) : null;
    },
    async updateAttempt(referenceId, update) {
      const attempt = attempts.get(referenceId);
      if (!attempt) return;
      // Only the fields of `AttemptUpdate`, and only those given: never the outcome or the
      // attempt's identity, and an `undefined` never erases a stored value.
      const change: Record<string, unknown> = {};
      for (const field of UPDATABLE_FIELDS) {
        const value = (update as Record<string, unknown>)[field];
        if (value !== undefined) change[field] = copyRecord(value);
      }
      attempts.set(referenceId, { ...attempt, ...change });
    },
    async settleAttempt(referenceId, settlement) {
      const attempt = attempts.get(referenceId);
      if (!attempt) return null;
      if (settleApplies(attempt, settlement.outcome)) {
        // Only reopening holds the source again; a late final word holds nothing.
        const reopening = settlement.outcome === "open";
        const blocked =
          reopening && attempt.source && holding(attempt.source, attempt.operation, referenceId);
        if (!blocked) {
          attempts.set(referenceId, {
            ...attempt,
            outcome: settlement.outcome,
            settledAt: settlement.outcome === "open" ? null : settlement.at,
            notifiedAt: null,
            nextCheckAt: null,
            updatedAt: settlement.at,
            ...(settlement.status !== undefined ? { status: settlement.status } : {}),
          });
        }
      }
      return copyRecord(attempts.get(referenceId) as AttemptRecord);
    },
    async holdingAttempt(source, operation = "COLLECTION") {
      const found = holding(source, operation);
      return found ? copyRecord(found) : null;
    },
    async listAttempts(filter = {}) {
      return [...attempts.values()]
        .filter((a) => filter.customerId === undefined || a.customerId === filter.customerId)
        .filter((a) => !filter.unsettled || isUnsettledAttempt(a))
        .filter((a) => !filter.source || sameSource(a.source, filter.source))
        .reverse()
        .map((a) => copyRecord(a));
    },
    async claimDue({ owner, now, leaseMs, limit }) {
      const until = new Date(Date.parse(now) + leaseMs).toISOString();
      const due = [...attempts.values()]
        .filter((a) => isDue(a, now) && !leaseRunning(a, owner, now))
        .sort((a, b) => (a.nextCheckAt ?? "").localeCompare(b.nextCheckAt ?? ""))
        .slice(0, Math.max(0, limit));
      return due.map((a) => {
        const claimed = { ...a, claimedBy: owner, claimedUntil: until };
        attempts.set(a.referenceId, claimed);
        return copyRecord(claimed);
      });
    },
  };
}
