/**
 * The proxy contract: what the browser may ask of the merchant's server.
 *
 * It is Dollr's own paths and JSON, a subset (so any backend can keep it by forwarding with its
 * bearer token), plus the kit's own `/kit/...` routes for what Dollr lacks: the kit's config and
 * the customer's saved payment accounts. Request shapes are strict (an unknown field is an
 * error) and never carry an amount; answer shapes are loose (new fields are kept).
 *
 * Shared by the proxy client (browser) and `@dollr-kit/server`, so both sides agree on every
 * field. `packages/server/CONTRACT.md` is the same contract in words.
 */
import * as v from "valibot";
import {
  POLL_BACKOFF_FACTOR,
  POLL_CAP_MS,
  POLL_FIRST_DELAY_MS,
  POLL_MAX_DELAY_MS,
} from "./engine/polling.ts";
import { minValue } from "./internal/rule.ts";
import { amountSchema, parseOrThrow } from "./schemas.ts";

// ---------------------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------------------

/** Every route of the contract, relative to the proxy's base URL (e.g. `/api/dollr`). */
export const CONTRACT_PATHS = Object.freeze({
  /** `GET`: the kit's config (`KitConfig`). */
  config: "/kit/config",
  /** `GET` lists, `POST` adds the signed-in customer's saved payment accounts. */
  paymentAccounts: "/kit/payment-accounts",
  /** `POST`: a checkout session for a source (Dollr's). */
  checkoutSession: "/v1/sessions/checkout",
  /** `POST`: execute a collection (Dollr's). */
  executeCollection: "/v1/executions/collection",
  /** `GET /v1/status/collection/{reference_id}` (Dollr's); see `collectionStatusPath`. */
  collectionStatusPrefix: "/v1/status/collection/",
  /** `GET ?source_type=&source_id=`: an invoice's or order's status (Dollr's). */
  sourceStatus: "/v1/status/source",
  /** `GET ?phone=`: the operator of a mobile-money number (Dollr's). */
  mmoProviderInfo: "/v1/predictions/mmo-provider-info",
  /** `POST`: a payout session (payouts on only). */
  payoutSession: "/v1/sessions/payout",
  /** `POST`: execute a payout (payouts on only). */
  executePayout: "/v1/executions/payout",
  /** `GET /v1/status/payout/{reference_id}` (payouts on only). */
  payoutStatusPrefix: "/v1/status/payout/",
  /** `GET`: what the payer pays for a source with a method (Dollr's). */
  sourceFees: "/v1/predictions/payment-source/amount-and-fees",
} as const);

/** `DELETE` path of one saved payment account. */
export function paymentAccountPath(id: string): string {
  return `${CONTRACT_PATHS.paymentAccounts}/${encodeURIComponent(id)}`;
}

/** `GET` path of a collection's status. */
export function collectionStatusPath(referenceId: string): string {
  return `${CONTRACT_PATHS.collectionStatusPrefix}${encodeURIComponent(referenceId)}`;
}

/** The largest request body the contract accepts, in bytes (16 KiB); more is a 413. */
export const MAX_REQUEST_BODY_BYTES = 16 * 1024;

// ---------------------------------------------------------------------------------------------
// Field rules (Dollr's, api-notes §2.2)
// ---------------------------------------------------------------------------------------------

/** A UUID v4 in canonical lowercase form (what `crypto.randomUUID()` gives). */
export const UUID_V4_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** E.164 digits without `+` (Dollr: 8–15 digits, no leading 0). */
export const PHONE_PATTERN = /^[1-9]\d{7,14}$/;
/** ISO 4217, uppercase. */
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;
/** A Stripe PaymentMethod id. */
export const PAYMENT_METHOD_ID_PATTERN = /^pm_[A-Za-z0-9_]{1,200}$/;
/** Opaque ids the proxy hands out or passes on (session ids, saved account ids). */
export const OPAQUE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** Dollr's enum words (methods, providers). */
export const ENUM_WORD_PATTERN = /^[A-Z][A-Z0-9_]{1,39}$/;

