/**
 * An order as the shopper sees it (`GET /shop/orders/{id}`): its payment state as the server
 * knows it. `paid` comes only from the shop's own record, written by the reconciler's
 * `onSettled`; `processing` from the kit's attempt store (an attempt holds the order, or one
 * succeeded that `onSettled` has not booked yet) or from the order's checkout on Dollr's page
 * (its source PROCESSING, or PAID and not booked yet, as the reconciler last read it); `failed`
 * from the order's newest attempt.
 */
import { normaliseSourceStatus } from "@dollr-kit/core";
import type { AttemptRecord, AttemptStore, CheckoutRecord } from "@dollr-kit/server";
import { hostedReferenceOf, type OrderLine, type OrderRecord } from "./orders.ts";

export type OrderStatus = "unpaid" | "processing" | "paid" | "failed" | "cancelled";

export interface OrderPayment {
  /** The attempt's reference id; for a payment on Dollr's page, its order reference. */
  reference_id: string;
  /** Where it was made: the checkout on the shop's page, or Dollr's hosted page. */
  via: "checkout" | "dollr_page";
  /** Dollr's last known status word (`PROCESSING`, `COMPLETED`, `PAID`…); null before the first. */
  status: string | null;
  /** When it settled (ISO 8601); null while in progress. */
  settled_at: string | null;
}

/** The order's checkout on Dollr's page, once the shop made one. */
export interface HostedView {
  /** Dollr's source for it (another order than `id`: the one Dollr's page takes payment for). */
  source: { type: "ORDER"; id: number; number: string };
  /** Its status word as the shop's server last read it (`ACTIVE`, `PROCESSING`, `PAID`…). */
  status: string | null;
}

/** What the shop's API answers for an order. */
export interface OrderView {
  id: number;
  source_type: "ORDER";
  number: string;
  currency: string;
  total: string;
  lines: OrderLine[];
  created_at: string;
  /** The browser cart's id the order was made from (null when none was sent). */
  basket_id: string | null;
  /**
   * - `unpaid`: no payment yet (or the last one never reached Dollr);
   * - `processing`: a payment is in progress, on this device or another, or on Dollr's page;
   * - `paid`: the shop's server booked a successful payment;
   * - `failed`: the last payment did not go through; the order can be paid again;
   * - `cancelled`: replaced by a newer order for the same basket (`replaced_by`).
   */
  status: OrderStatus;
  payment: OrderPayment | null;
  replaced_by: number | null;
  hosted: HostedView | null;
  /** Once paid: the source whose receipt it is (the order, or its source on Dollr's page). */
  receipt_source: { type: "ORDER"; id: number } | null;
}

const HOLDING = new Set(["open", "unresolved"]);

function paymentOf(attempt: AttemptRecord, settled: boolean): OrderPayment {
  return {
    reference_id: attempt.referenceId,
    via: "checkout",
    status: attempt.status,
    settled_at: settled ? attempt.settledAt : null,
  };
}

/** Whether the hosted checkout's payment is under way, or done and not booked yet. */
export function hostedMoving(hosted: CheckoutRecord | null): boolean {
  if (!hosted?.source || hosted.state === "canceled" || hosted.state === "creating") return false;
  if (hosted.state === "paid") return true;
  const state = hosted.status === null ? null : normaliseSourceStatus(hosted.status).state;
  return state === "processing" || state === "paid";
}

/** The order's state from its record, the attempts the proxy recorded, and its hosted checkout. */
export function orderState(
  order: OrderRecord,
  attempts: AttemptRecord[],
  hosted: CheckoutRecord | null = null,
): Pick<OrderView, "status" | "payment"> {
  const hostedReference = hostedReferenceOf(order.id);
  if (order.paidAt !== null && order.paidReferenceId !== null) {
    const onDollrPage = order.paidReferenceId === hostedReference;
    const paid = attempts.find((attempt) => attempt.referenceId === order.paidReferenceId);
    return {
      status: "paid",
      payment: {
        reference_id: order.paidReferenceId,
        via: onDollrPage ? "dollr_page" : "checkout",
        status: onDollrPage ? (hosted?.status ?? null) : (paid?.status ?? null),
        settled_at: order.paidAt,
      },
    };
  }
  // Newest first (the attempt store's order).
  const newest = attempts[0];
  if (newest && (HOLDING.has(newest.outcome) || newest.outcome === "succeeded")) {
    return { status: "processing", payment: paymentOf(newest, false) };
  }
  if (hostedMoving(hosted)) {
    return {
      status: "processing",
      payment: {
        reference_id: hostedReference,
        via: "dollr_page",
        status: hosted?.status ?? null,
        settled_at: null,
      },
    };
  }
  if (order.replacedBy !== null) return { status: "cancelled", payment: null };
  if (newest?.outcome === "failed") return { status: "failed", payment: paymentOf(newest, true) };
  return { status: "unpaid", payment: null };
}

function hostedView(hosted: CheckoutRecord | null): HostedView | null {
  if (!hosted?.source || hosted.sourceNumber === null) return null;
  return {
    source: { type: "ORDER", id: hosted.source.source_id, number: hosted.sourceNumber },
    status: hosted.status,
  };
}

/** Where the order's records are: the proxy's attempts, and the hosted checkouts. */
export interface OrderRecords {
  attempts: AttemptStore;
  hostedOf(orderId: number): Promise<CheckoutRecord | null>;
}

export async function viewOrder(order: OrderRecord, records: OrderRecords): Promise<OrderView> {
  const [recorded, hosted] = await Promise.all([
    records.attempts.listAttempts({ source: { source_type: "ORDER", source_id: order.id } }),
    records.hostedOf(order.id),
  ]);
  const state = orderState(order, recorded, hosted);
  const hostedSource = hostedView(hosted)?.source ?? null;
  const paidOnDollrPage = state.status === "paid" && state.payment?.via === "dollr_page";
  return {
    id: order.id,
    source_type: "ORDER",
    number: order.number,
    currency: order.currency,
    total: order.total,
    lines: order.lines,
    created_at: order.createdAt,
    basket_id: order.basketId,
    ...state,
    replaced_by: order.replacedBy,
    hosted: hostedView(hosted),
    receipt_source:
      state.status !== "paid"
        ? null
        : paidOnDollrPage && hostedSource
          ? { type: "ORDER", id: hostedSource.id }
          : { type: "ORDER", id: order.id },
  };
}
