/**
 * How orders become paid: the proxy's reconciler follows every attempt until Dollr gives a final
 * status, on the server, whether or not a browser is still open, and calls `onSettled` once per
 * settled attempt (at least once, if the process dies inside the hook). It also follows each
 * order's checkout on Dollr's page (`checkouts`) by its source's status, and calls `onSettled`
 * with `kind: "source"` once that source is PAID or CANCELED. The shop books both here, keyed by
 * the reference id (the attempt's, or the hosted checkout's order reference), so a repeated call
 * changes nothing. The browser (its `onSuccess`, or a hit on the return page) never marks an
 * order paid.
 */
import type { AttemptRecord, ReconcilerHooks, SettledEvent } from "@dollr-kit/server";
import { type BookedPayment, type OrderBook, orderOfHostedReference } from "./orders.ts";

/** The booking of a settled attempt or hosted source, or null when it is not an order's. */
function bookingOf(event: SettledEvent): BookedPayment | null {
  if (event.kind === "source") {
    const orderId = orderOfHostedReference(event.orderReference);
    if (orderId === null) return null;
    return {
      referenceId: event.orderReference,
      orderId,
      // The hosted source PAID is the order's payment succeeding.
      outcome: event.outcome === "paid" ? "succeeded" : event.outcome,
      status: event.status,
      settledAt: event.settledAt,
    };
  }
  if (event.source?.source_type !== "ORDER") return null;
  return {
    referenceId: event.referenceId,
    orderId: Number(event.source.source_id),
    outcome: event.outcome,
    status: event.status,
    settledAt: event.settledAt,
  };
}

export function createSettlementHook(
  orders: OrderBook,
): Pick<ReconcilerHooks, "onSettled" | "onUnresolved"> {
  return {
    async onSettled(event: SettledEvent): Promise<void> {
      const payment = bookingOf(event);
      if (payment === null) return;
      const { orderId, referenceId } = payment;
      const where = event.kind === "source" ? "on Dollr's page" : "in the checkout";
      const recorded = await orders.recordPayment(payment);
      // Ids and status words only: no customer data in the log.
      if (recorded === "paid") {
        console.info(`[shop] order ${orderId} paid ${where} (reference ${referenceId})`);
      } else if (recorded === "paid_twice") {
        console.warn(
          `[shop] order ${orderId} was paid again ${where} (reference ${referenceId}): refund one of the payments`,
        );
      } else if (recorded === "unknown_order") {
        console.warn(
          `[shop] a payment settled for order ${orderId}, which this shop does not know`,
        );
      }
    },
    /** An attempt Dollr never settled: a person must look (the source stays held until released). */
    onUnresolved(attempt: AttemptRecord): void {
      console.warn(
        `[shop] payment ${attempt.referenceId} for order ${String(attempt.source?.source_id ?? "?")} has no final status: check it in Dollr's dashboard`,
      );
    },
  };
}
