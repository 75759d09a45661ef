/**
 * Runtime schemas (valibot) for every Dollr object the kit reads, after the OpenAPI field lists
 * in api-notes §2.5. Objects are loose: fields Dollr adds later pass through untouched. Two
 * readings make the output easier to use than the wire JSON, and are the same everywhere:
 * - ids (`id`, `source_id`, `party_id`), which Dollr sends as integers or strings, come out as
 *   strings (`55` → `"55"`);
 * - amounts, which Dollr sends as numbers or decimal strings, come out as plain decimal strings
 *   (`250` → `"250"`, `"12.50"` stays `"12.50"`): no currency rounding, no float arithmetic.
 * Nullable fields come out as `null` when absent.
 */
import * as v from "valibot";
import { DollrKitError, type DollrKitErrorField } from "./errors.ts";
import { nonEmpty, rule } from "./internal/rule.ts";
import { decimalFromNumber, isDecimalString } from "./money.ts";

// ————— building blocks —————

/** An id Dollr sends as an integer or a string; read as a non-empty string (`55` → `"55"`). */
export const idSchema = v.union([
  v.pipe(v.string(), nonEmpty("expected a non-empty id")),
  v.pipe(
    v.number(),
    rule<number>("safe_integer", Number.isSafeInteger, "expected an integer id"),
    v.transform(String),
  ),
]);

/**
 * A major-unit amount Dollr sends as a number or a decimal string; read as a plain decimal
 * string (`250.5` → `"250.5"`). Strings must already be plain decimals (`"12.50"`).
 */
export const amountSchema = v.union([
  v.pipe(
    v.string(),
    v.check((text: string) => isDecimalString(text), "expected a decimal string such as 12.50"),
  ),
  v.pipe(
    v.number(),
    rule<number>("finite", Number.isFinite, "expected a finite number"),
    v.transform(decimalFromNumber),
  ),
]);

/** An ISO 8601 date-time string, kept as sent (Dollr's formats vary, so not checked further). */
export const timestampSchema = v.string();

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID v4 string (any letter case), the form a `reference_id` must take. */
export function isUuidV4(value: unknown): value is string {
  return typeof value === "string" && UUID_V4.test(value);
}

/** A `reference_id`: the UUID v4 the kit mints before an execute (the idempotency key). */
export const referenceIdSchema = v.pipe(
  v.string(),
  v.check((text: string) => isUuidV4(text), "expected a UUID v4"),
);

const nullableString = v.nullish(v.string(), null);

// ————— Dollr objects —————

/** `POST /v1/jwt/client/obtain/token` → `{access_token, expires_in}`; `expires_in` is in MINUTES. */
export const tokenResponseSchema = v.looseObject({
  access_token: v.string(),
  expires_in: v.pipe(
    v.number(),
    v.integer("expected an integer"),
    v.minValue(0, "expected a non-negative number"),
  ),
});

/** `POST /v1/sessions/checkout` → `CheckoutSessionResponse`. */
export const checkoutSessionSchema = v.looseObject({
  id: idSchema,
  source_id: idSchema,
  source_type: v.string(),
  status: v.string(),
  expires_at: timestampSchema,
  created_at: timestampSchema,
  updated_at: timestampSchema,
  payment_account_id: v.nullish(idSchema, null),
});

/** `ExecutionResponse`: every `POST /v1/executions/*` and `GET /v1/status/{op}/{reference_id}`. */
export const executionResponseSchema = v.looseObject({
  reference_id: v.pipe(v.string(), nonEmpty("expected a non-empty reference_id")),
  status: v.string(),
  payer_amount: amountSchema,
  payer_currency: v.string(),
  payee_amount: amountSchema,
  payee_currency: v.string(),
  operation_type: v.string(),
  provider_transaction_id: nullableString,
  gateway_message: nullableString,
  wallet_message: nullableString,
  client_secret: nullableString,
  requires_action: v.nullish(v.boolean(), null),
});

/** `GET /v1/status/source` → `PaymentSourceStatusResponse`. */
export const paymentSourceStatusSchema = v.looseObject({
  source_id: idSchema,
  source_type: v.string(),
  source_number: v.string(),
  status: v.string(),
  currency: v.string(),
  total_amount: amountSchema,
  paid_at: v.nullish(timestampSchema, null),
});

