/**
 * Writing what the proxy learns about an attempt into the store, shared by the execute and the
 * status routes. A write happens only when something changed, and a store failure never hides
 * Dollr's answer from the browser: it is logged, and the next read (or the reconciler) catches up.
 */
import { type Answer, definite, problem } from "../http.ts";
import { describeError } from "../logging.ts";
import type { DollrCustomer } from "../options.ts";
import type { StoredPaymentAccount } from "../stores/account-store.ts";
import {
  type AttemptOutcome,
  type AttemptRecord,
  type AttemptUpdate,
  outcomeOfStatus,
  type SessionRecord,
  settleApplies,
} from "../stores/attempt-store.ts";
import { accountKey } from "./recent-cache.ts";
import type { RouteScope } from "./route.ts";

// biome-ignore lint/suspicious/noExplicitAny: shared by collection and payout routes.
export type AnyScope<Customer extends DollrCustomer> = RouteScope<Customer, any, any>;

export const isoNow = <Customer extends DollrCustomer>(scope: AnyScope<Customer>): string =>
  new Date(scope.shared.options.now()).toISOString();

/** Dollr's status word in an answer, when it is a plausible one. */
export function statusWord(json: unknown): string | null {
  const status = (json as { status?: unknown } | null)?.status;
  return typeof status === "string" && status.length <= 64 ? status : null;
}

/** A session this instance opened lately, else the store's (then remembered). */
export async function findSession<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  sessionId: string,
): Promise<SessionRecord | null> {
  const { recent, options } = scope.shared;
  const cached = recent.sessions.get(sessionId);
  if (cached) return cached;
  const stored = await options.attempts.getSession(sessionId);
  if (stored) recent.sessions.set(sessionId, stored);
  return stored;
}

/** One of the customer's saved accounts, as this instance saw it lately or as the store has it. */
export async function findAccount<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  accountId: string,
): Promise<StoredPaymentAccount | null> {
  const { recent, options } = scope.shared;
  const key = accountKey(scope.customer.id, accountId);
  const cached = recent.accounts.get(key);
  if (cached) return cached;
  const stored = await options.accounts.get(scope.customer.id, accountId);
  // Single-use cards change (bound, freed): only reusable wallets are remembered.
  if (stored && !stored.singleUse) recent.accounts.set(key, stored);
  return stored;
}

/** Changes fields of an attempt (and the cached copy); a store failure is logged. */
export async function updateRecord<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  record: AttemptRecord,
  change: Omit<AttemptUpdate, "updatedAt">,
): Promise<AttemptRecord> {
  const at = isoNow(scope);
  const next = { ...record, ...change, updatedAt: at };
  try {
    await scope.shared.options.attempts.updateAttempt(record.referenceId, {
      ...change,
      updatedAt: at,
    });
    scope.shared.recent.attempts.set(next.referenceId, next);
  } catch (error) {
    scope.shared.recent.attempts.delete(record.referenceId);
    scope.log.error("attempt.update_failed", {
      reference_id: record.referenceId,
      ...describeError(error),
    });
  }
  return next;
}

/** Moves an attempt to an outcome (atomic in the store); answers the record as it now is. */
export async function settleRecord<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  record: AttemptRecord,
  outcome: AttemptOutcome,
  status?: string | null,
): Promise<AttemptRecord> {
  try {
    const settled = await scope.shared.options.attempts.settleAttempt(record.referenceId, {
      outcome,
      at: isoNow(scope),
      ...(status !== undefined ? { status } : {}),
    });
    if (!settled) return record;
    scope.shared.recent.attempts.set(settled.referenceId, settled);
    if (settled.outcome !== record.outcome) {
      scope.log.info("attempt.settled", {
        reference_id: record.referenceId,
        outcome: settled.outcome,
        status: settled.status,
      });
    }
    return settled;
  } catch (error) {
    scope.shared.recent.attempts.delete(record.referenceId);
    scope.log.error("attempt.settle_failed", {
      reference_id: record.referenceId,
      ...describeError(error),
    });
    return record;
  }
}

/**
 * Records a status word Dollr answered for an attempt: a final word settles it; a word in
 * progress reopens a `not_landed` attempt that landed after all; an unchanged word writes
 * nothing (a poll must not wait on the database when nothing changed).
 */
export async function recordStatus<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  record: AttemptRecord,
  word: string | null,
  /** More fields to write in the same round trip (the execute's answer). */
  also: Omit<AttemptUpdate, "updatedAt"> = {},
): Promise<AttemptRecord> {
  const final = outcomeOfStatus(word);
  const change = { ...also, status: word, statusCheckedAt: isoNow(scope), ambiguous: false };
  const pending = Object.keys(also).length > 0;
  if (final !== null && settleApplies(record, final)) {
    if (pending || record.status !== word || record.ambiguous) {
      record = await updateRecord(scope, record, change);
    }
    return settleRecord(scope, record, final, word);
  }
  if (final === null && word !== null && record.outcome === "not_landed") {
    scope.log.warn("attempt.landed_late", { reference_id: record.referenceId, status: word });
    record = await settleRecord(scope, record, "open", word);
  }
  if (!pending && final !== null && record.outcome !== "open") return record;
  if (!pending && word === record.status && !record.ambiguous) return record;
  return updateRecord(scope, record, change);
}

/** `409 SOURCE_BUSY`: another attempt holds the source; the browser may follow it. */
export function sourceBusy(holder: AttemptRecord): Answer {
  return problem(409, "SOURCE_BUSY", "A payment for this source is already in progress", {
    ambiguous: false,
    reference_id: holder.referenceId,
    status: holder.status,
  });
}

/** The store could not be read or written before anything was sent. */
export function storeUnavailable(what: string): Answer {
  return definite(problem(503, "STORE_UNAVAILABLE", what));
}
