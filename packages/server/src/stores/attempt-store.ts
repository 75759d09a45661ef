/**
 * The merchant's record of every checkout session it opened and every execute it forwarded.
 * Dollr has no webhooks: this record is how the merchant's server knows of every payment its
 * customers started, what the reconciler follows up, and what makes the server the authority on
 * "one payment per source": at most one open attempt per source, across every device and every
 * proxy instance, enforced by the store itself (a unique key in a database), never by a read
 * followed by a write.
 *
 * This module holds the records and the store's interface; the rules every store applies are in
 * `attempt-rules.ts`, the memory store in `memory-attempt-store.ts` (both re-exported here).
 */
import type { SourceRef } from "@dollr-kit/core/internal";

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

/**
 * Where an attempt stands, as the merchant's server knows it:
 * - `open`: it may still move money (no answer yet, ambiguous, or Dollr says in progress);
 * - `succeeded` / `failed`: Dollr gave a final status word;
 * - `not_landed`: Dollr refused the execute outright, or proved it never saw it (status 404 well
 *   after the execute ended);
 * - `unresolved`: still no final status long after its session expired; a person must look,
 *   and only the merchant's explicit `releaseAttempt` frees the source;
 * - `released`: an unresolved attempt the merchant released by hand.
 * `open` and `unresolved` hold their source: no other attempt for it may be recorded.
 */
export type AttemptOutcome =
  | "open"
  | "succeeded"
  | "failed"
  | "not_landed"
  | "unresolved"
  | "released";

/** One execute the proxy forwarded (or tried to). */
export interface AttemptRecord {
  /** The idempotency key the browser minted (UUID v4): one attempt, one id. */
  referenceId: string;
  operation: "COLLECTION" | "PAYOUT";
  customerId: string;
  /** Dollr's session id; null for an attempt adopted from Dollr's answer alone. */
  sessionId: string | null;
  /** The source being paid (collections); null for payouts. */
  source: SourceRef | null;
  /** The saved payment account (collections) or payout account (payouts); null when adopted. */
  paymentAccountId: string | null;
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
  /** When the execute request ended (answered or failed); null while out or never seen to end. */
  executeEndedAt: string | null;
  /** Where it stands (see `AttemptOutcome`). */
  outcome: AttemptOutcome;
  /** When `outcome` left `open` (for `unresolved`: when it was marked so); ISO 8601. */
  settledAt: string | null;
  /**
   * When the merchant's hook was told of the current outcome (`onSettled`, or `onUnresolved` for
   * `unresolved`); null until then. Reset when the outcome changes.
   */
  notifiedAt: string | null;
  /** When the reconciler should next look at it; null = as soon as it can. */
  nextCheckAt: string | null;
  /** How many status reads the reconciler made for it (its backoff counts these). */
  checks: number;
  /** Which reconciler holds it for now (a lease), and until when; null when nobody does. */
  claimedBy: string | null;
  claimedUntil: string | null;
}

/** The fields `updateAttempt` may change (everything but the attempt's identity). */
export type AttemptUpdate = Partial<
  Pick<
    AttemptRecord,
    | "status"
    | "statusCheckedAt"
    | "httpStatus"
    | "ambiguous"
    | "updatedAt"
    | "executeEndedAt"
    | "nextCheckAt"
    | "checks"
    | "claimedBy"
    | "claimedUntil"
    | "notifiedAt"
  >
>;

/** What `settleAttempt` writes. */
export interface Settlement {
  /** `open` only to reopen a `not_landed` attempt that landed after all. */
  outcome: AttemptOutcome;
  /** ISO 8601. */
  at: string;
  /** Dollr's word that decided it, when there was one. */
  status?: string | null;
}

/** Filter of `listAttempts`. */
export interface AttemptFilter {
  customerId?: string;
  /** Only attempts that hold their source (`open` or `unresolved`). */
  unsettled?: boolean;
  /** Only attempts of this source. */
  source?: SourceRef;
}

