/** The contract's field rules (Dollr's, api-notes §2.2): the patterns and word lists fields obey. */

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

/** A source the customer pays: an invoice or an order. */
export interface SourceRef {
  source_type: SourceType;
  source_id: number;
}

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
