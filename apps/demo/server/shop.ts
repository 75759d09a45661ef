/**
 * The shop's own server routes, under `/shop/`: the catalog, and the shopper's orders, made on
 * the server. The browser sends product ids and quantities only; prices come from the catalog and
 * the order (with its amount) is created in Dollr — or in the simulator — by the server. An
 * order's payment state is the server's (see order-view.ts); "Check out" follows the basket rule
 * (basket.ts).
 */
import type { AttemptStore } from "@dollr-kit/server";
import { basketKeyOf, createBasketRule } from "./basket.ts";
import { CATALOG, findProduct, fromCents, toCents } from "./catalog.ts";
import type { HostedCheckouts } from "./hosted-checkout.ts";
import { bodyProblem, readJsonBody } from "./json-body.ts";
import { hostedMoving, type OrderRecords, viewOrder } from "./order-view.ts";
import type { OrderBook, OrderLine, OrderRecord } from "./orders.ts";
import { isCrossSite } from "./request-guard.ts";
import { json } from "./responses.ts";
import { shopperOf } from "./shopper.ts";

export type { HostedCheckoutAnswer } from "./hosted-checkout.ts";
export type { OrderView } from "./order-view.ts";
export type { OrderLine } from "./orders.ts";

/** What the shop needs from Dollr (or the simulator) to make an order. */
export interface OrderMaker {
  createOrder(input: {
    currency: string;
    note: string;
    items: { name: string; amount: string; qty: number }[];
  }): Promise<{ source_id: number; source_number: string; total_amount: string; currency: string }>;
}

const MAX_BODY_BYTES = 8 * 1024;
const MAX_LINES = 20;
const MAX_QTY = 10;

function problem(status: number, detail: string): Response {
  return json({ detail }, status);
}

function isEmptyObject(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 0
  );
}

interface OrderRequest {
  items: { product_id: string; qty: number }[];
  basket_id: string | null;
}

const BASKET_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * Reads `{ items: [{ product_id, qty }], basket_id? }` strictly: any other field (an amount!) is
 * refused. `basket_id` is the browser cart's id (a lowercase UUID v4).
 */
function parseOrderRequest(raw: unknown): OrderRequest | string {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return "Expected an object";
  const keys = Object.keys(raw);
  const extra = keys.find((key) => key !== "items" && key !== "basket_id");
  if (extra !== undefined) return `Unknown field: ${extra} (the server decides prices)`;
  const { items, basket_id } = raw as { items?: unknown; basket_id?: unknown };
  if (basket_id !== undefined && (typeof basket_id !== "string" || !BASKET_ID.test(basket_id))) {
    return "basket_id must be a lowercase UUID v4";
  }
  if (!Array.isArray(items) || items.length === 0) return "Expected at least one item";
  if (items.length > MAX_LINES) return `At most ${MAX_LINES} lines`;
  const seen = new Set<string>();
  const parsed: OrderRequest["items"] = [];
  for (const item of items) {
    if (typeof item !== "object" || item === null) return "Expected items as objects";
    const itemKeys = Object.keys(item);
    const unknown = itemKeys.find((key) => key !== "product_id" && key !== "qty");
    if (unknown !== undefined) return `Unknown item field: ${unknown} (the server decides prices)`;
    const { product_id, qty } = item as { product_id?: unknown; qty?: unknown };
    if (typeof product_id !== "string" || !findProduct(product_id)) return "Unknown product";
    if (seen.has(product_id)) return "Each product once, with its quantity";
    seen.add(product_id);
    if (typeof qty !== "number" || !Number.isInteger(qty) || qty < 1 || qty > MAX_QTY) {
      return `Quantities are whole numbers from 1 to ${MAX_QTY}`;
    }
    parsed.push({ product_id, qty });
  }
  return { items: parsed, basket_id: typeof basket_id === "string" ? basket_id : null };
}

export interface ShopRoutesOptions {
  orders: OrderBook;
  /** The proxy's attempt store: where "a payment is in progress" is read from. */
  attempts: AttemptStore;
  /** The orders' checkouts on Dollr's page. */
  hosted: HostedCheckouts;
  maker: OrderMaker;
  mode: "simulator" | "dollr";
  /** Whether the developer controls (and so the developer panel) are on. */
  devControls: boolean;
  /**
   * Which world the ids belong to. A reset simulator numbers its orders from 5001 again, so the
   * page keeps its payment attempts per instance: an old attempt for "order 5001" must never be
   * taken for the new order 5001's. It survives a restart (the simulator's state does too).
   */
  instance: () => string;
}