/** `POST /v1/payment-accounts/create` → `PaymentAccountResponse` (the account number is not echoed). */
export const paymentAccountSchema = v.looseObject({
  id: idSchema,
  account_name: v.string(),
  provider: v.string(),
  method: v.string(),
  party_id: idSchema,
  is_active: v.boolean(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
  country_code: nullableString,
});

/** `GET /v1/predictions/mmo-provider-info` → the operator predicted for a phone number. */
export const mmoProviderInfoSchema = v.looseObject({
  carrier: v.string(),
  country: v.string(),
  currencies: v.array(v.string()),
  phone: v.string(),
  payment_method: v.string(),
  gateway_provider: v.string(),
  operation_type: v.string(),
});

/** `GET /v1/predictions/card-provider-info` → what Dollr knows of a Stripe `pm_…`. */
export const cardProviderInfoSchema = v.looseObject({
  brand: v.string(),
  country: v.string(),
  currencies: v.array(v.string()),
  payment_method: v.string(),
  gateway_provider: v.string(),
});

/** `GET /v1/predictions/(payment-source/)amount-and-fees` → `AmountAndFeePredictionResponse`. */
export const amountAndFeePredictionSchema = v.looseObject({
  payer_amount: amountSchema,
  payer_currency: v.string(),
  payee_amount: amountSchema,
  payee_currency: v.string(),
  platform_fee: amountSchema,
  platform_currency: v.string(),
  fx_fee: v.nullish(amountSchema, null),
  gateway_fee: v.nullish(amountSchema, null),
  gateway_currency: nullableString,
});

// ————— Dollr error bodies —————

/** One item of a 422 `detail[]` (pydantic v1 or v2; v2's `input`, `ctx`, `url` pass through). */
export const validationErrorItemSchema = v.looseObject({
  loc: v.array(v.union([v.string(), v.number()])),
  msg: v.string(),
  type: v.optional(v.string()),
});

/** A 422 body: `{"detail": [{"loc": ["body", "currency"], "msg": "field required", "type": …}]}`. */
export const validationErrorBodySchema = v.looseObject({
  detail: v.array(validationErrorItemSchema),
});

/** A FastAPI error body with a message: `{"detail": "Could not validate credentials"}`. */
export const detailErrorBodySchema = v.looseObject({
  detail: v.string(),
});

// ————— types —————

/** A parsed token response (`expires_in` in minutes). */
export type TokenResponse = v.InferOutput<typeof tokenResponseSchema>;
/** A parsed checkout session (ids as strings). */
export type CheckoutSession = v.InferOutput<typeof checkoutSessionSchema>;
/** A parsed execution (amounts as decimal strings, nullable fields as `null`). */
export type ExecutionResponse = v.InferOutput<typeof executionResponseSchema>;
/** A parsed payment source status (ids as strings, `total_amount` a decimal string). */
export type PaymentSourceStatus = v.InferOutput<typeof paymentSourceStatusSchema>;
/** A parsed payment account (ids as strings). */
export type PaymentAccount = v.InferOutput<typeof paymentAccountSchema>;
/** A parsed mobile-money operator prediction. */
export type MmoProviderInfo = v.InferOutput<typeof mmoProviderInfoSchema>;
/** A parsed card prediction. */
export type CardProviderInfo = v.InferOutput<typeof cardProviderInfoSchema>;
/** A parsed amount-and-fee prediction (every amount a decimal string). */
export type AmountAndFeePrediction = v.InferOutput<typeof amountAndFeePredictionSchema>;
/** One parsed item of a 422 `detail[]`. */
export type ValidationErrorItem = v.InferOutput<typeof validationErrorItemSchema>;
/** A parsed 422 body. */
export type ValidationErrorBody = v.InferOutput<typeof validationErrorBodySchema>;
/** A parsed `{detail: string}` body. */
export type DetailErrorBody = v.InferOutput<typeof detailErrorBodySchema>;

/** The wire JSON of a token response, as Dollr (or the simulator) sends it. */
export type TokenResponseJson = v.InferInput<typeof tokenResponseSchema>;
/** The wire JSON of a checkout session (ids as integers or strings). */
export type CheckoutSessionJson = v.InferInput<typeof checkoutSessionSchema>;
/** The wire JSON of an execution (amounts as numbers or decimal strings). */
export type ExecutionResponseJson = v.InferInput<typeof executionResponseSchema>;
/** The wire JSON of a payment source status. */
export type PaymentSourceStatusJson = v.InferInput<typeof paymentSourceStatusSchema>;
/** The wire JSON of a payment account. */
export type PaymentAccountJson = v.InferInput<typeof paymentAccountSchema>;
/** The wire JSON of a mobile-money operator prediction. */
export type MmoProviderInfoJson = v.InferInput<typeof mmoProviderInfoSchema>;
/** The wire JSON of a card prediction. */
export type CardProviderInfoJson = v.InferInput<typeof cardProviderInfoSchema>;
/** The wire JSON of an amount-and-fee prediction. */
export type AmountAndFeePredictionJson = v.InferInput<typeof amountAndFeePredictionSchema>;

// ————— parsing —————

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function issuePath(issue: v.BaseIssue<unknown>): string {
  let path = "";
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    path += typeof key === "number" ? `[${key}]` : `${path ? "." : ""}${String(key)}`;
  }
  return path;
}