/** The sources a checkout can pay (`SUBSCRIPTION` is not publicly supported by Dollr). */
export const SOURCE_TYPES = Object.freeze(["INVOICE", "ORDER"] as const);
/** `"INVOICE" | "ORDER"`. */
export type SourceType = (typeof SOURCE_TYPES)[number];

/** The mobile-money methods Dollr names (api-notes §2.6), by country. */
export const MOBILE_MONEY_METHODS = Object.freeze([
  "MTN_MOMO_LBR",
  "ORANGE_MONEY_LBR",
  "AIRTEL_RWA",
  "MTN_MOMO_RWA",
  "ORANGE_MONEY_RWA",
] as const);

/** Whether `value` is a canonical lowercase UUID v4, the only form the contract accepts. */
export function isContractReferenceId(value: unknown): value is string {
  return typeof value === "string" && UUID_V4_PATTERN.test(value);
}

/**
 * A phone number with all but its last 3 digits masked (`231880000123` → `*********123`), the
 * only form in which the proxy ever answers or logs one.
 */
export function maskPhoneNumber(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (digits.length <= 3) return "*".repeat(digits.length);
  return "*".repeat(digits.length - 3) + digits.slice(-3);
}

// ---------------------------------------------------------------------------------------------
// Request shapes (strict: unknown fields are rejected; no amounts anywhere)
// ---------------------------------------------------------------------------------------------

const text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));
const pattern = (regex: RegExp, what: string) => v.pipe(v.string(), v.regex(regex, what));
// Source ids are integers in Dollr; as query text they are digits only, safely below 2^53.
const sourceIdNumber = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2 ** 53 - 1));
const sourceIdText = v.pipe(
  pattern(/^[1-9]\d{0,15}$/, "Expected a positive integer"),
  v.transform(Number),
  sourceIdNumber,
);

/** `POST /kit/payment-accounts` for a mobile-money wallet. */
export const CreateMobileMoneyAccountBodySchema = v.strictObject({
  type: v.literal("MOBILE_MONEY"),
  phone: pattern(PHONE_PATTERN, "Expected E.164 digits without '+', 8 to 15 digits"),
  account_name: text(100),
  /** An operator override for a ported number; must be a method of the predicted country. */
  method: v.optional(v.picklist(MOBILE_MONEY_METHODS)),
});

/** `POST /kit/payment-accounts` for a card (a Stripe `pm_…` made with Dollr's publishable key). */
export const CreateCardAccountBodySchema = v.strictObject({
  type: v.literal("CARD"),
  payment_method_id: pattern(PAYMENT_METHOD_ID_PATTERN, "Expected a Stripe PaymentMethod id"),
  account_name: text(100),
  /** The card's last four digits as Stripe.js reported them, for display only. */
  last4: v.optional(pattern(/^\d{4}$/, "Expected 4 digits")),
});

/** `POST /kit/payment-accounts`: a wallet or a card, told apart by `type`. */
export const CreatePaymentAccountBodySchema = v.variant("type", [
  CreateMobileMoneyAccountBodySchema,
  CreateCardAccountBodySchema,
]);

/** `POST /v1/sessions/checkout`: which source to pay. The amount is the source's, never sent. */
export const CheckoutSessionBodySchema = v.strictObject({
  source_type: v.picklist(SOURCE_TYPES),
  source_id: sourceIdNumber,
});

/** `POST /v1/executions/collection`: Dollr's `CheckoutExecutionPayload`. */
export const ExecuteCollectionBodySchema = v.strictObject({
  session_id: pattern(OPAQUE_ID_PATTERN, "Expected the checkout session's id as a string"),
  payment_account_id: pattern(OPAQUE_ID_PATTERN, "Expected a saved payment account's id"),
  currency: pattern(CURRENCY_PATTERN, "Expected an ISO 4217 code in capitals"),
  reference_id: pattern(UUID_V4_PATTERN, "Expected a lowercase UUID v4"),
});