/** What `claimDue` takes. */
export interface ClaimOptions {
  /** The reconciler's id (several may share one store). */
  owner: string;
  /** ISO 8601 "now". */
  now: string;
  /** How long the claim holds, in ms; an owner that crashes loses it after this. */
  leaseMs: number;
  /** At most this many. */
  limit: number;
}

/** What `createAttempt` answers. */
export type CreateAttemptResult =
  | { created: true }
  /** This reference id is known already: the existing record. */
  | { created: false; existing: AttemptRecord }
  /** Another attempt holds this source (`open` or `unresolved`): that one. */
  | { created: false; busy: AttemptRecord };

/**
 * Where sessions and attempts live. Production backs it with PostgreSQL
 * (`@dollr-kit/server/postgres`); the memory store is for unit tests and demos and is refused in
 * production. Every store passes the store conformance suite (`stores/conformance.ts`).
 */
export interface AttemptStore {
  /** Records a session the proxy opened. */
  saveSession(session: SessionRecord): Promise<void>;
  /** The session, or null when the proxy never opened it (or has forgotten it). */
  getSession(sessionId: string): Promise<SessionRecord | null>;
  /**
   * Records an attempt, atomically: unless its reference id is already known (answers the
   * existing record), and unless another attempt of the same operation holds the same source
   * (answers that one as `busy`). A database store makes this one insert against unique keys
   * (the reference id; the source among holding attempts), so two proxies racing on one source
   * record exactly one.
   */
  createAttempt(attempt: AttemptRecord): Promise<CreateAttemptResult>;
  /** The attempt with this reference id, or null. */
  getAttempt(referenceId: string): Promise<AttemptRecord | null>;
  /** Changes an attempt's fields (no-op when unknown). Never changes `outcome`. */
  updateAttempt(referenceId: string, update: AttemptUpdate): Promise<void>;
  /**
   * Moves an attempt to a settled outcome, atomically, and answers the record as it now is (null
   * when unknown). Only these moves apply; any other leaves the record as it is:
   * - from `open` or `unresolved` to any outcome;
   * - from `not_landed` (not yet notified) to `succeeded` or `failed` (a late landing), or to
   *   `open` when no other attempt holds the source meanwhile;
   * - from `unresolved` to `released`.
   * When the outcome changes, `settledAt` = `at`, `notifiedAt` = null, `nextCheckAt` = null and
   * `status` (when given) is written.
   */
  settleAttempt(referenceId: string, settlement: Settlement): Promise<AttemptRecord | null>;
  /** The attempt holding this source (`open` or `unresolved`), or null. */
  holdingAttempt(
    source: SourceRef,
    operation?: "COLLECTION" | "PAYOUT",
  ): Promise<AttemptRecord | null>;
  /** Attempts, newest first. */
  listAttempts(filter?: AttemptFilter): Promise<AttemptRecord[]>;
  /**
   * Claims up to `limit` attempts the reconciler has work for, oldest `nextCheckAt` first, and
   * answers them with `claimedBy` = owner and `claimedUntil` = now + leaseMs written:
   * - `open` or `unresolved` ones whose `nextCheckAt` is null or ≤ now;
   * - settled or `unresolved` ones whose `notifiedAt` is null (the hook has not been told yet)
   *   and whose `nextCheckAt` is null or ≤ now;
   * in both cases only when no other owner's lease is still running. Concurrent callers never
   * get the same attempt (a database uses `FOR UPDATE SKIP LOCKED`).
   */
  claimDue(options: ClaimOptions): Promise<AttemptRecord[]>;
}

export {
  freshAttemptFields,
  HOLDING_OUTCOMES,
  isUnsettledAttempt,
  outcomeOfStatus,
  settleApplies,
} from "./attempt-rules.ts";
export { createMemoryAttemptStore } from "./memory-attempt-store.ts";