/** The `/shop/` routes as a fetch handler; `null` for paths that are not the shop's. */
export function createShopRoutes(options: ShopRoutesOptions) {
  const { orders, attempts, hosted } = options;
  const records: OrderRecords = { attempts, hostedOf: (orderId) => hosted.recordOf(orderId) };
  const checkoutBasket = createBasketRule(orders, attempts, {
    moving: async (order) => hostedMoving(await hosted.recordOf(order.id)),
    close: (order) => hosted.close(order.id),
  });

  async function makeOrder(shopperId: string, request: OrderRequest): Promise<OrderRecord> {
    const lines: OrderLine[] = request.items.map(({ product_id, qty }) => {
      const product = findProduct(product_id);
      if (!product) throw new Error("unreachable: checked above");
      return {
        product_id,
        name: product.name,
        qty,
        unit_price: product.price,
        line_total: fromCents(toCents(product.price) * BigInt(qty)),
      };
    });
    const made = await options.maker.createOrder({
      currency: "USD",
      note: "Dollr checkout kit demo shop",
      items: lines.map((line) => ({ name: line.name, amount: line.unit_price, qty: line.qty })),
    });
    const order: OrderRecord = {
      id: made.source_id,
      shopperId,
      number: made.source_number,
      currency: made.currency,
      total: made.total_amount,
      lines,
      basketKey: basketKeyOf(request.items),
      basketId: request.basket_id,
      createdAt: new Date().toISOString(),
      replacedBy: null,
      paidAt: null,
      paidReferenceId: null,
    };
    await orders.create(order);
    return order;
  }

  return async function shopRoutes(request: Request): Promise<Response | null> {
    const url = new URL(request.url);
    const path = url.pathname;
    if (!path.startsWith("/shop/")) return null;
    const method = request.method.toUpperCase();

    if (path === "/shop/info") {
      if (method !== "GET") return problem(405, "Method not allowed");
      return json({
        mode: options.mode,
        simulator: options.mode === "simulator",
        dev_controls: options.devControls,
        instance: options.instance(),
      });
    }

    if (path === "/shop/catalog") {
      if (method !== "GET") return problem(405, "Method not allowed");
      return json({ products: CATALOG });
    }

    // Everything below is the shopper's own.
    const shopperId = shopperOf(request);
    if (shopperId === null) return problem(401, "Your session has ended. Reload the page.");

    if (path === "/shop/orders") {
      if (method === "GET") {
        const mine = await orders.forShopper(shopperId, 10);
        return json({ orders: await Promise.all(mine.map((order) => viewOrder(order, records))) });
      }
      if (method !== "POST") return problem(405, "Method not allowed");
      // Same-origin only: a cross-site page cannot make orders for the customer.
      if (isCrossSite(request)) return problem(403, "Cross-origin request");
      // Capped while it streams: a long chunked body is refused at the cap, never read whole.
      const body = await readJsonBody(request, MAX_BODY_BYTES);
      if (!body.ok) return bodyProblem(body.status);
      const parsed = parseOrderRequest(body.value);
      if (typeof parsed === "string") return problem(422, parsed);
      let answer: Awaited<ReturnType<typeof checkoutBasket>>;
      try {
        answer = await checkoutBasket({
          shopperId,
          basketKey: basketKeyOf(parsed.items),
          basketId: parsed.basket_id,
          make: () => makeOrder(shopperId, parsed),
        });
      } catch (error) {
        console.error(
          `[demo] could not create the order: ${error instanceof Error ? error.message : "unknown error"}`,
        );
        return problem(502, "We couldn't create your order. Please try again.");
      }
      const view = await viewOrder(answer.order, records);
      // 201 for a new order; 200 and `reused` (why) for one that already held this basket.
      return answer.reused === null ? json(view, 201) : json({ ...view, reused: answer.reused });
    }

    const match = /^\/shop\/orders\/([1-9]\d{0,15})(\/hosted-checkout)?$/.exec(path);
    if (match) {
      const hostedRoute = match[2] !== undefined;
      if (method !== (hostedRoute ? "POST" : "GET")) return problem(405, "Method not allowed");
      if (hostedRoute && isCrossSite(request)) return problem(403, "Cross-origin request");
      const order = await orders.get(Number(match[1]));
      // Another shopper's order is answered as no order at all.
      if (!order || order.shopperId !== shopperId) return problem(404, "No such order");
      if (!hostedRoute) return json(await viewOrder(order, records));
      // `{}`: the order's own lines are what Dollr's page charges, nothing the browser says.
      const body = await readJsonBody(request, MAX_BODY_BYTES);
      if (!body.ok) return bodyProblem(body.status);
      if (!isEmptyObject(body.value)) return problem(422, "Send {} (the server knows the order)");
      const opened = await hosted.open(order);
      return opened.ok ? json(opened.checkout) : problem(opened.status, opened.detail);
    }

    return problem(404, "No such route");
  };
}
