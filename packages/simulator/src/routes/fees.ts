// The fee schedule: /v1/fees/gateway, /platform, /merchant-tier and /tiers. Derived from the rules
// in fees.ts, so every rate read here is the one the predictions and executions charge.
import { OPERATION_TYPES, PAYMENT_METHODS } from "../catalog.ts";
import { notFound } from "../errors.ts";
import {
  DEFAULT_FEE_TIER,
  FEE_PAYMENT_METHODS,
  FEE_SCHEDULE_START,
  gatewayFeeJson,
  hasFee,
  platformFeeJson,
} from "../fees.ts";
import { json } from "../http.ts";
import type { Route } from "../router.ts";
import { integerText, oneOf, optional, parseQuery, string } from "../validation.ts";
import { SIMULATED_MERCHANT } from "./merchants.ts";
import { v1 } from "./route.ts";

const OWNER_TYPES = ["USER", "MICRO_ORGANIZATION", "ORGANIZATION"] as const;

const noFee = () => notFound("Fee not found");

export const feeRoutes: Route[] = [
  v1("GET", "/v1/fees/gateway", ({ url }) => {
    const query = parseQuery(
      { payment_method: oneOf(FEE_PAYMENT_METHODS), operation_type: oneOf(OPERATION_TYPES) },
      url.searchParams,
    );
    const { payment_method: method, operation_type: operation } = query;
    if (method === "WALLET" || !hasFee(method, operation)) throw noFee();
    return json(200, gatewayFeeJson(method, operation));
  }),
  v1("GET", "/v1/fees/platform", ({ url }) => {
    const query = parseQuery(
      {
        operation_type: oneOf(OPERATION_TYPES),
        fee_tier_name: string({ minLength: 1, maxLength: 100 }),
        // Not documented: the simulator's collection rate depends on the method.
        payment_method: optional(oneOf(PAYMENT_METHODS)),
      },
      url.searchParams,
    );
    if (query.fee_tier_name !== DEFAULT_FEE_TIER.name) throw notFound("Fee tier not found");
    const operation = query.operation_type;
    if (operation !== "COLLECTION" && operation !== "PAYOUT") throw noFee();
    if (query.payment_method !== undefined && !hasFee(query.payment_method, operation))
      throw noFee();
    return json(200, platformFeeJson(operation, query.payment_method));
  }),
  v1("GET", "/v1/fees/merchant-tier", ({ url }) => {
    const query = parseQuery(
      { owner_type: oneOf(OWNER_TYPES), owner_id: integerText({ min: 1 }) },
      url.searchParams,
    );
    if (query.owner_type !== SIMULATED_MERCHANT.type || query.owner_id !== SIMULATED_MERCHANT.id)
      throw notFound("Merchant not found");
    return json(200, {
      id: 1,
      owner_type: query.owner_type,
      owner_id: query.owner_id,
      assigned_at: FEE_SCHEDULE_START,
      assigned_by: null,
      tier: DEFAULT_FEE_TIER,
    });
  }),
  v1("GET", "/v1/fees/tiers", () => json(200, [DEFAULT_FEE_TIER])),
];
