/**
 * Rows to records. Drivers differ in what they answer (`pg` gives `bigint` as a string, PGlite
 * as a number; both give `timestamptz` as a `Date`), so every column is read defensively:
 * timestamps become `toISOString()` strings, which is what the proxy writes, so a record comes
 * back exactly as it was saved.
 */
import type { SourceRef } from "@dollr-kit/core/internal";
import type { StoredPaymentAccount } from "../account-store.ts";
import type { AttemptRecord, SessionRecord } from "../attempt-store.ts";
import type { CheckoutRecord } from "../checkout-store.ts";

export type Row = Record<string, unknown>;

/** A `timestamptz` (Date or text) as ISO 8601, or null. */
export function isoOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return date.toISOString();
}

function iso(value: unknown): string {
  return isoOrNull(value) ?? "";
}

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function sourceOf(row: Row): SourceRef | null {
  if (row.source_type === null || row.source_type === undefined) return null;
  return {
    source_type: row.source_type as SourceRef["source_type"],
    // Stored as bigint; ids are at most 2^53 - 1 (the contract's limit), so Number is exact.
    source_id: Number(row.source_id),
  };
}

export function sessionFromRow(row: Row): SessionRecord {
  return {
    sessionId: String(row.session_id),
    operation: row.operation as SessionRecord["operation"],
    customerId: String(row.customer_id),
    source: sourceOf(row),
    createdAt: iso(row.created_at),
    expiresAt: isoOrNull(row.expires_at),
  };
}

export function attemptFromRow(row: Row): AttemptRecord {
  return {
    referenceId: String(row.reference_id),
    operation: row.operation as AttemptRecord["operation"],
    customerId: String(row.customer_id),
    sessionId: textOrNull(row.session_id),
    source: sourceOf(row),
    paymentAccountId: textOrNull(row.payment_account_id),
    currency: textOrNull(row.currency),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    status: textOrNull(row.status),
    statusCheckedAt: isoOrNull(row.status_checked_at),
    httpStatus: row.http_status === null ? null : Number(row.http_status),
    ambiguous: row.ambiguous === true,
    executeEndedAt: isoOrNull(row.execute_ended_at),
    outcome: row.outcome as AttemptRecord["outcome"],
    settledAt: isoOrNull(row.settled_at),
    notifiedAt: isoOrNull(row.notified_at),
    nextCheckAt: isoOrNull(row.next_check_at),
    checks: Number(row.checks),
    claimedBy: textOrNull(row.claimed_by),
    claimedUntil: isoOrNull(row.claimed_until),
  };
}

export function accountFromRow(row: Row): StoredPaymentAccount {
  return {
    id: String(row.id),
    customerId: String(row.customer_id),
    type: row.type as StoredPaymentAccount["type"],
    accountName: String(row.account_name),
    provider: String(row.provider),
    method: String(row.method),
    currencies: (row.currencies as unknown[]).map(String),
    countryCode: textOrNull(row.country_code),
    accountNumber: textOrNull(row.account_number),
    operator: textOrNull(row.operator),
    brand: textOrNull(row.brand),
    last4: textOrNull(row.last4),
    singleUse: row.single_use === true,
    usedByReferenceId: textOrNull(row.used_by_reference_id),
    createdAt: iso(row.created_at),
  };
}

export function checkoutFromRow(row: Row): CheckoutRecord {
  return {
    orderReference: String(row.order_reference),
    customerId: String(row.customer_id),
    mode: row.mode as CheckoutRecord["mode"],
    fingerprint: String(row.fingerprint),
    currency: String(row.currency),
    state: row.state as CheckoutRecord["state"],
    source: sourceOf(row),
    sourceNumber: textOrNull(row.source_number),
    total: textOrNull(row.total),
    url: textOrNull(row.url),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    status: textOrNull(row.status),
    statusCheckedAt: isoOrNull(row.status_checked_at),
    settledAt: isoOrNull(row.settled_at),
    notifiedAt: isoOrNull(row.notified_at),
    nextCheckAt: isoOrNull(row.next_check_at),
    checks: Number(row.checks),
    claimedBy: textOrNull(row.claimed_by),
    claimedUntil: isoOrNull(row.claimed_until),
  };
}
