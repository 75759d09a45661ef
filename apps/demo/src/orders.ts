/**
 * The shopper's orders as the shop's server knows them, with react-query: polled while a payment
 * is in progress, so the page follows the server (which follows Dollr, browser or not).
 */
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { type OrderView, shopApi } from "./api.ts";
import { basketStore, endBasket } from "./store.ts";

/** How often a page asks again while a payment is in progress. */
const WHILE_PROCESSING_MS = 2_000;

export const orderKey = (id: number) => ["demo", "order", id] as const;
export const ordersKey = ["demo", "orders"] as const;

/**
 * One order; asked again every 2 s while its payment is in progress, or (`untilPaid`) until the
 * server has booked it: Dollr said paid, and the shop's server is about to know it too.
 */
export function useOrder(id: number, options: { untilPaid?: boolean } = {}) {
  const { untilPaid = false } = options;
  return useQuery({
    queryKey: orderKey(id),
    queryFn: () => shopApi.order(id),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === "processing" || (untilPaid && status !== "paid")
        ? WHILE_PROCESSING_MS
        : false;
    },
  });
}

/** The shopper's recent orders; asked again every 2 s while one of them is processing. */
export function useMyOrders() {
  return useQuery({
    queryKey: ordersKey,
    queryFn: shopApi.orders,
    refetchInterval: (query) =>
      query.state.data?.some((order) => order.status === "processing")
        ? WHILE_PROCESSING_MS
        : false,
  });
}

/**
 * Once the server says the cart's order is paid, the purchase is over: the cart empties (also
 * when the tab that paid was closed before the payment completed).
 */
export function useEndBasketWhenPaid(orders: readonly OrderView[] | undefined): void {
  useEffect(() => {
    const current = basketStore.get();
    if (current === null || !orders) return;
    if (orders.some((order) => order.basket_id === current && order.status === "paid")) {
      endBasket();
    }
  }, [orders]);
}
