/**
 * The merchant's record of every checkout session it opened and every execute it forwarded.
 * Dollr has no webhooks: this record is how the merchant's server knows of every payment its
 * customers started (and what a server-side follow-up will poll). It also carries what the
 * proxy checks on execute: which customer opened a session, for which source.
 */
import { normaliseExecutionStatus, type SourceRef } from "@dollr-kit/core";
import { copyRecord } from "./copy.ts";

/** A checkout (or payout) session the proxy opened. */
export interface SessionRecord {
  /** Dollr's session id, as a string. */
  sessionId: string;
  operation: "COLLECTION" | "PAYOUT";
  customerId: string;
  /** The source it pays (collections); null for payouts. */
  source: SourceRef | null;
  /** ISO 8601. */
  createdAt: string;
  /** Dollr's `expires_at` when it said; ISO 8601. */
  expiresAt: string | null;
}

/** One execute the proxy forwarded (or tried to). */
export interface AttemptRecord {
  /** The idempotency key the browser minted (UUID v4): one attempt, one id. */
  referenceId: string;
  operation: "COLLECTION" | "PAYOUT";
  customerId: string;
  sessionId: string;
  /** The source being paid (collections); null for payouts. */
  source: SourceRef | null;
  /** The saved payment account (collections) or payout account (payouts). */
  paymentAccountId: string;
  /** The payer currency (collections); null for payouts. */
  currency: string | null;
  /** When the proxy first received the execute; ISO 8601. */
  createdAt: string;
  /** When anything below last changed; ISO 8601. */
  updatedAt: string;
  /**
   * Dollr's last known status word (`PROCESSING`, `COMPLETED`, …), kept raw; `null` until Dollr
   * said one (e.g. the execute's answer was lost).
   */
  status: string | null;
  /** When `status` was last read from Dollr; ISO 8601. */
  statusCheckedAt: string | null;
  /** The execute's HTTP status from Dollr, when it answered. */
  httpStatus: number | null;
  /** True while it is unknown whether the execute landed (network loss, timeout, 5xx). */
  ambiguous: boolean;
}

/** The fields `updateAttempt` may change. */
export type AttemptUpdate = Partial<
  Pick<AttemptRecord, "status" | "statusCheckedAt" | "httpStatus" | "ambiguous" | "updatedAt">
>;

/** Filter of `listAttempts`. */
export interface AttemptFilter {
  customerId?: string;
  /** Only attempts whose outcome is not final yet (no status, ambiguous, or in progress). */
  unsettled?: boolean;
}

/** Where sessions and attempts live; production backs it with a table keyed by reference id. */
export interface AttemptStore {
  /** Records a session the proxy opened. */
  saveSession(session: SessionRecord): Promise<void>;
  /** The session, or null when the proxy never opened it (or has forgotten it). */
  getSession(sessionId: string): Promise<SessionRecord | null>;
  /**
   * Records an attempt unless its reference id is already known: this is the idempotency gate,
   * so a database store should make it one atomic insert on a unique key. Answers the existing
   * record when there is one.
   */
  createAttempt(
    attempt: AttemptRecord,
  ): Promise<{ created: true } | { created: false; existing: AttemptRecord }>;
  /** The attempt with this reference id, or null. */
  getAttempt(referenceId: string): Promise<AttemptRecord | null>;
  /** Changes an attempt's last known outcome (no-op when unknown). */
  updateAttempt(referenceId: string, update: AttemptUpdate): Promise<void>;
  /** Attempts, newest first. */
  listAttempts(filter?: AttemptFilter): Promise<AttemptRecord[]>;
}

/** Whether an attempt's outcome is still open: no status yet, ambiguous, or not final. */
export function isUnsettledAttempt(attempt: AttemptRecord): boolean {
  return (
    attempt.ambiguous ||
    attempt.status === null ||
    !normaliseExecutionStatus(attempt.status).terminal
  );
}

/** An `AttemptStore` in process memory: for development, tests and demos (lost on restart). */
export function createMemoryAttemptStore(): AttemptStore {
  const sessions = new Map<string, SessionRecord>();
  const attempts = new Map<string, AttemptRecord>();
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
      attempts.set(attempt.referenceId, copyRecord(attempt));
      return { created: true };
    },
    async getAttempt(referenceId) {
      const attempt = attempts.get(referenceId);
      return attempt ? copyRecord(attempt) : null;
    },
    async updateAttempt(referenceId, update) {
      const attempt = attempts.get(referenceId);
      if (attempt) attempts.set(referenceId, { ...attempt, ...copyRecord(update) });
    },
    async listAttempts(filter = {}) {
      return [...attempts.values()]
        .filter((a) => filter.customerId === undefined || a.customerId === filter.customerId)
        .filter((a) => !filter.unsettled || isUnsettledAttempt(a))
        .reverse()
        .map((a) => copyRecord(a));
    },
  };
}