/** `GET /v1/status/collection/{reference_id}`: the path parameter. */
export const ReferenceIdSchema = pattern(UUID_V4_PATTERN, "Expected a lowercase UUID v4");

/** `GET /kit/payment-accounts/{id}` / `DELETE`: the path parameter. */
export const PaymentAccountIdSchema = pattern(OPAQUE_ID_PATTERN, "Expected a saved account's id");

/** `GET /v1/status/source` query. */
export const SourceStatusQuerySchema = v.strictObject({
  source_type: v.picklist(SOURCE_TYPES),
  source_id: sourceIdText,
});

/** `GET /v1/predictions/mmo-provider-info` query (the proxy fixes `operation_type=COLLECTION`). */
export const MmoProviderInfoQuerySchema = v.strictObject({
  phone: pattern(PHONE_PATTERN, "Expected E.164 digits without '+', 8 to 15 digits"),
  operation_type: v.optional(v.literal("COLLECTION")),
});

/** `GET /v1/predictions/payment-source/amount-and-fees` query. */
export const SourceFeesQuerySchema = v.strictObject({
  source_type: v.picklist(SOURCE_TYPES),
  source_id: sourceIdText,
  target_currency: pattern(CURRENCY_PATTERN, "Expected an ISO 4217 code in capitals"),
  payment_method: pattern(ENUM_WORD_PATTERN, "Expected a Dollr payment method word"),
  provider: pattern(ENUM_WORD_PATTERN, "Expected a Dollr provider word"),
});

// Payouts are a merchant surface, off unless the merchant's proxy turns them on.

/** `POST /v1/sessions/payout` (payouts on only): the merchant's staff choose the amount. */
export const PayoutSessionBodySchema = v.strictObject({
  payout_account_id: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2 ** 53 - 1)),
  amount: pattern(/^(?!0+(\.0+)?$)\d{1,12}(\.\d{1,2})?$/, "Expected a positive decimal string"),
  currency: pattern(CURRENCY_PATTERN, "Expected an ISO 4217 code in capitals"),
});

/**
 * `POST /v1/executions/payout` (payouts on only). `passcode` is the merchant's payout passcode as
 * a signed-in staff member typed it; leave it out when the proxy holds the passcode itself.
 */
export const ExecutePayoutBodySchema = v.strictObject({
  session_id: pattern(OPAQUE_ID_PATTERN, "Expected the payout session's id as a string"),
  payout_account_id: pattern(OPAQUE_ID_PATTERN, "Expected a payout account's id"),
  reference_id: pattern(UUID_V4_PATTERN, "Expected a lowercase UUID v4"),
  passcode: v.optional(
    v.strictObject({
      code: pattern(/^[A-Za-z0-9]{4,32}$/, "Expected the payout passcode"),
      phone: v.optional(pattern(PHONE_PATTERN, "Expected E.164 digits without '+'")),
      user_id: v.optional(pattern(OPAQUE_ID_PATTERN, "Expected a user id")),
    }),
  ),
});

/** Body of `POST /v1/sessions/payout`. */
export type PayoutSessionBody = v.InferOutput<typeof PayoutSessionBodySchema>;
/** Body of `POST /v1/executions/payout`. */
export type ExecutePayoutBody = v.InferOutput<typeof ExecutePayoutBodySchema>;

