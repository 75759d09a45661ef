/**
 * How orders become paid: the proxy's reconciler follows every attempt until Dollr gives a final
 * status, on the server, whether or not a browser is still open, and calls `onSettled` once per
 * settled attempt (at least once, if the process dies inside the hook). The shop books it here,
 * keyed by the reference id, so a repeated call changes nothing. The browser's `onSuccess`
 * never marks an order paid.
 */
import type { AttemptRecord, ReconcilerHooks, SettledPayment } from "@dollr-kit/server";
import type { OrderBook } from "./orders.ts";

export function createSettlementHook(
  orders: OrderBook,
): Pick<ReconcilerHooks, "onSettled" | "onUnresolved"> {
  return {
    async onSettled(payment: SettledPayment): Promise<void> {
      if (payment.source?.source_type !== "ORDER") return;
      const orderId = Number(payment.source.source_id);
      const recorded = await orders.recordPayment({
        referenceId: payment.referenceId,
        orderId,
        outcome: payment.outcome,
        status: payment.status,
        settledAt: payment.settledAt,
      });
      // Ids and status words only: no customer data in the log.
      if (recorded === "paid") {
        console.info(`[shop] order ${orderId} paid (reference ${payment.referenceId})`);
      } else if (recorded === "paid_twice") {
        console.warn(
          `[shop] order ${orderId} was paid again (reference ${payment.referenceId}): refund one of the payments`,
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
