// Payment accounts and the provider predictions (mobile money operator, card brand).
import {
  cardProviderInfo,
  createPaymentAccount,
  mmoProviderInfo,
  paymentAccountJson,
} from "../accounts.ts";
import {
  OPERATION_TYPES,
  PAYMENT_METHOD_ID_PATTERN,
  PAYMENT_METHODS,
  PROVIDERS,
} from "../catalog.ts";
import { json } from "../http.ts";
import type { Route } from "../router.ts";
import {
  integer,
  integerText,
  nullable,
  object,
  oneOf,
  optional,
  parseBody,
  parseQuery,
  string,
} from "../validation.ts";
import { v1 } from "./route.ts";

const newPaymentAccount = object({
  account_name: string({ minLength: 1, maxLength: 200 }),
  provider: oneOf(PROVIDERS),
  method: oneOf(PAYMENT_METHODS),
  party_id: integer({ min: 1 }),
  country_code: optional(nullable(string({ pattern: /^[A-Z]{2,3}$/ }))),
  insensitive_account_number: optional(nullable(string({ maxLength: 32 }))),
  // Not in Dollr's documented schema: the simulator's explicit way to bind a card (see README).
  payment_method_id: optional(nullable(string({ pattern: PAYMENT_METHOD_ID_PATTERN }))),
});

export const accountRoutes: Route[] = [
  v1("POST", "/v1/payment-accounts/create", async ({ world, url, body }) => {
    const { operation_type } = parseQuery(
      { operation_type: oneOf(OPERATION_TYPES) },
      url.searchParams,
    );
    const input = parseBody(newPaymentAccount, await body());
    return json(200, paymentAccountJson(createPaymentAccount(world, operation_type, input)));
  }),
  v1("GET", "/v1/predictions/mmo-provider-info", ({ url }) => {
    const query = parseQuery(
      { phone: string({ maxLength: 32 }), operation_type: oneOf(OPERATION_TYPES) },
      url.searchParams,
    );
    return json(200, mmoProviderInfo(query.phone, query.operation_type));
  }),
  v1("GET", "/v1/predictions/card-provider-info", ({ world, url }) => {
    const query = parseQuery(
      {
        payment_method_id: string({ pattern: PAYMENT_METHOD_ID_PATTERN }),
        operation_type: oneOf(OPERATION_TYPES),
        provider: oneOf(PROVIDERS),
        // Not in Dollr's documented query: names the party whose next card account binds this pm.
        party_id: optional(integerText({ min: 1 })),
      },
      url.searchParams,
    );
    return json(200, cardProviderInfo(world, query));
  }),
];