/** Body of `POST /kit/payment-accounts` for a wallet. */
export type CreateMobileMoneyAccountBody = v.InferInput<typeof CreateMobileMoneyAccountBodySchema>;
/** Body of `POST /kit/payment-accounts` for a card. */
export type CreateCardAccountBody = v.InferInput<typeof CreateCardAccountBodySchema>;
/** Body of `POST /kit/payment-accounts`. */
export type CreatePaymentAccountBody = CreateMobileMoneyAccountBody | CreateCardAccountBody;
/** Body of `POST /v1/sessions/checkout`. */
export type CheckoutSessionBody = v.InferOutput<typeof CheckoutSessionBodySchema>;
/** Body of `POST /v1/executions/collection`. */
export type ExecuteCollectionBody = v.InferOutput<typeof ExecuteCollectionBodySchema>;
/** Query of `GET /v1/status/source`. */
export type SourceStatusQuery = v.InferOutput<typeof SourceStatusQuerySchema>;
/** Query of `GET /v1/predictions/payment-source/amount-and-fees`. */
export type SourceFeesQuery = v.InferOutput<typeof SourceFeesQuerySchema>;
/** A source the customer pays: an invoice or an order. */
export interface SourceRef {
  source_type: SourceType;
  source_id: number;
}

// ---------------------------------------------------------------------------------------------
// Validation results in Dollr's own 422 shape
// ---------------------------------------------------------------------------------------------

/** One item of a 422 `detail[]`, shaped like Dollr's (FastAPI/pydantic). */
export interface ValidationDetailItem {
  /** Where: `["body", "currency"]`, `["query", "phone"]`, `["path", "reference_id"]`. */
  loc: (string | number)[];
  /** What is wrong, in words. */
  msg: string;
  /** The machine type: `missing`, `extra_forbidden`, `type_error`, `value_error`, … */
  type: string;
}

/** What `checkRequest` found: the typed value, or the 422 `detail[]` to answer. */
export type CheckResult<T> = { ok: true; value: T } | { ok: false; detail: ValidationDetailItem[] };

/** Where a checked value came from, for the first element of each `loc`. */
export type RequestLocation = "body" | "query" | "path";

function issueToDetail(
  issue: v.BaseIssue<unknown>,
  location: RequestLocation,
  pathName: string | undefined,
): ValidationDetailItem {
  const keys = (issue.path ?? []).map((item) => {
    const key = (item as { key?: unknown }).key;
    return typeof key === "number" ? key : String(key);
  });
  const loc: (string | number)[] = [location, ...(pathName ? [pathName] : []), ...keys];
  if (issue.type === "strict_object" && issue.expected === "never") {
    return { loc, msg: "Extra inputs are not permitted", type: "extra_forbidden" };
  }
  if (issue.input === undefined && issue.kind === "schema") {
    return { loc, msg: "Field required", type: "missing" };
  }
  const type = issue.kind === "schema" ? "type_error" : "value_error";
  // valibot's messages end with "but received <the input>": cut it, so that a phone number or a
  // passcode sent in the wrong place is never echoed back.
  return { loc, msg: issue.message.replace(/\s*but received[\s\S]*$/, ""), type };
}

/**
 * Checks a request part against a contract schema and answers Dollr's 422 `detail[]` on a
 * failure, so the proxy can reject in the same words Dollr would.
 */
export function checkRequest<TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
  location: RequestLocation,
  pathName?: string,
): CheckResult<v.InferOutput<TSchema>> {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, detail: result.issues.map((i) => issueToDetail(i, location, pathName)) };
}

// ---------------------------------------------------------------------------------------------
// Answer shapes (loose: unknown fields are kept)
// ---------------------------------------------------------------------------------------------

const duration = v.pipe(v.number(), minValue(0, "expected a non-negative number"));
const strings = v.array(v.string());
const nullableString = v.nullable(v.string());

/** How the browser polls an execution's status (all durations in milliseconds). */
export const PollingSettingsSchema = v.looseObject({
  /** First wait between status reads. */
  interval_ms: duration,
  /** The longest wait between reads once backing off during PROCESSING. */
  max_interval_ms: duration,
  /** Each wait is the previous one times this (1 = no backoff). */
  backoff_factor: v.pipe(v.number(), minValue(1, "expected a number of at least 1")),
  /** Stop polling (and tell the customer to check later) after this long; `null` = never. */
  give_up_after_ms: v.nullable(duration),
});

