/**
 * The answers of the kit's own routes (`/kit/config`, `/kit/payment-accounts`): loose shapes
 * (unknown fields are kept), their parsers, and the polling settings the proxy answers by default.
 */
import * as v from "valibot";
import {
  POLL_BACKOFF_FACTOR,
  POLL_CAP_MS,
  POLL_FIRST_DELAY_MS,
  POLL_MAX_DELAY_MS,
} from "../engine/polling.ts";
import { minValue } from "../internal/rule.ts";
import { parseOrThrow } from "../schemas.ts";
import { duration } from "./schema-parts.ts";

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
