// GET /v1/merchants/merchant-info: the one merchant the simulator's credentials belong to.
import { notFound } from "../errors.ts";
import { json } from "../http.ts";
import type { Route } from "../router.ts";
import { integerText, oneOf, parseQuery } from "../validation.ts";
import { v1 } from "./route.ts";

export const MERCHANT_TYPES = ["MICRO_ORGANIZATION", "ORGANIZATION"] as const;

/** `MerchantInfoResponse` of the simulated merchant (phone: E.164 digits without "+"). */
export const SIMULATED_MERCHANT = {
  id: 1,
  name: "Simulated Merchant",
  type: "ORGANIZATION",
  email: "merchant@simulator.dollr.test",
  phone: "231555000000",
} as const;

export const merchantRoutes: Route[] = [
  v1("GET", "/v1/merchants/merchant-info", ({ url }) => {
    const query = parseQuery(
      { merchant_id: integerText({ min: 1 }), merchant_type: oneOf(MERCHANT_TYPES) },
      url.searchParams,
    );
    if (
      query.merchant_id !== SIMULATED_MERCHANT.id ||
      query.merchant_type !== SIMULATED_MERCHANT.type
    )
      throw notFound("Merchant not found");
    return json(200, { ...SIMULATED_MERCHANT });
  }),
];
