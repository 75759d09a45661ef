/**
 * The shop's order book, in PostgreSQL (the `kola_shop` schema). Orders are made by the shop's
 * server for one shopper; they are marked paid only by `recordPayment`, which the reconciler's
 * `onSettled` calls: never from the browser.
 */
import type { SqlClient } from "@dollr-kit/server/postgres";
import { SHOP_SCHEMA } from "./shop-schema.ts";

/** An order line as the shop keeps it. */
export interface OrderLine {
  product_id: string;
  name: string;
  qty: number;
  unit_price: string;
  line_total: string;
}

/** An order as the shop keeps it. */
export interface OrderRecord {
  /** Dollr's order id: the `source_id` the checkout pays. */
  id: number;
  shopperId: string;
  /** Dollr's order number, e.g. `ORD-2026-01001`. */
  number: string;
  currency: string;
  /** Dollr's total for the order (major units, decimal string). */
  total: string;
  lines: OrderLine[];
  /** The basket's contents, e.g. `basket:1,coffee:2` (product ids sorted). */
  basketKey: string;
  /** The browser cart's id, when it sent one. */
  basketId: string | null;
  createdAt: string;
  /** The order that replaced this one when the same basket changed before it was paid. */
  replacedBy: number | null;
  paidAt: string | null;
  paidReferenceId: string | null;
}

/**
 * The order reference of an order's checkout on Dollr's page (`createCartCheckout`): one order,
 * one hosted source. It is also that payment's key in the shop's payments.
 */
export function hostedReferenceOf(orderId: number): string {
  return `order-${orderId}`;
}

/** The order a hosted checkout's reference names, or null. */
export function orderOfHostedReference(reference: string): number | null {
  const match = /^order-([1-9]\d{0,15})$/.exec(reference);
  return match ? Number(match[1]) : null;
}

/** A settled payment, as the reconciler reports it. */
export interface BookedPayment {
  /** The attempt's reference id, or the hosted checkout's order reference. */
  referenceId: string;
  orderId: number;
  /** `succeeded` (an attempt, or a hosted source PAID), or how else it ended. */
  outcome: string;
  status: string | null;
  settledAt: string;
}

/** What `recordPayment` did. */
export type Recorded =
  | "paid"
  | "recorded"
  /** This reference id was recorded before (a repeated `onSettled`): nothing changed. */
  | "duplicate"
  /** A second successful payment for an order already paid: a person must refund one. */
  | "paid_twice"
  | "unknown_order";

export interface OrderBook {
  create(order: OrderRecord): Promise<void>;
  get(id: number): Promise<OrderRecord | null>;
  /** The shopper's orders, newest first. */
  forShopper(shopperId: string, limit?: number): Promise<OrderRecord[]>;
  /** The shopper's newest order of this basket (not replaced), or null. */
  forBasket(shopperId: string, basketId: string): Promise<OrderRecord | null>;
  /** The shopper's newest unpaid order (not replaced) with these contents, or null. */
  unpaidWithContents(shopperId: string, basketKey: string): Promise<OrderRecord | null>;
  /** Marks `id` replaced by `by` (unless it was paid meanwhile); false when it was paid. */
  replace(id: number, by: number): Promise<boolean>;
  /** Records a settled payment once per reference id; a success marks the order paid. */
  recordPayment(payment: BookedPayment): Promise<Recorded>;
}

const COLUMNS = `id, shopper_id, number, currency, total, lines, basket_key, basket_id, created_at,
  replaced_by, paid_at, paid_reference_id`;

type Row = Record<string, unknown>;

function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

