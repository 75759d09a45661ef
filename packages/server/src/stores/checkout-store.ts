/**
 * The merchant's record of every source made from a cart (`createCartCheckout`): which order it
 * is for, whose it is, what it costs, and how it ended. One order reference makes at most one
 * source, whatever the number of calls racing for it (a reservation row first, claimed by one
 * caller under a lease); the reconciler follows each source by `GET /v1/status/source` until it
 * is PAID or CANCELED, since a hosted payment has no reference id the proxy could follow.
 */
import type { SourceRef } from "@dollr-kit/core/internal";
import { copyRecord } from "./copy.ts";

/** How the customer pays the source: on Dollr's page, or through the kit on the shop's page. */
export type CheckoutMode = "DIRECT" | "HOSTED";

/**
 * Where a checkout stands:
 * - `creating`: reserved by one caller, which is asking Dollr for the source (no source yet);
 * - `open`: the source exists and is not PAID or CANCELED yet;
 * - `paid` / `canceled`: Dollr's source status said so (final).
 */
export type CheckoutState = "creating" | "open" | "paid" | "canceled";

/** One order's checkout. */
export interface CheckoutRecord {
  /** The merchant's own order reference: one order, one source (the idempotency key). */
  orderReference: string;
  /** The merchant's id of the customer who checks out. */
  customerId: string;
  mode: CheckoutMode;
  /** A digest of the cart (lines, currency, mode): the same order must keep the same cart. */
  fingerprint: string;
  currency: string;
  state: CheckoutState;
  /** The source Dollr made; null while `creating`. */
  source: SourceRef | null;
  /** Dollr's number of the source (`ORD-2026-00012`); null while `creating`. */
  sourceNumber: string | null;
  /** Dollr's `total_amount`, a decimal string; null while `creating`. */
  total: string | null;
  /** HOSTED: Dollr's page for the customer (as Dollr answered it); null otherwise. */
  url: string | null;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
  /** Dollr's last source status word (`ACTIVE`, `PAID`, …), raw. */
  status: string | null;
  statusCheckedAt: string | null;
  /** When it became `paid` or `canceled`. */
  settledAt: string | null;
  /** When the merchant's `onSettled` was told of it; null until then. */
  notifiedAt: string | null;
  /** When the reconciler should next look at it; null = as soon as it can. */
  nextCheckAt: string | null;
  /** Source status reads the reconciler made (its backoff counts these). */
  checks: number;
  /** Who holds it for now (the creating caller, or a reconciler), and until when. */
  claimedBy: string | null;
  claimedUntil: string | null;
}

/** What `completeCheckout` writes once Dollr made the source. */
export interface CheckoutCreated {
  source: SourceRef;
  sourceNumber: string;
  total: string;
  currency: string;
  url: string | null;
  status: string | null;
  at: string;
}

/** The fields `updateCheckout` may change. */
export type CheckoutUpdate = Partial<
  Pick<
    CheckoutRecord,
    | "status"
    | "statusCheckedAt"
    | "updatedAt"
    | "nextCheckAt"
    | "checks"
    | "claimedBy"
    | "claimedUntil"
    | "notifiedAt"
  >
>;

const UPDATABLE: readonly (keyof CheckoutUpdate)[] = [
  "status",
  "statusCheckedAt",
  "updatedAt",
  "nextCheckAt",
  "checks",
  "claimedBy",
  "claimedUntil",
  "notifiedAt",
];

/** What `reserveCheckout` answers. */
export type ReserveResult =
  /** This caller holds the reservation: it may ask Dollr for the source. */
  | { reserved: true }
  /** The order is known: its record (another caller may still be `creating` it). */
  | { reserved: false; existing: CheckoutRecord };

/**
 * Where cart checkouts live. `createPostgresStores(client).checkouts` on PostgreSQL/PGlite; the
 * memory store for tests. The store conformance suite's `checkouts:` cases hold any to the rules.
 */
export interface CheckoutStore {
  /**
   * Reserves an order reference, atomically: a `creating` record with `claimedBy`/`claimedUntil`
   * set. Answers the existing record when the reference is known, unless it is a `creating`
   * one whose lease ran out at `record.createdAt` (its caller died): that one is taken over.
   */
  reserveCheckout(record: CheckoutRecord): Promise<ReserveResult>;
  /** Writes the source of a `creating` record `owner` holds (→ `open`, lease released). */
  completeCheckout(
    orderReference: string,
    owner: string,
    created: CheckoutCreated,
  ): Promise<CheckoutRecord | null>;
  /** Drops a `creating` record `owner` holds (Dollr made no source): the order may try again. */
  abandonCheckout(orderReference: string, owner: string): Promise<void>;
  getCheckout(orderReference: string): Promise<CheckoutRecord | null>;
  /** The checkout whose source this is, or null. */
  getCheckoutBySource(source: SourceRef): Promise<CheckoutRecord | null>;
  /** Changes bookkeeping fields (no-op when unknown). Never the state. */
  updateCheckout(orderReference: string, update: CheckoutUpdate): Promise<void>;
  /**
   * Moves an `open` checkout to `paid` or `canceled` (any other move is ignored), with
   * `settledAt` = `at`, the status word, `notifiedAt` and `nextCheckAt` = null. Answers the
   * record as it now is (null when unknown).
   */
  settleCheckout(
    orderReference: string,
    settlement: { state: "paid" | "canceled"; at: string; status: string },
  ): Promise<CheckoutRecord | null>;
  /**
   * Claims up to `limit` checkouts the reconciler has work for, oldest `nextCheckAt` first:
   * `open` ones, and `paid`/`canceled` ones not yet notified, whose `nextCheckAt` is null or
   * ≤ now and whose lease is free. Concurrent callers never get the same one.
   */
  claimDueCheckouts(options: {
    owner: string;
    now: string;
    leaseMs: number;
    limit: number;
  }): Promise<CheckoutRecord[]>;
}

