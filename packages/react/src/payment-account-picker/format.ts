import { formatMaskedPhoneNumber } from "@dollr-kit/core/internal";
import type { SavedPaymentAccount } from "../internal/client.ts";
import { isMessageKey, type Translate } from "../messages.ts";

const BRANDS: Readonly<Record<string, string>> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
  diners: "Diners Club",
  jcb: "JCB",
  unionpay: "UnionPay",
};

/** A card brand as people write it (`visa` → `Visa`). */
export function brandName(brand: string | null | undefined): string {
  if (!brand || brand === "unknown") return "Card";
  return BRANDS[brand.toLowerCase()] ?? brand.charAt(0).toUpperCase() + brand.slice(1);
}

/** An operator's name: the catalog's name for the method, else the carrier Dollr named. */
export function operatorName(
  method: string | null | undefined,
  carrier: string | null | undefined,
  t: Translate,
): string {
  const key = `operator.${method ?? ""}`;
  if (method && isMessageKey(key)) return t(key);
  return carrier || method || "Mobile money";
}

/**
 * A masked number for display, grouped as its country writes numbers when the account's country
 * is known (`*********456` in `LR` → `+231 •• ••• •456`), else `•••• 456`. Never shows more
 * than it is given.
 */
export function displayMaskedNumber(
  masked: string | null | undefined,
  country?: string | null | undefined,
): string {
  if (!masked) return "";
  const grouped = formatMaskedPhoneNumber(masked, country);
  if (grouped) return grouped;
  const visible = masked.replace(/[^0-9]/g, "").slice(-4);
  return visible === "" ? "••••" : `•••• ${visible}`;
}

/**
 * The title and detail line an account shows in the picker, and the detail as a screen reader
 * should say it when the shown one has bullets (a masked number: its last digits in words).
 */
export function describeAccount(
  account: SavedPaymentAccount,
  t: Translate,
): { title: string; detail: string; spokenDetail?: string } {
  if (account.type === "CARD") {
    return {
      title: t("picker.cardTitle", { brand: brandName(account.brand) }),
      detail: t("picker.cardDetail", { last4: account.last4 ?? "••••" }),
    };
  }
  const last = account.masked_number?.match(/\d+$/)?.[0];
  return {
    title: t("picker.walletTitle", {
      operator: operatorName(account.method, account.operator, t),
    }),
    detail: t("picker.walletDetail", {
      number: displayMaskedNumber(account.masked_number, account.country_code),
    }),
    ...(last ? { spokenDetail: t("picker.walletDetailSpoken", { last }) } : {}),
  };
}

/**
 * Digits only: `+231 88-000 0000` → `231880000000`; a leading `00` goes. For a number as people
 * write it (`0886123456`), use `parsePhoneNumber` from `@dollr-kit/core`.
 */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/\D/g, "");
  return digits.startsWith("00") ? digits.slice(2) : digits;
}

/** E.164 digits without `+`: 8 to 15 digits, not starting with 0 (Dollr's rule, any country). */
export function isValidPhone(digits: string): boolean {
  return /^[1-9]\d{7,14}$/.test(digits);
}