/** Realtime status hints (Supabase Realtime, api-notes §2.5): optional, polling stays the truth. */
export const RealtimeSettingsSchema = v.looseObject({
  // A picklist of one: the browser already ships `picklist`, not `literal`.
  provider: v.picklist(["supabase"]),
  url: v.string(),
  anon_key: v.string(),
  /** How long to listen after an execute before relying on polling alone. */
  subscribe_ms: duration,
});

/** `GET /kit/config`. */
export const KitConfigSchema = v.looseObject({
  /** Dollr's Stripe publishable key (cards are off when null). */
  stripe_publishable_key: nullableString,
  /** The currencies the merchant offers payers, ISO 4217. */
  currencies: strings,
  /**
   * The countries whose mobile-money numbers customers may add (alpha-2). Absent from older
   * proxies: the kit then takes every market it knows.
   */
  mobile_money_countries: v.optional(strings),
  polling: PollingSettingsSchema,
  realtime: v.nullable(RealtimeSettingsSchema),
});

/** A saved payment account as the browser sees it: never a full number. */
export const SavedPaymentAccountSchema = v.looseObject({
  /** The id to pass as `payment_account_id` (Dollr's payment account id). */
  id: v.string(),
  type: v.picklist(["MOBILE_MONEY", "CARD"]),
  account_name: v.string(),
  /** Dollr's provider word (`PAWAPAY`, `STRIPE`, …). */
  provider: v.string(),
  /** Dollr's method word (`MTN_MOMO_LBR`, `CREDIT_CARD`, …). */
  method: v.string(),
  /** What the payer may pay in with this account. */
  currencies: strings,
  country_code: nullableString,
  /** Wallets: the number with all but its last 3 digits masked. */
  masked_number: nullableString,
  /** Wallets: the operator's name as Dollr predicted it (`carrier`). */
  operator: nullableString,
  /** Cards: the brand (`visa`, …). */
  brand: nullableString,
  /** Cards: the last four digits, when the browser told them. */
  last4: nullableString,
  /** Cards are single use (Dollr: one account per card attempt). */
  single_use: v.boolean(),
  created_at: v.string(),
});

/** `GET /kit/payment-accounts`. */
export const PaymentAccountListSchema = v.looseObject({
  payment_accounts: v.array(SavedPaymentAccountSchema),
});

/** `GET /kit/config`. */
export type KitConfig = v.InferOutput<typeof KitConfigSchema>;
/** The `polling` part of `KitConfig`. */
export type PollingSettings = v.InferOutput<typeof PollingSettingsSchema>;
/** The `realtime` part of `KitConfig` when on. */
export type RealtimeSettings = v.InferOutput<typeof RealtimeSettingsSchema>;
/** One saved payment account. */
export type SavedPaymentAccount = v.InferOutput<typeof SavedPaymentAccountSchema>;
/** The body of `GET /kit/payment-accounts`. */
export type PaymentAccountList = v.InferOutput<typeof PaymentAccountListSchema>;

/**
 * The polling settings the proxy answers unless the merchant sets its own: the engine's default
 * schedule in `/kit/config`'s terms — first check after 2 s, never slower than 30 s, expired
 * after 10 minutes (58 requests). `pollingPolicyFromSettings` reads this pace as the engine's
 * `POLL_TIERS` (2 s, 3 s to two minutes, then 30 s), so both defaults poll alike.
 */
export const DEFAULT_POLLING_SETTINGS: PollingSettings = /* @__PURE__ */ Object.freeze({
  interval_ms: POLL_FIRST_DELAY_MS,
  max_interval_ms: POLL_MAX_DELAY_MS,
  backoff_factor: POLL_BACKOFF_FACTOR,
  give_up_after_ms: POLL_CAP_MS,
});