// Descriptions never quote the value itself: a response may carry a client_secret or a token.
// An absent key, or a key whose value is `undefined`: both read as "is missing".
function isMissingKey(issue: v.BaseIssue<unknown>): boolean {
  return issue.kind === "schema" && issue.input === undefined && (issue.path?.length ?? 0) > 0;
}

function issueMessage(issue: v.BaseIssue<unknown>): string {
  if (issue.kind !== "schema") return issue.message;
  if (isMissingKey(issue)) return "is missing";
  // A union whose branch had the right type but failed a check (`1.5` as an id) says which check.
  const failedCheck = issue.issues?.find((inner) => inner.kind !== "schema");
  if (failedCheck) return failedCheck.message;
  const expected = (issue.expected ?? "a valid value").replace(/^(Object|Array)$/, (word) =>
    word.toLowerCase(),
  );
  return `expected ${expected}, received ${typeName(issue.input)}`;
}

/** Options for `parseOrThrow`. */
export interface ParseOptions {
  /** Marks the error ambiguous (e.g. an execute answered with something unreadable). */
  ambiguous?: boolean;
  /** The HTTP status the value came with, copied onto the error. */
  status?: number;
}

/**
 * Parses `input` with a schema or throws `DollrKitError("INVALID_RESPONSE")` whose message names
 * the field (`ExecutionResponse.status: expected string, received number`) and whose `fields`
 * list every problem. Values are never quoted in the error.
 *
 * @param label the object's name, the first word of each path.
 */
export function parseOrThrow<Schema extends v.GenericSchema>(
  schema: Schema,
  input: unknown,
  label: string,
  options: ParseOptions = {},
): v.InferOutput<Schema> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const fields: DollrKitErrorField[] = result.issues.map((issue) => ({
    path: issuePath(issue),
    message: issueMessage(issue),
    type: isMissingKey(issue) ? "missing" : issue.type,
  }));
  const [first] = fields;
  const where = first?.path ? `${label}.${first.path}` : label;
  const more = fields.length > 1 ? ` (and ${fields.length - 1} more)` : "";
  throw new DollrKitError("INVALID_RESPONSE", `${where}: ${first?.message ?? "invalid"}${more}`, {
    fields,
    ambiguous: options.ambiguous ?? false,
    status: options.status,
  });
}

/** Parses a token response, or throws `INVALID_RESPONSE` naming the field. */
export function parseTokenResponse(input: unknown): TokenResponse {
  return parseOrThrow(tokenResponseSchema, input, "TokenResponse");
}

/** Parses a checkout session, or throws `INVALID_RESPONSE` naming the field. */
export function parseCheckoutSession(input: unknown): CheckoutSession {
  return parseOrThrow(checkoutSessionSchema, input, "CheckoutSession");
}

/** Parses an execution (execute or status answer), or throws `INVALID_RESPONSE` naming the field. */
export function parseExecutionResponse(input: unknown): ExecutionResponse {
  return parseOrThrow(executionResponseSchema, input, "ExecutionResponse");
}

/** Parses a payment source status, or throws `INVALID_RESPONSE` naming the field. */
export function parsePaymentSourceStatus(input: unknown): PaymentSourceStatus {
  return parseOrThrow(paymentSourceStatusSchema, input, "PaymentSourceStatus");
}

/** Parses a payment account, or throws `INVALID_RESPONSE` naming the field. */
export function parsePaymentAccount(input: unknown): PaymentAccount {
  return parseOrThrow(paymentAccountSchema, input, "PaymentAccount");
}

/** Parses a mobile-money operator prediction, or throws `INVALID_RESPONSE` naming the field. */
export function parseMmoProviderInfo(input: unknown): MmoProviderInfo {
  return parseOrThrow(mmoProviderInfoSchema, input, "MmoProviderInfo");
}

/** Parses a card prediction, or throws `INVALID_RESPONSE` naming the field. */
export function parseCardProviderInfo(input: unknown): CardProviderInfo {
  return parseOrThrow(cardProviderInfoSchema, input, "CardProviderInfo");
}

/** Parses an amount-and-fee prediction, or throws `INVALID_RESPONSE` naming the field. */
export function parseAmountAndFeePrediction(input: unknown): AmountAndFeePrediction {
  return parseOrThrow(amountAndFeePredictionSchema, input, "AmountAndFeePrediction");
}

/** Parses a 422 `detail[]` body, or throws `INVALID_RESPONSE` naming the field. */
export function parseValidationErrorBody(input: unknown): ValidationErrorBody {
  return parseOrThrow(validationErrorBodySchema, input, "ValidationErrorBody");
}

/** Parses a `{detail: string}` body, or throws `INVALID_RESPONSE` naming the field. */
export function parseDetailErrorBody(input: unknown): DetailErrorBody {
  return parseOrThrow(detailErrorBodySchema, input, "DetailErrorBody");
}
