// Receipts of paid invoices and orders, by id and by number: 409 until the source is PAID.
import type { SourceType } from "../catalog.ts";
import { notFound } from "../errors.ts";
import { json } from "../http.ts";
import { receiptJson, requirePayment } from "../receipts.ts";
import type { Route, World } from "../router.ts";
import { getSource } from "../sources.ts";
import type { Source } from "../store.ts";
import { integerText, parsePathParam } from "../validation.ts";
import { v1 } from "./route.ts";

/** The source of this type with this number: 404 when there is none. */
export function sourceByNumber(world: World, type: SourceType, number: string): Source {
  for (const source of world.store.state.sources.values()) {
    if (source.type === type && source.number === number) return source;
  }
  throw notFound(`${type === "INVOICE" ? "Invoice" : "Order"} not found`);
}

function receiptRoutesFor(type: SourceType): Route[] {
  const base = type === "INVOICE" ? "/v1/invoices" : "/v1/orders";
  const idName = type === "INVOICE" ? "invoice_id" : "order_id";
  const numberName = type === "INVOICE" ? "invoice_number" : "order_number";
  return [
    v1("GET", `${base}/receipt/:${idName}`, ({ world, params }) => {
      const id = parsePathParam(integerText({ min: 1 }), idName, params[idName] ?? "");
      const source = getSource(world, type, id);
      return json(200, receiptJson(source, requirePayment(world, source)));
    }),
    v1("GET", `${base}/receipt/number/:${numberName}`, ({ world, params }) => {
      const source = sourceByNumber(world, type, params[numberName] ?? "");
      return json(200, receiptJson(source, requirePayment(world, source)));
    }),
  ];
}

export const receiptRoutes: Route[] = [
  ...receiptRoutesFor("INVOICE"),
  ...receiptRoutesFor("ORDER"),
];