/** Reads `GET /kit/config`; throws `DollrKitError("INVALID_RESPONSE")` on a wrong shape. */
export function parseKitConfig(input: unknown): KitConfig {
  return parseOrThrow(KitConfigSchema, input, "KitConfig");
}

/** Reads one saved payment account; throws `INVALID_RESPONSE` on a wrong shape. */
export function parseSavedPaymentAccount(input: unknown): SavedPaymentAccount {
  return parseOrThrow(SavedPaymentAccountSchema, input, "SavedPaymentAccount");
}

/** Reads `GET /kit/payment-accounts`; throws `INVALID_RESPONSE` on a wrong shape. */
export function parsePaymentAccountList(input: unknown): PaymentAccountList {
  return parseOrThrow(PaymentAccountListSchema, input, "PaymentAccountList");
}

// ---------------------------------------------------------------------------------------------
// Receipts, receipt links, realtime keys, checkouts from a cart
// ---------------------------------------------------------------------------------------------

/** The routes for a paid source's receipt and a payment's realtime key (relative paths). */
export const RECEIPT_CONTRACT_PATHS = Object.freeze({
  /** `GET /v1/invoices/receipt/{id}` (Dollr's), once the invoice is PAID. */
  invoiceReceiptPrefix: "/v1/invoices/receipt/",
  /** `GET /v1/orders/receipt/{id}` (Dollr's), once the order is PAID. */
  orderReceiptPrefix: "/v1/orders/receipt/",
  /**
   * `GET ?source_type=&source_id=`: `{url}` of the receipt page. Dollr's own query names the
   * source's number; the proxy takes the id (what the kit knows) and looks the number up.
   */
  receiptLink: "/v1/links/receipt",
  /** `POST {session_id, source_type, reference_id}`: a realtime key for one payment (Dollr's). */
  realtimeKey: "/v1/realtime-keys/collection",
} as const);

/** `GET` path of a paid source's receipt. */
export function receiptPath(source: SourceRef): string {
  const prefix =
    source.source_type === "ORDER"
      ? RECEIPT_CONTRACT_PATHS.orderReceiptPrefix
      : RECEIPT_CONTRACT_PATHS.invoiceReceiptPrefix;
  return `${prefix}${encodeURIComponent(String(source.source_id))}`;
}

/** `GET /v1/{invoices|orders}/receipt/{id}`: the path parameter (a positive integer). */
export const ReceiptIdSchema = sourceIdText;

/** `GET /v1/links/receipt` query: the source, by id. */
export const ReceiptLinkQuerySchema = SourceStatusQuerySchema;

/**
 * `POST /v1/realtime-keys/collection`. Dollr wants `session_id` as an integer here (a string
 * everywhere else): either is accepted, and it comes out as the session's id string.
 */
export const RealtimeKeyBodySchema = v.strictObject({
  session_id: v.union([
    pattern(/^[1-9]\d{0,15}$/, "Expected the checkout session's id"),
    v.pipe(sourceIdNumber, v.transform(String)),
  ]),
  source_type: v.picklist(SOURCE_TYPES),
  reference_id: pattern(UUID_V4_PATTERN, "Expected a lowercase UUID v4"),
});

/** Body of `POST /v1/realtime-keys/collection`. */
export type RealtimeKeyBody = v.InferOutput<typeof RealtimeKeyBodySchema>;

const optionalText = v.nullish(v.string(), null);
const optionalAmount = v.nullish(amountSchema, null);
/** An absolute http(s) URL (a page to send the customer to): never `javascript:` or relative. */
const pageUrl = v.pipe(
  v.string(),
  v.check(
    (url: string) => /^https?:\/\/[^\s/]/i.test(url) && URL.canParse(url),
    "expected an http(s) URL",
  ),
);
/** A source id Dollr sends as an integer or digits; read as a number (the `SourceRef` form). */
const sourceIdAnswer = v.union([sourceIdNumber, sourceIdText]);

