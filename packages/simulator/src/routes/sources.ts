// Invoices and orders: the same operations under /v1/invoices and /v1/orders.
import { FEE_BEARERS, SOURCE_CURRENCIES, type SourceType } from "../catalog.ts";
import { notFound, unprocessable } from "../errors.ts";
import { json } from "../http.ts";
import { minorUnitsAt } from "../money.ts";
import type { Route, World } from "../router.ts";
import { findItem, removeItem, updateItem, updateSource } from "../source-edits.ts";
import {
  addItem,
  cancelSource,
  createSource,
  getSource,
  itemJson,
  publishSource,
  sourceDetailJson,
  sourceJson,
  sourceProgress,
} from "../sources.ts";
import {
  amount,
  boolean,
  currencyCode,
  integer,
  integerText,
  nullable,
  object,
  oneOf,
  optional,
  parseBody,
  parsePathParam,
  parseQuery,
  string,
} from "../validation.ts";
import { v1 } from "./route.ts";

const sourceFields = {
  counterparty_id: integer({ min: 1 }),
  currency: currencyCode(),
  note: optional(nullable(string({ maxLength: 1000 }))),
  fee_bearer: oneOf(FEE_BEARERS),
  as_payment_link: optional(boolean()),
  reference_id: optional(nullable(string({ maxLength: 200 }))),
  due_date: optional(nullable(string({ maxLength: 40 }))),
};
const newSource = object(sourceFields);
const sourceChanges = object({
  ...sourceFields,
  counterparty_id: optional(sourceFields.counterparty_id),
  currency: optional(sourceFields.currency),
  fee_bearer: optional(sourceFields.fee_bearer),
});

const itemName = string({ minLength: 1, maxLength: 200 });
const itemQty = integer({ min: 1, max: 10_000 });
const newItem = object({
  name: itemName,
  currency: currencyCode(),
  qty: optional(itemQty),
  amount: amount(),
});
const itemChanges = object({
  name: optional(itemName),
  qty: optional(itemQty),
  amount: optional(amount()),
});

const SOURCE_STATUSES = ["IDLE", "ACTIVE", "PROCESSING", "PAID", "CANCELED"] as const;

export function assertSourceCurrency(currency: string, loc: (string | number)[]): void {
  if (!(SOURCE_CURRENCIES as readonly string[]).includes(currency))
    throw unprocessable(
      loc,
      `currency ${currency} is not supported: use ${SOURCE_CURRENCIES.join(", ")}`,
    );
}

function routesFor(type: SourceType): Route[] {
  const base = type === "INVOICE" ? "/v1/invoices" : "/v1/orders";
  const idName = type === "INVOICE" ? "invoice_id" : "order_id";
  const numberName = type === "INVOICE" ? "invoice_number" : "order_number";
  const idParam = (params: Record<string, string>) =>
    parsePathParam(integerText({ min: 1 }), idName, params[idName] ?? "");
  // The source, then its item named by `{id}` in `…/items/{id}/…`.
  const itemParams = (world: World, params: Record<string, string>) => {
    const source = getSource(world, type, idParam(params));
    const itemId = parsePathParam(integerText({ min: 1 }), "id", params.id ?? "");
    return { source, item: findItem(source, itemId) };
  };

  return [
    v1("POST", `${base}/create`, async ({ world, body }) => {
      const input = parseBody(newSource, await body());
      assertSourceCurrency(input.currency, ["body", "currency"]);
      return json(200, sourceJson(world, createSource(world, { ...input, type })));
    }),
    v1("POST", `${base}/:${idName}/items/add`, async ({ world, params, body }) => {
      const source = getSource(world, type, idParam(params));
      const input = parseBody(newItem, await body());
      const item = addItem(world, source, {
        name: input.name,
        currency: input.currency,
        qty: input.qty ?? 1,
        amountMinor: minorUnitsAt(input.amount, input.currency, ["body", "amount"]),
      });
      return json(200, itemJson(item));
    }),
    v1("PUT", `${base}/:${idName}/items/:id/update`, async ({ world, params, body }) => {
      const { source, item } = itemParams(world, params);
      const input = parseBody(itemChanges, await body());
      updateItem(world, source, item, {
        name: input.name,
        qty: input.qty,
        amountMinor:
          input.amount === undefined
            ? undefined
            : minorUnitsAt(input.amount, item.currency, ["body", "amount"]),
      });
      return json(200, itemJson(item));
    }),
    v1("DELETE", `${base}/:${idName}/items/:id/remove`, ({ world, params }) => {
      const { source, item } = itemParams(world, params);
      removeItem(world, source, item);
      return json(200, {});
    }),
    v1("PUT", `${base}/update/:${idName}`, async ({ world, params, body }) => {
      const source = getSource(world, type, idParam(params));
      const input = parseBody(sourceChanges, await body());
      if (input.currency !== undefined) assertSourceCurrency(input.currency, ["body", "currency"]);
      updateSource(world, source, input);
      return json(200, sourceJson(world, source));
    }),
    v1("PUT", `${base}/publish/:${idName}`, ({ world, params }) => {
      const source = getSource(world, type, idParam(params));
      publishSource(world, source);
      return json(200, sourceJson(world, source));
    }),
    v1("GET", `${base}/retrieve/:${idName}`, ({ world, params }) => {
      return json(200, sourceDetailJson(world, getSource(world, type, idParam(params))));
    }),
    v1("GET", `${base}/retrieve/number/:${numberName}`, ({ world, params }) => {
      const wanted = params[numberName];
      const source = [...world.store.state.sources.values()].find(
        (candidate) => candidate.type === type && candidate.number === wanted,
      );
      if (!source) throw notFound(`${type === "INVOICE" ? "Invoice" : "Order"} not found`);
      return json(200, sourceDetailJson(world, source));
    }),
    v1("GET", `${base}/list`, ({ world, url }) => {
      const query = parseQuery(
        { currency: optional(currencyCode()), status: optional(oneOf(SOURCE_STATUSES)) },
        url.searchParams,
      );
      const sources = [...world.store.state.sources.values()].filter(
        (source) =>
          source.type === type &&
          (query.currency === undefined || source.currency === query.currency) &&
          (query.status === undefined || sourceProgress(world, source).status === query.status),
      );
      return json(
        200,
        sources.map((source) => sourceJson(world, source)),
      );
    }),
    v1("DELETE", `${base}/cancel/:${idName}`, ({ world, params }) => {
      const source = getSource(world, type, idParam(params));
      cancelSource(world, source);
      return json(200, sourceJson(world, source));
    }),
  ];
}

export const sourceRoutes: Route[] = [...routesFor("INVOICE"), ...routesFor("ORDER")];
