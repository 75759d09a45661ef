// Executions (collection, payout) and their status; source status.
import { SOURCE_TYPES } from "../catalog.ts";
import { HttpError } from "../errors.ts";
import { executeCollection, executePayout, executionJson, findExecution } from "../executions.ts";
import { json } from "../http.ts";
import type { Route } from "../router.ts";
import { getSource, sourceStatusJson } from "../sources.ts";
import {
  currencyCode,
  INVALID,
  integerText,
  nullable,
  object,
  oneOf,
  optional,
  parseBody,
  parseQuery,
  string,
  type Validator,
} from "../validation.ts";
import { v1 } from "./route.ts";

const collectionRequest = object({
  session_id: string({ minLength: 1, maxLength: 64 }),
  payment_account_id: string({ minLength: 1, maxLength: 64 }),
  currency: currencyCode(),
  reference_id: string({ minLength: 1, maxLength: 64 }),
});

const stringOrInteger: Validator<string | number> = (input, loc, issues) => {
  if (typeof input === "string" || (typeof input === "number" && Number.isSafeInteger(input)))
    return input;
  issues.push({ loc: [...loc], msg: "Input should be a valid string", type: "string_type" });
  return INVALID;
};

const deviceText = string({ minLength: 1, maxLength: 500 });

/** `…WithDeviceVerifyPasscodePayload`: the merchant's passcode and the device sending it. */
const passcode = object({
  token: object({
    code: string({ minLength: 1, maxLength: 64 }),
    phone: optional(nullable(string({ maxLength: 32 }))),
    user_id: optional(nullable(stringOrInteger)),
  }),
  device: object({
    name: deviceText,
    type: deviceText,
    platform: deviceText,
    user_agent: deviceText,
    client_ip: deviceText,
  }),
});

const payoutRequest = object({
  session_id: string({ minLength: 1, maxLength: 64 }),
  payout_account_id: string({ minLength: 1, maxLength: 64 }),
  reference_id: string({ minLength: 1, maxLength: 64 }),
  passcode,
});

const referenceParam = (params: Record<string, string>) => params.reference_id ?? "";

export const executionRoutes: Route[] = [
  v1("POST", "/v1/executions/collection", async ({ world, body }) => {
    const input = parseBody(collectionRequest, await body());
    return json(200, executionJson(world, executeCollection(world, input)));
  }),
  v1("POST", "/v1/executions/payout", async ({ world, body }) => {
    const input = parseBody(payoutRequest, await body());
    // Checked before anything else, replays included: the passcode guards every payout answer.
    if (input.passcode.token.code !== world.config.payoutPasscode)
      throw new HttpError(403, "Invalid passcode");
    return json(200, executionJson(world, executePayout(world, input)));
  }),
  v1("GET", "/v1/status/collection/:reference_id", ({ world, params }) => {
    return json(
      200,
      executionJson(world, findExecution(world, "COLLECTION", referenceParam(params))),
    );
  }),
  v1("GET", "/v1/status/payout/:reference_id", ({ world, params }) => {
    return json(200, executionJson(world, findExecution(world, "PAYOUT", referenceParam(params))));
  }),
  v1("GET", "/v1/status/source", ({ world, url }) => {
    const query = parseQuery(
      { source_type: oneOf(SOURCE_TYPES), source_id: integerText({ min: 1 }) },
      url.searchParams,
    );
    return json(200, sourceStatusJson(world, getSource(world, query.source_type, query.source_id)));
  }),
];