/**
 * A paid source's receipt (`GET /v1/{invoices|orders}/receipt/{id}`). Dollr documents only which
 * fields it carries (api-notes §2.5), so only the payment's amounts are required; amounts may be
 * JSON numbers or strings and come out as decimal strings.
 */
export const ReceiptSchema = v.looseObject({
  payer_amount: amountSchema,
  payer_currency: v.string(),
  payee_amount: amountSchema,
  payee_currency: v.string(),
  source_type: optionalText,
  source_number: optionalText,
  status: optionalText,
  currency: optionalText,
  total_amount: optionalAmount,
  fx_rate: optionalAmount,
  fx_currency_from: optionalText,
  fx_currency_to: optionalText,
  platform_fee: optionalAmount,
  platform_currency: optionalText,
  fx_fee: optionalAmount,
  gateway_fee: optionalAmount,
  gateway_currency: optionalText,
  provider: optionalText,
  paid_at: optionalText,
  items: v.nullish(
    v.array(
      v.looseObject({
        name: v.string(),
        amount: amountSchema,
        currency: optionalText,
        qty: v.nullish(v.number(), null),
      }),
    ),
    null,
  ),
});

/** `GET /v1/links/receipt` → `{url}` of the receipt page. */
export const ReceiptLinkSchema = v.looseObject({ url: pageUrl });

/** `POST /v1/realtime-keys/collection` → a Supabase Realtime JWT; `expires_in` is in SECONDS. */
export const RealtimeKeySchema = v.looseObject({
  access_token: v.pipe(v.string(), v.minLength(1)),
  expires_in: duration,
});

/**
 * `POST /v1/checkouts/create` → `CreateCheckoutSourceLinkResponse`, as the server reads it: the
 * source made (its id as a number), its total, and for a HOSTED checkout the page's `url`.
 */
export const CreatedCheckoutSchema = v.looseObject({
  mode: v.string(),
  source_type: v.picklist(SOURCE_TYPES),
  source_id: sourceIdAnswer,
  source_number: v.pipe(v.string(), v.minLength(1)),
  currency: v.string(),
  total_amount: amountSchema,
  source_status: optionalText,
  url: v.nullish(pageUrl, null),
  reference_id: optionalText,
});

/** A paid source's receipt (amounts as decimal strings). */
export type Receipt = v.InferOutput<typeof ReceiptSchema>;
/** The receipt page's link. */
export type ReceiptLink = v.InferOutput<typeof ReceiptLinkSchema>;
/** A realtime key (`expires_in` in seconds). */
export type RealtimeKey = v.InferOutput<typeof RealtimeKeySchema>;
/** The source `POST /v1/checkouts/create` made. */
export type CreatedCheckout = v.InferOutput<typeof CreatedCheckoutSchema>;

/** Reads a receipt; throws `INVALID_RESPONSE` naming the field. */
export function parseReceipt(input: unknown): Receipt {
  return parseOrThrow(ReceiptSchema, input, "Receipt");
}

/** Reads a receipt link; throws `INVALID_RESPONSE` naming the field. */
export function parseReceiptLink(input: unknown): ReceiptLink {
  return parseOrThrow(ReceiptLinkSchema, input, "ReceiptLink");
}

/** Reads a realtime key; throws `INVALID_RESPONSE` naming the field. */
export function parseRealtimeKey(input: unknown): RealtimeKey {
  return parseOrThrow(RealtimeKeySchema, input, "RealtimeKey");
}

/** Reads the answer of `POST /v1/checkouts/create`; throws `INVALID_RESPONSE` naming the field. */
export function parseCreatedCheckout(input: unknown): CreatedCheckout {
  return parseOrThrow(CreatedCheckoutSchema, input, "CreatedCheckout");
}
