/**
 * `CheckoutStore` on PostgreSQL (or PGlite). "One order, one source" is the primary key: a
 * reservation is one insert, and taking over a dead caller's reservation is one conditional
 * update; `claimDueCheckouts` locks with `FOR UPDATE SKIP LOCKED` like the attempts' claims.
 */
import type { CheckoutRecord, CheckoutStore, CheckoutUpdate } from "../checkout-store.ts";
import { SCHEMA } from "./migrations.ts";
import { checkoutFromRow, type Row } from "./rows.ts";
import type { SqlClient } from "./sql-client.ts";

const CHECKOUTS = `${SCHEMA}.checkouts`;

const COLUMNS = [
  "order_reference",
  "customer_id",
  "mode",
  "fingerprint",
  "currency",
  "state",
  "source_type",
  "source_id",
  "source_number",
  "total",
  "url",
  "created_at",
  "updated_at",
  "status",
  "status_checked_at",
  "settled_at",
  "notified_at",
  "next_check_at",
  "checks",
  "claimed_by",
  "claimed_until",
] as const;

function values(c: CheckoutRecord): unknown[] {
  return [
    c.orderReference,
    c.customerId,
    c.mode,
    c.fingerprint,
    c.currency,
    c.state,
    c.source?.source_type ?? null,
    c.source?.source_id ?? null,
    c.sourceNumber,
    c.total,
    c.url,
    c.createdAt,
    c.updatedAt,
    c.status,
    c.statusCheckedAt,
    c.settledAt,
    c.notifiedAt,
    c.nextCheckAt,
    c.checks,
    c.claimedBy,
    c.claimedUntil,
  ];
}

const INSERT = `INSERT INTO ${CHECKOUTS} (${COLUMNS.join(", ")})
  VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(", ")})
  ON CONFLICT DO NOTHING RETURNING order_reference`;

/** A `creating` row whose caller's lease ran out: the new caller's reservation replaces it. */
const TAKE_OVER = `UPDATE ${CHECKOUTS} SET (${COLUMNS.slice(1).join(", ")}) =
    (${COLUMNS.slice(1)
      .map((_, i) => `$${i + 2}`)
      .join(", ")})
  WHERE order_reference = $1 AND state = 'creating'
    AND (claimed_until IS NULL OR claimed_until <= $12::timestamptz)
  RETURNING order_reference`;

const COMPLETE = `UPDATE ${CHECKOUTS} SET state = 'open', source_type = $3, source_id = $4,
    source_number = $5, total = $6, currency = $7, url = $8, status = $9,
    status_checked_at = CASE WHEN $9::text IS NULL THEN NULL ELSE $10::timestamptz END,
    updated_at = $10::timestamptz, claimed_by = NULL, claimed_until = NULL
  WHERE order_reference = $1 AND state = 'creating' AND claimed_by = $2
  RETURNING *`;

const SETTLE = `UPDATE ${CHECKOUTS} SET state = $2, status = $4, status_checked_at = $3::timestamptz,
    settled_at = $3::timestamptz, updated_at = $3::timestamptz, notified_at = NULL,
    next_check_at = NULL
  WHERE order_reference = $1 AND state = 'open'
  RETURNING *`;

const CLAIM_DUE = `WITH claimed AS (
    UPDATE ${CHECKOUTS} SET claimed_by = $1, claimed_until = $3::timestamptz
    WHERE order_reference IN (
      SELECT order_reference FROM ${CHECKOUTS}
      WHERE (state = 'open' OR (state IN ('paid', 'canceled') AND notified_at IS NULL))
        AND (next_check_at IS NULL OR next_check_at <= $2::timestamptz)
        AND (claimed_by IS NULL OR claimed_by = $1 OR claimed_until IS NULL
             OR claimed_until <= $2::timestamptz)
      ORDER BY next_check_at NULLS FIRST, seq
      LIMIT $4
      FOR UPDATE SKIP LOCKED)
    RETURNING *)
  SELECT * FROM claimed ORDER BY next_check_at NULLS FIRST, seq`;

const UPDATE_COLUMNS: Record<keyof CheckoutUpdate, string> = {
  status: "status",
  statusCheckedAt: "status_checked_at",
  updatedAt: "updated_at",
  nextCheckAt: "next_check_at",
  checks: "checks",
  claimedBy: "claimed_by",
  claimedUntil: "claimed_until",
  notifiedAt: "notified_at",
};

/** A `CheckoutStore` on the `dollr_kit` schema (run `migrate` first: migration 3). */
export function createPostgresCheckoutStore(client: SqlClient): CheckoutStore {
  const one = async (text: string, params: unknown[]) => {
    const { rows } = await client.query<Row>(text, params);
    return rows[0] ? checkoutFromRow(rows[0]) : null;
  };
  const getCheckout = (orderReference: string) =>
    one(`SELECT * FROM ${CHECKOUTS} WHERE order_reference = $1`, [orderReference]);
  return {
    async reserveCheckout(record) {
      // A reservation that vanished between the insert and the read (abandoned) is tried again.
      for (let tries = 0; tries < 5; tries++) {
        const inserted = await client.query(INSERT, values(record));
        if (inserted.rows.length > 0) return { reserved: true };
        const taken = await client.query(TAKE_OVER, values(record));
        if (taken.rows.length > 0) return { reserved: true };
        const existing = await getCheckout(record.orderReference);
        if (existing) return { reserved: false, existing };
      }
      throw new Error(`Could not reserve order ${record.orderReference}: it kept changing`);
    },
    async completeCheckout(orderReference, owner, created) {
      const done = await one(COMPLETE, [
        orderReference,
        owner,
        created.source.source_type,
        created.source.source_id,
        created.sourceNumber,
        created.total,
        created.currency,
        created.url,
        created.status,
        created.at,
      ]);
      return done ?? getCheckout(orderReference);
    },
    async abandonCheckout(orderReference, owner) {
      await client.query(
        `DELETE FROM ${CHECKOUTS} WHERE order_reference = $1 AND state = 'creating'
           AND claimed_by = $2`,
        [orderReference, owner],
      );
    },
    getCheckout,
    getCheckoutBySource(source) {
      return one(`SELECT * FROM ${CHECKOUTS} WHERE source_type = $1 AND source_id = $2`, [
        source.source_type,
        source.source_id,
      ]);
    },
    async updateCheckout(orderReference, update) {
      const sets: string[] = [];
      const params: unknown[] = [orderReference];
      for (const [field, column] of Object.entries(UPDATE_COLUMNS)) {
        const value = (update as Record<string, unknown>)[field];
        if (value === undefined) continue;
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      }
      if (sets.length === 0) return;
      await client.query(
        `UPDATE ${CHECKOUTS} SET ${sets.join(", ")} WHERE order_reference = $1`,
        params,
      );
    },
    async settleCheckout(orderReference, { state, at, status }) {
      return (
        (await one(SETTLE, [orderReference, state, at, status])) ?? getCheckout(orderReference)
      );
    },
    async claimDueCheckouts({ owner, now, leaseMs, limit }) {
      const until = new Date(Date.parse(now) + leaseMs).toISOString();
      const { rows } = await client.query<Row>(CLAIM_DUE, [
        owner,
        now,
        until,
        Math.max(0, Math.floor(limit)),
      ]);
      return rows.map(checkoutFromRow);
    },
  };
}
