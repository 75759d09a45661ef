/**
 * Keeping secrets out of answers and logs. Never in a response or a log line: the client secret,
 * Dollr's token, a payout passcode, or a full phone number (all but the last 3 digits masked).
 */
import { maskPhoneNumber } from "@dollr-kit/core/internal";

/** What replaces a secret. */
export const REDACTED = "[redacted]";

// Keys whose values are secrets wherever they appear (logs and upstream error bodies).
const SECRET_KEYS = new Set([
  "access_token",
  "authorization",
  "cookie",
  "passcode",
  "password",
  "proxy-authorization",
  "set-cookie",
]);
// In logs, also the Stripe PaymentIntent secret and anything named like a credential.
const LOG_SECRET_KEYS = new Set([
  ...SECRET_KEYS,
  "api_key",
  "client_secret",
  "clientsecret",
  "secret",
  "token",
]);
// Keys that carry a phone number (Dollr's and the kit's spellings).
const PHONE_KEYS = new Set(["phone", "msisdn", "insensitive_account_number", "account_number"]);
// A phone-like run of digits standing alone (not part of a UUID, a word or a longer number).
const LOOSE_PHONE = /(?<![\w.-])\+?[1-9]\d{7,14}(?![\w-])/g;

/** The secrets of one moment: credential values, tokens, passcodes and phone numbers in play. */
export interface SecretSet {
  /** Exact strings that must never appear (client secret, tokens, passcodes). */
  secrets: Iterable<string>;
  /** Full phone numbers that must appear only masked. */
  phones?: Iterable<string>;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Replaces every secret with `[redacted]` and every known phone number with its masked form. */
export function redactText(text: string, set: SecretSet): string {
  let out = text;
  for (const secret of set.secrets) {
    // Short values (a 4-digit passcode) are still secrets, but empty ones would match everywhere.
    if (secret.length > 0 && out.includes(secret)) {
      out = out.replace(new RegExp(escapeRegExp(secret), "g"), REDACTED);
    }
  }
  for (const phone of set.phones ?? []) {
    if (phone.length > 3 && out.includes(phone)) {
      out = out.replace(new RegExp(escapeRegExp(phone), "g"), maskPhoneNumber(phone));
    }
  }
  return out;
}

/** `redactText` plus masking any phone-like run of digits: for log lines, where ids are short. */
export function redactLogText(text: string, set: SecretSet): string {
  return redactText(text, set).replace(LOOSE_PHONE, (match) => maskPhoneNumber(match));
}

function maskPhoneValue(value: unknown): unknown {
  if (typeof value === "string" && /\d{4}/.test(value)) return maskPhoneNumber(value);
  if (typeof value === "number") return maskPhoneNumber(String(value));
  return value;
}

/**
 * A deep copy of a JSON value with secrets removed: values under secret keys become
 * `[redacted]`, values under phone keys are masked, every string is passed through `redactText`,
 * and pydantic's `input`/`ctx` (which echo what was sent) are dropped from error items.
 *
 * @param loose for logs: also mask phone-like digit runs in every string and redact the Stripe
 *   `client_secret` (which the browser needs in an answer, but no log does).
 */
export function redactJson(value: unknown, set: SecretSet, loose = false, depth = 0): unknown {
  if (depth > 32) return REDACTED;
  if (typeof value === "string") return loose ? redactLogText(value, set) : redactText(value, set);
  if (Array.isArray(value)) return value.map((item) => redactJson(item, set, loose, depth + 1));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  const record = value as Record<string, unknown>;
  const isErrorItem = Array.isArray(record.loc) && typeof record.msg === "string";
  for (const key of Object.keys(record)) {
    const item = record[key];
    const lower = key.toLowerCase();
    if (isErrorItem && (lower === "input" || lower === "ctx")) continue;
    if ((loose ? LOG_SECRET_KEYS : SECRET_KEYS).has(lower)) out[key] = REDACTED;
    else if (PHONE_KEYS.has(lower)) out[key] = maskPhoneValue(item);
    else out[key] = redactJson(item, set, loose, depth + 1);
  }
  return out;
}