/** Whether the reconciler has work for this checkout at `now`. */
export function isCheckoutDue(record: CheckoutRecord, now: string): boolean {
  const wanted =
    record.state === "open" ||
    ((record.state === "paid" || record.state === "canceled") && record.notifiedAt === null);
  return (
    wanted && (record.nextCheckAt === null || Date.parse(record.nextCheckAt) <= Date.parse(now))
  );
}

function leaseHeld(record: CheckoutRecord, owner: string | null, now: string): boolean {
  return (
    record.claimedBy !== null &&
    record.claimedBy !== owner &&
    record.claimedUntil !== null &&
    Date.parse(record.claimedUntil) > Date.parse(now)
  );
}

/** A `CheckoutStore` in process memory: for tests and demos (lost on restart). */
export function createMemoryCheckoutStore(): CheckoutStore {
  const records = new Map<string, CheckoutRecord>();
  const out = (record: CheckoutRecord | undefined) => (record ? copyRecord(record) : null);
  return {
    async reserveCheckout(record) {
      const existing = records.get(record.orderReference);
      if (
        existing &&
        !(existing.state === "creating" && !leaseHeld(existing, null, record.createdAt))
      ) {
        return { reserved: false, existing: copyRecord(existing) };
      }
      records.set(record.orderReference, copyRecord(record));
      return { reserved: true };
    },
    async completeCheckout(orderReference, owner, created) {
      const record = records.get(orderReference);
      if (record?.state !== "creating" || record.claimedBy !== owner) return out(record);
      const taken = [...records.values()].some(
        (r) =>
          r.source?.source_type === created.source.source_type &&
          r.source.source_id === created.source.source_id,
      );
      if (taken) throw new Error(`The source of ${orderReference} is another order's`);
      records.set(orderReference, {
        ...record,
        state: "open",
        source: { ...created.source },
        sourceNumber: created.sourceNumber,
        total: created.total,
        currency: created.currency,
        url: created.url,
        status: created.status,
        statusCheckedAt: created.status === null ? null : created.at,
        updatedAt: created.at,
        claimedBy: null,
        claimedUntil: null,
      });
      return out(records.get(orderReference));
    },
    async abandonCheckout(orderReference, owner) {
      const record = records.get(orderReference);
      if (record?.state === "creating" && record.claimedBy === owner) {
        records.delete(orderReference);
      }
    },
    async getCheckout(orderReference) {
      return out(records.get(orderReference));
    },
    async getCheckoutBySource(source) {
      return out(
        [...records.values()].find(
          (r) =>
            r.source?.source_type === source.source_type && r.source.source_id === source.source_id,
        ),
      );
    },
    async updateCheckout(orderReference, update) {
      const record = records.get(orderReference);
      if (!record) return;
      const change: Record<string, unknown> = {};
      for (const field of UPDATABLE) {
        const value = (update as Record<string, unknown>)[field];
        if (value !== undefined) change[field] = value;
      }
      records.set(orderReference, { ...record, ...change });
    },
    async settleCheckout(orderReference, { state, at, status }) {
      const record = records.get(orderReference);
      if (record?.state === "open") {
        records.set(orderReference, {
          ...record,
          state,
          status,
          statusCheckedAt: at,
          settledAt: at,
          updatedAt: at,
          notifiedAt: null,
          nextCheckAt: null,
        });
      }
      return out(records.get(orderReference));
    },
    async claimDueCheckouts({ owner, now, leaseMs, limit }) {
      const until = new Date(Date.parse(now) + leaseMs).toISOString();
      const due = [...records.values()]
        .filter((r) => isCheckoutDue(r, now) && !leaseHeld(r, owner, now))
        .sort((a, b) => (a.nextCheckAt ?? "").localeCompare(b.nextCheckAt ?? ""))
        .slice(0, Math.max(0, limit));
      return due.map((r) => {
        const claimed = { ...r, claimedBy: owner, claimedUntil: until };
        records.set(r.orderReference, claimed);
        return copyRecord(claimed);
      });
    },
  };
}
