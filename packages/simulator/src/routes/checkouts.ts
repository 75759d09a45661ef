// POST /v1/checkouts/create: the one-call checkout (api-notes §2.5 "Checkout source").
import { PHONE_PATTERN, SOURCE_CURRENCIES, SOURCE_TYPES } from "../catalog.ts";
import { CHECKOUT_MODES, checkoutJson, createCheckout, publicBase } from "../checkouts.ts";
import { unprocessable } from "../errors.ts";
import { json } from "../http.ts";
import { minorUnitsAt } from "../money.ts";
import type { Route } from "../router.ts";
import {
  amount,
  array,
  currencyCode,
  INVALID,
  integer,
  nullable,
  object,
  oneOf,
  optional,
  parseBody,
  string,
  type Validator,
} from "../validation.ts";
import { RELATIONSHIP_TYPES } from "./parties.ts";
import { v1 } from "./route.ts";

const PATH = "/v1/checkouts/create";

/**
 * An absolute http(s) URL, as pydantic's `HttpUrl` checks it, and stricter: no whitespace or
 * control characters (a URL parser drops some silently) and no user:password part.
 */
export function httpUrl(): Validator<string> {
  const text = string({ minLength: 1, maxLength: 2000 });
  return (input, loc, issues) => {
    const value = text(input, loc, issues);
    if (value === INVALID) return INVALID;
    let parsed: URL | null = null;
    try {
      parsed = /[\s\p{Cc}]/u.test(value) ? null : new URL(value);
    } catch {
      parsed = null;
    }
    if (parsed === null) {
      issues.push({ loc: [...loc], msg: "Input should be a valid URL", type: "url_parsing" });
      return INVALID;
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
      issues.push({
        loc: [...loc],
        msg: "URL scheme should be 'http' or 'https'",
        type: "url_scheme",
      });
      return INVALID;
    }
    if (parsed.username !== "" || parsed.password !== "" || parsed.hostname === "") {
      issues.push({
        loc: [...loc],
        msg: "Input should be a valid URL with a host and no credentials",
        type: "url_parsing",
      });
      return INVALID;
    }
    return value;
  };
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 date-time with its offset, as epoch milliseconds. */
function dateTime(): Validator<number> {
  return (input, loc, issues) => {
    const ms = typeof input === "string" && DATE_TIME.test(input) ? Date.parse(input) : Number.NaN;
    if (Number.isFinite(ms)) return ms;
    issues.push({
      loc: [...loc],
      msg: "Input should be a valid datetime with a time zone, e.g. 2026-06-30T12:00:00Z",
      type: "datetime_parsing",
    });
    return INVALID;
  };
}

const checkoutRequest = object({
  mode: oneOf(CHECKOUT_MODES),
  source_kind: oneOf(SOURCE_TYPES),
  party_phone: string({ pattern: PHONE_PATTERN }),
  currency: currencyCode(),
  items: array(
    object({
      name: string({ minLength: 1, maxLength: 200 }),
      currency: currencyCode(),
      amount: amount(),
    }),
    { minLength: 1, maxLength: 100 },
  ),
  party_name: optional(nullable(string({ minLength: 1, maxLength: 200 }))),
  party_email: optional(nullable(string({ maxLength: 320, pattern: /^[^@\s]+@[^@\s]+$/ }))),
  party_relationship: optional(nullable(oneOf(RELATIONSHIP_TYPES))),
  reference_id: optional(nullable(string({ maxLength: 200 }))),
  note: optional(nullable(string({ maxLength: 1000 }))),
  due_date: optional(
    nullable(string({ pattern: /^\d{4}-\d{2}-\d{2}(?:T[\d:.]{5,15}(?:Z|[+-]\d{2}:\d{2})?)?$/ })),
  ),
  success_url: optional(nullable(httpUrl())),
  cancel_url: optional(nullable(httpUrl())),
  expires_at: optional(nullable(dateTime())),
  counterparty_id: optional(nullable(integer({ min: 1 }))),
});

export const checkoutRoutes: Route[] = [
  v1("POST", PATH, async ({ world, url, body }) => {
    const input = parseBody(checkoutRequest, await body());
    // Every rule is checked before the first record is made: a refused checkout leaves none.
    if (!(SOURCE_CURRENCIES as readonly string[]).includes(input.currency))
      throw unprocessable(
        ["body", "currency"],
        `currency ${input.currency} is not supported: use ${SOURCE_CURRENCIES.join(", ")}`,
      );
    const items = input.items.map((item, index) => {
      if (item.currency !== input.currency)
        throw unprocessable(
          ["body", "items", index, "currency"],
          `item currency ${item.currency} does not match the checkout currency ${input.currency}`,
        );
      return {
        name: item.name,
        amountMinor: minorUnitsAt(item.amount, input.currency, ["body", "items", index, "amount"]),
      };
    });
    if (input.expires_at != null && input.expires_at <= world.now())
      throw unprocessable(["body", "expires_at"], "expires_at must be in the future");
    const checkout = createCheckout(world, { ...input, items });
    return json(200, checkoutJson(world, publicBase(url, PATH), checkout));
  }),
];
