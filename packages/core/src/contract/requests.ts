/**
 * The contract's request shapes: strict (an unknown field is an error) and never carrying an
 * amount, except a payout's, which the merchant's staff choose.
 */
import * as v from "valibot";
import {
  CURRENCY_PATTERN,
  ENUM_WORD_PATTERN,
  MOBILE_MONEY_METHODS,
  OPAQUE_ID_PATTERN,
  PAYMENT_METHOD_ID_PATTERN,
  PHONE_PATTERN,
  SOURCE_TYPES,
  UUID_V4_PATTERN,
} from "./fields.ts";
import { pattern, sourceIdNumber, sourceIdText, text } from "./schema-parts.ts";

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
