// POST /v1/sessions/checkout and POST /v1/sessions/payout.
import { SOURCE_TYPES } from "../catalog.ts";
import { json } from "../http.ts";
import type { Route } from "../router.ts";
import {
  checkoutSessionJson,
  createCheckoutSession,
  createPayoutSession,
  payoutSessionJson,
} from "../sessions.ts";
import { amount, currencyCode, integer, object, oneOf, parseBody } from "../validation.ts";
import { v1 } from "./route.ts";

const checkoutSessionRequest = object({
  source_id: integer({ min: 1 }),
  source_type: oneOf(SOURCE_TYPES),
});

const payoutSessionRequest = object({
  payout_account_id: integer({ min: 1 }),
  amount: amount(),
  currency: currencyCode(),
});

export const sessionRoutes: Route[] = [
  v1("POST", "/v1/sessions/checkout", async ({ world, body }) => {
    const input = parseBody(checkoutSessionRequest, await body());
    return json(200, checkoutSessionJson(createCheckoutSession(world, input)));
  }),
  v1("POST", "/v1/sessions/payout", async ({ world, body }) => {
    const input = parseBody(payoutSessionRequest, await body());
    return json(200, payoutSessionJson(createPayoutSession(world, input)));
  }),
];
