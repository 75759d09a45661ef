/**
 * Phone numbers shown back in their country's usual grouping: `088 612 3456` (national),
 * `+231 88 612 3456` (international), and a saved wallet's masked number in the same shape.
 */
import { PHONE_MARKETS, type PhoneMarket, phoneMarketFor } from "./markets.ts";

/** National or international writing of a number. */
export type PhoneStyle = "national" | "international";

/** The national digits (after the trunk 0) in the market's groups: `886123456` → `88 612 3456`. */
export function groupNationalDigits(market: PhoneMarket, nationalDigits: string): string {
  const parts: string[] = [];
  let at = 0;
  market.groups.forEach((size, index) => {
    const last = index === market.groups.length - 1;
    const part = nationalDigits.slice(at, last ? undefined : at + size);
    at += size;
    if (part !== "") parts.push(part);
  });
  return parts.join(" ");
}

/** A number of `market` written in `style`, from its national digits. */
export function writePhoneNumber(
  market: PhoneMarket,
  nationalDigits: string,
  style: PhoneStyle,
): string {
  const grouped = groupNationalDigits(market, nationalDigits);
  return style === "national"
    ? `${market.trunkPrefix}${grouped}`
    : `+${market.callingCode} ${grouped}`;
}

function marketOfDigits(digits: string): PhoneMarket | null {
  return (
    Object.values(PHONE_MARKETS).find(
      (market) =>
        digits.startsWith(market.callingCode) &&
        digits.length === market.callingCode.length + market.nationalLength,
    ) ?? null
  );
}

/**
 * E.164 digits (as Dollr stores them, without `+`) written for people: `231886123456` →
 * `+231 88 612 3456` (or `088 612 3456` as `national`). A number of a market the kit does not
 * know is `+` and its digits; anything else than digits comes back unchanged.
 */
export function formatPhoneNumber(digits: string, style: PhoneStyle = "international"): string {
  if (!/^\d{1,15}$/.test(digits)) return digits;
  const market = marketOfDigits(digits);
  if (!market) return `+${digits}`;
  return writePhoneNumber(market, digits.slice(market.callingCode.length), style);
}

const MASK = "•";

/**
 * A saved wallet's masked number (`*********456`, all but the last digits hidden) in its
 * country's grouping: `+231 •• ••• •456`. The calling code comes from the account's country
 * (alpha-2 or alpha-3), never from hidden digits. Null when the mask does not fit that country.
 */
export function formatMaskedPhoneNumber(
  masked: string | null | undefined,
  country: string | null | undefined,
): string | null {
  const market = phoneMarketFor(country);
  if (!market || typeof masked !== "string" || !/^[*\d]{1,15}$/.test(masked)) return null;
  const code = market.callingCode;
  if (masked.length !== code.length + market.nationalLength) return null;
  // A digit shown in the calling code's place must be the country's own.
  const head = masked.slice(0, code.length);
  if ([...head].some((char, index) => char !== "*" && char !== code[index])) return null;
  const national = masked.slice(code.length).replaceAll("*", MASK);
  return writePhoneNumber(market, national, "international");
}
