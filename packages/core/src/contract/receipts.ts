/**
 * Receipts, receipt links, realtime keys and checkouts from a cart: their routes, the requests
 * (strict) and the answers (loose, amounts as decimal strings) with their parsers.
 */
import * as v from "valibot";
import { amountSchema, parseOrThrow } from "../schemas.ts";
import { SOURCE_TYPES, type SourceRef, UUID_V4_PATTERN } from "./fields.ts";
import { SourceStatusQuerySchema } from "./requests.ts";
import { duration, pattern, sourceIdNumber, sourceIdText } from "./schema-parts.ts";

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
