// Amount-and-fee predictions: for a source, and for a bare amount.
import {
  FEE_BEARERS,
  isValidCombination,
  OPERATION_TYPES,
  PAYMENT_METHODS,
  PROVIDERS,
  SOURCE_TYPES,
} from "../catalog.ts";
import { unprocessable } from "../errors.ts";
import { predictionJson, priceCollection } from "../fees.ts";
import { json } from "../http.ts";
import { minorUnitsAt } from "../money.ts";
import type { Route } from "../router.ts";
import { getSource, sourceProgress, totalMinor } from "../sources.ts";
import { amount, currencyCode, integerText, oneOf, parseQuery } from "../validation.ts";
import { v1 } from "./route.ts";
import { assertSourceCurrency } from "./sources.ts";

function assertCombination(method: string, provider: string): void {
  if (!isValidCombination(method, provider))
    throw unprocessable(
      ["query", "provider"],
      `invalid combination of payment_method ${method} and provider ${provider}`,
    );
}

export const predictionRoutes: Route[] = [
  v1("GET", "/v1/predictions/payment-source/amount-and-fees", ({ world, url }) => {
    const query = parseQuery(
      {
        source_type: oneOf(SOURCE_TYPES),
        source_id: integerText({ min: 1 }),
        target_currency: currencyCode(),
        payment_method: oneOf(PAYMENT_METHODS),
        provider: oneOf(PROVIDERS),
      },
      url.searchParams,
    );
    assertCombination(query.payment_method, query.provider);
    const source = getSource(world, query.source_type, query.source_id);
    if (sourceProgress(world, source).status === "CANCELED")
      throw unprocessable(["query", "source_id"], "source canceled");
    const price = priceCollection(
      {
        baseMinor: totalMinor(source),
        baseCurrency: source.currency,
        payerCurrency: query.target_currency,
        method: query.payment_method,
        feeBearer: source.fee_bearer,
      },
      ["query", "target_currency"],
    );
    return json(200, predictionJson(price));
  }),
  v1("GET", "/v1/predictions/amount-and-fees", ({ url }) => {
    const query = parseQuery(
      {
        base_amount: amount(),
        base_currency: currencyCode(),
        target_currency: currencyCode(),
        payment_method: oneOf(PAYMENT_METHODS),
        operation_type: oneOf(OPERATION_TYPES),
        provider: oneOf(PROVIDERS),
        fee_bearer: oneOf(FEE_BEARERS),
      },
      url.searchParams,
    );
    assertCombination(query.payment_method, query.provider);
    assertSourceCurrency(query.base_currency, ["query", "base_currency"]);
    if (query.operation_type !== "COLLECTION")
      throw unprocessable(
        ["query", "operation_type"],
        "the simulator predicts COLLECTION fees only",
      );
    const price = priceCollection(
      {
        baseMinor: minorUnitsAt(query.base_amount, query.base_currency, ["query", "base_amount"]),
        baseCurrency: query.base_currency,
        payerCurrency: query.target_currency,
        method: query.payment_method,
        feeBearer: query.fee_bearer,
      },
      ["query", "target_currency"],
    );
    return json(200, predictionJson(price));
  }),
];
