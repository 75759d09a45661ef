/**
 * The shop's own server routes, under `/shop/`: the catalog, and orders made on the server.
 * The browser sends product ids and quantities only; prices come from the catalog and the order
 * (with its amount) is created in Dollr — or in the simulator — by the server.
 */
import { CATALOG, findProduct, fromCents, toCents } from "./catalog.ts";

/** An order line as the shop keeps it. */
export interface OrderLine {
  product_id: string;
  name: string;
  qty: number;
  unit_price: string;
  line_total: string;
}

/** An order as the shop keeps it (and answers it). */
export interface ShopOrder {
  /** Dollr's order id: the `source_id` the checkout pays. */
  id: number;
  source_type: "ORDER";
  /** Dollr's order number, e.g. `ORD-2026-01001`. */
  number: string;
  currency: string;
  /** Dollr's total for the order (major units, decimal string). */
  total: string;
  lines: OrderLine[];
  created_at: string;
}

/** What the shop needs from Dollr (or the simulator) to make an order. */
export interface OrderMaker {
  createOrder(input: {
    currency: string;
    note: string;
    items: { name: string; amount: string; qty: number }[];
  }): Promise<{ source_id: number; source_number: string; total_amount: string; currency: string }>;
}

/** The shop's order book (in memory: a demo). */
export interface OrderBook {
  get(id: number): ShopOrder | undefined;
  has(id: number): boolean;
  save(order: ShopOrder): void;
  clear(): void;
}

export function createOrderBook(): OrderBook {
  const orders = new Map<number, ShopOrder>();
  return {
    get: (id) => orders.get(id),
    has: (id) => orders.has(id),
    save: (order) => {
      orders.set(order.id, order);
    },
    clear: () => orders.clear(),
  };
}

const MAX_BODY_BYTES = 8 * 1024;
const MAX_LINES = 20;
const MAX_QTY = 10;

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      ...headers,
    },
  });
}

function problem(status: number, detail: string): Response {
  return json({ detail }, status);
}

interface OrderRequest {
  items: { product_id: string; qty: number }[];
}

/** Reads `{ items: [{ product_id, qty }] }` strictly: any other field (an amount!) is refused. */
function parseOrderRequest(raw: unknown): OrderRequest | string {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return "Expected an object";
  const keys = Object.keys(raw);
  const extra = keys.find((key) => key !== "items");
  if (extra !== undefined) return `Unknown field: ${extra} (the server decides prices)`;
  const items = (raw as { items?: unknown }).items;
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
  return { items: parsed };
}

async function readJson(request: Request): Promise<unknown | Response> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) return problem(415, "Send JSON");
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) return problem(413, "Too large");
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return problem(413, "Too large");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return problem(400, "Malformed JSON");
  }
}

export interface ShopRoutesOptions {
  orders: OrderBook;
  /** Resolved per request, so the simulator backend can be replaced on reset. */
  maker: () => OrderMaker;
  mode: "simulator" | "dollr";
  /**
   * Which world the ids belong to. The simulator numbers its orders from 5001 again after a
   * restart or reset, so the page keeps its payment attempts per instance: an old attempt for
   * "order 5001" must never be taken for the new order 5001's.
   */
  instance: () => string;
}

/** The `/shop/` routes as a fetch handler; `null` for paths that are not the shop's. */
export function createShopRoutes(options: ShopRoutesOptions) {
  const { orders } = options;
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
        instance: options.instance(),
      });
    }

    if (path === "/shop/catalog") {
      if (method !== "GET") return problem(405, "Method not allowed");
      return json({ products: CATALOG });
    }

    if (path === "/shop/orders") {
      if (method !== "POST") return problem(405, "Method not allowed");
      // Same-origin only: a cross-site page cannot make orders for the customer.
      const origin = request.headers.get("origin");
      if (origin !== null && origin !== url.origin) return problem(403, "Cross-origin request");
      const body = await readJson(request);
      if (body instanceof Response) return body;
      const parsed = parseOrderRequest(body);
      if (typeof parsed === "string") return problem(422, parsed);

      const lines: OrderLine[] = parsed.items.map(({ product_id, qty }) => {
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
      const currency = "USD";
      let made: Awaited<ReturnType<OrderMaker["createOrder"]>>;
      try {
        made = await options.maker().createOrder({
          currency,
          note: "Dollr checkout kit demo shop",
          items: lines.map((line) => ({ name: line.name, amount: line.unit_price, qty: line.qty })),
        });
      } catch (error) {
        console.error(
          `[demo] could not create the order in Dollr: ${error instanceof Error ? error.message : "unknown error"}`,
        );
        return problem(502, "We couldn't create your order. Please try again.");
      }
      const order: ShopOrder = {
        id: made.source_id,
        source_type: "ORDER",
        number: made.source_number,
        currency: made.currency,
        total: made.total_amount,
        lines,
        created_at: new Date().toISOString(),
      };
      orders.save(order);
      return json(order, 201);
    }

    const match = /^\/shop\/orders\/([1-9]\d{0,15})$/.exec(path);
    if (match) {
      if (method !== "GET") return problem(405, "Method not allowed");
      const order = orders.get(Number(match[1]));
      return order ? json(order) : problem(404, "No such order");
    }

    return problem(404, "No such route");
  };
}