function fromRow(row: Row): OrderRecord {
  return {
    id: Number(row.id),
    shopperId: String(row.shopper_id),
    number: String(row.number),
    currency: String(row.currency),
    total: String(row.total),
    // json: PGlite and pg both parse it.
    lines: (typeof row.lines === "string" ? JSON.parse(row.lines) : row.lines) as OrderLine[],
    basketKey: String(row.basket_key),
    basketId: row.basket_id === null ? null : String(row.basket_id),
    createdAt: iso(row.created_at) ?? "",
    replacedBy: row.replaced_by === null ? null : Number(row.replaced_by),
    paidAt: iso(row.paid_at),
    paidReferenceId: row.paid_reference_id === null ? null : String(row.paid_reference_id),
  };
}

export function createOrderBook(client: SqlClient): OrderBook {
  const one = async (text: string, params: unknown[]) => {
    const { rows } = await client.query<Row>(text, params);
    return rows[0] ? fromRow(rows[0]) : null;
  };
  return {
    async create(order) {
      await client.query(
        `INSERT INTO ${SHOP_SCHEMA}.orders (${COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, NULL, NULL)`,
        [
          order.id,
          order.shopperId,
          order.number,
          order.currency,
          order.total,
          JSON.stringify(order.lines),
          order.basketKey,
          order.basketId,
          order.createdAt,
        ],
      );
    },
    get: (id) => one(`SELECT ${COLUMNS} FROM ${SHOP_SCHEMA}.orders WHERE id = $1`, [id]),
    async forShopper(shopperId, limit = 20) {
      const { rows } = await client.query<Row>(
        `SELECT ${COLUMNS} FROM ${SHOP_SCHEMA}.orders WHERE shopper_id = $1
         ORDER BY created_at DESC, id DESC LIMIT $2`,
        [shopperId, limit],
      );
      return rows.map(fromRow);
    },
    forBasket: (shopperId, basketId) =>
      one(
        `SELECT ${COLUMNS} FROM ${SHOP_SCHEMA}.orders
         WHERE shopper_id = $1 AND basket_id = $2 AND replaced_by IS NULL
         ORDER BY created_at DESC, id DESC LIMIT 1`,
        [shopperId, basketId],
      ),
    unpaidWithContents: (shopperId, basketKey) =>
      one(
        `SELECT ${COLUMNS} FROM ${SHOP_SCHEMA}.orders
         WHERE shopper_id = $1 AND basket_key = $2 AND replaced_by IS NULL AND paid_at IS NULL
         ORDER BY created_at DESC, id DESC LIMIT 1`,
        [shopperId, basketKey],
      ),
    async replace(id, by) {
      const { rows } = await client.query(
        `UPDATE ${SHOP_SCHEMA}.orders SET replaced_by = $2 WHERE id = $1 AND paid_at IS NULL
         RETURNING id`,
        [id, by],
      );
      return rows.length > 0;
    },
    recordPayment(payment) {
      // One transaction: the payment row (the dedupe key) and the order's paid mark land together,
      // so a crash between them cannot leave a payment recorded and its order unpaid.
      return client.transaction(async (tx) => {
        const known = await tx.query(`SELECT 1 FROM ${SHOP_SCHEMA}.orders WHERE id = $1`, [
          payment.orderId,
        ]);
        if (known.rows.length === 0) return "unknown_order";
        const inserted = await tx.query(
          `INSERT INTO ${SHOP_SCHEMA}.payments (reference_id, order_id, outcome, status, settled_at)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (reference_id) DO NOTHING RETURNING reference_id`,
          [
            payment.referenceId,
            payment.orderId,
            payment.outcome,
            payment.status,
            payment.settledAt,
          ],
        );
        if (inserted.rows.length === 0) return "duplicate";
        if (payment.outcome !== "succeeded") return "recorded";
        const paid = await tx.query(
          `UPDATE ${SHOP_SCHEMA}.orders SET paid_at = $2, paid_reference_id = $3
           WHERE id = $1 AND paid_at IS NULL RETURNING id`,
          [payment.orderId, payment.settledAt, payment.referenceId],
        );
        return paid.rows.length > 0 ? "paid" : "paid_twice";
      });
    },
  };
}
