/**
 * An order as the shopper sees it (`GET /shop/orders/{id}`): its payment state as the server
 * knows it. `paid` comes only from the shop's own record, written by the reconciler's
 * `onSettled`; `processing` from the kit's attempt store (an attempt holds the order, or one
 * succeeded that `onSettled` has not booked yet); `failed` from the order's newest attempt.
 */
import type { AttemptRecord, AttemptStore } from "@dollr-kit/server";
import type { OrderLine, OrderRecord } from "./orders.ts";

export type OrderStatus = "unpaid" | "processing" | "paid" | "failed" | "cancelled";

export interface OrderPayment {
  reference_id: string;
  /** Dollr's last known status word (`PROCESSING`, `COMPLETED`, …); null before the first. */
  status: string | null;
  /** When it settled (ISO 8601); null while in progress. */
  settled_at: string | null;
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
   * - `processing`: a payment is in progress, on this device or another;
   * - `paid`: the shop's server booked a successful payment;
   * - `failed`: the last payment did not go through; the order can be paid again;
   * - `cancelled`: replaced by a newer order for the same basket (`replaced_by`).
   */
  status: OrderStatus;
  payment: OrderPayment | null;
  replaced_by: number | null;
}

const HOLDING = new Set(["open", "unresolved"]);

function paymentOf(attempt: AttemptRecord, settled: boolean): OrderPayment {
  return {
    reference_id: attempt.referenceId,
    status: attempt.status,
    settled_at: settled ? attempt.settledAt : null,
  };
}

/** The order's state from its record and the attempts the proxy recorded for it. */
export function orderState(
  order: OrderRecord,
  attempts: AttemptRecord[],
): Pick<OrderView, "status" | "payment"> {
  if (order.paidAt !== null && order.paidReferenceId !== null) {
    const paid = attempts.find((attempt) => attempt.referenceId === order.paidReferenceId);
    return {
      status: "paid",
      payment: {
        reference_id: order.paidReferenceId,
        status: paid?.status ?? null,
        settled_at: order.paidAt,
      },
    };
  }
  // Newest first (the attempt store's order).
  const newest = attempts[0];
  if (newest && (HOLDING.has(newest.outcome) || newest.outcome === "succeeded")) {
    return { status: "processing", payment: paymentOf(newest, false) };
  }
  if (order.replacedBy !== null) return { status: "cancelled", payment: null };
  if (newest?.outcome === "failed") return { status: "failed", payment: paymentOf(newest, true) };
  return { status: "unpaid", payment: null };
}

export async function viewOrder(order: OrderRecord, attempts: AttemptStore): Promise<OrderView> {
  const recorded = await attempts.listAttempts({
    source: { source_type: "ORDER", source_id: order.id },
  });
  return {
    id: order.id,
    source_type: "ORDER",
    number: order.number,
    currency: order.currency,
    total: order.total,
    lines: order.lines,
    created_at: order.createdAt,
    basket_id: order.basketId,
    ...orderState(order, recorded),
    replaced_by: order.replacedBy,
  };
}
