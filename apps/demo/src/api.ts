/**
 * The shop's own API (`/shop/…`) and, in simulator mode, the simulator's controls
 * (`/__simulator/…`) and the demo's (`/__demo/…`). The kit talks to the proxy by itself.
 */
import type { Product } from "../server/catalog.ts";
import type { HostedCheckoutAnswer, OrderView } from "../server/shop.ts";

export type { OrderStatus } from "../server/order-view.ts";
export type { HostedCheckoutAnswer, OrderLine, OrderView } from "../server/shop.ts";
export type { Product };

/** What "Check out" answers: a new order, or (with `reused`) the one that holds this basket. */
export type CheckoutAnswer = OrderView & { reused?: "in_progress" | "paid" | "same_basket" };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers:
        body === undefined
          ? { accept: "application/json" }
          : { "content-type": "application/json", accept: "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(
      0,
      "We can't reach the shop right now. Check your connection and try again.",
    );
  }
  const text = await response.text();
  const data = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) {
    const detail = (data as { detail?: unknown } | null)?.detail;
    throw new ApiError(
      response.status,
      typeof detail === "string" ? detail : `Error ${response.status}`,
    );
  }
  return data as T;
}

export interface ShopInfo {
  mode: "simulator" | "dollr";
  simulator: boolean;
  /** The developer controls (`/__demo`, `/__simulator`) are on: the developer panel shows. */
  dev_controls: boolean;
  /** Changes when the simulator restarts or resets (its order ids start again). */
  instance: string;
}

export const shopApi = {
  info: () => request<ShopInfo>("GET", "/shop/info"),
  catalog: () => request<{ products: Product[] }>("GET", "/shop/catalog").then((r) => r.products),
  /**
   * Product ids and quantities only: the server prices the order. The basket id lets the server
   * lead a basket back to its order instead of making a second one.
   */
  createOrder: (items: { product_id: string; qty: number }[], basketId: string) =>
    request<CheckoutAnswer>("POST", "/shop/orders", { items, basket_id: basketId }),
  /** The order and its payment state as the shop's server knows it. */
  order: (id: number) => request<OrderView>("GET", `/shop/orders/${id}`),
  /** The shopper's recent orders, newest first. */
  orders: () => request<{ orders: OrderView[] }>("GET", "/shop/orders").then((r) => r.orders),
  /**
   * The order's checkout on Dollr's page: made by the server from the order's own lines the
   * first time, answered again after. 409 while a payment in the page's checkout holds the order.
   */
  hostedCheckout: (id: number) =>
    request<HostedCheckoutAnswer>("POST", `/shop/orders/${id}/hosted-checkout`, {}),
};

export interface LedgerExecution {
  reference_id: string;
  source_type: string;
  source_id: number;
  amount: string;
  currency: string;
  status: string;
  requires_action: boolean;
  execute_calls: number;
  created_at: string;
}

export interface FaultRule {
  kind: "latency" | "error_500" | "rate_limit" | "lost_response";
  count?: number;
  match?: { method?: string; path?: string; pathPrefix?: string };
  latencyMs?: number;
  retryAfterSeconds?: number;
  remaining?: number | null;
  fired?: number;
}

export const simulatorApi = {
  ledger: () =>
    request<{ now: string; executions: LedgerExecution[] }>("GET", "/__simulator/ledger"),
  clock: () => request<{ now: string; now_ms: number }>("GET", "/__simulator/clock"),
  advance: (advanceMs: number) =>
    request<{ now: string; now_ms: number }>("POST", "/__simulator/clock", { advanceMs }),
  config: () =>
    request<{ processingMs: number; sessionTtlMs: number }>("GET", "/__simulator/config"),
  faults: () => request<{ faults: FaultRule[] }>("GET", "/__simulator/faults"),
  setFaults: (faults: FaultRule[]) =>
    request<{ faults: FaultRule[] }>("POST", "/__simulator/faults", { faults }),
  clearFaults: () => request<unknown>("POST", "/__simulator/faults", { clear: true }),
};

export const demoApi = {
  state: () => request<{ proxy_offline: boolean }>("GET", "/__demo"),
  // Every write to the controls is JSON (the server refuses anything else).
  reset: () => request<{ reset: true }>("POST", "/__demo/reset", {}),
  setProxyOffline: (offline: boolean) =>
    request<{ offline: boolean }>("POST", "/__demo/proxy", { offline }),
};
