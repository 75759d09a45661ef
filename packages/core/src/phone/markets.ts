/**
 * The mobile-money markets Dollr collects in, as their phone numbers are written (libphonenumber's
 * metadata and the operators' own prefixes; see the workplace's mobile-money-local-facts.md).
 * Prefixes only decide whether a number can hold a wallet at all: which operator it belongs to
 * is Dollr's prediction, never this table.
 */

/** How one country writes its mobile numbers. */
export interface PhoneMarket {
  /** ISO 3166 alpha-2, as the kit names markets (`LR`). */
  country: string;
  /** ISO 3166 alpha-3 (`LBR`), the form some Dollr integrations send as `country_code`. */
  alpha3: string;
  /** The country calling code, digits only (`231`). */
  callingCode: string;
  /** The digit written before a national number (`0`). */
  trunkPrefix: string;
  /** Digits of a mobile number after the trunk prefix or the calling code. */
  nationalLength: number;
  /** How those digits start when a mobile-money operator issued them. */
  mobileMoneyPrefixes: readonly string[];
  /** The usual grouping of those digits (`[2, 3, 4]` → `88 612 3456`). */
  groups: readonly number[];
  /** A number to show in hints, national digits only. */
  example: string;
}

/** The markets the kit knows, by alpha-2 code. */
export const PHONE_MARKETS = Object.freeze({
  // Orange: 77x, 760, 761; Lonestar Cell MTN: 88x, 555. National "088 612 3456".
  LR: Object.freeze({
    country: "LR",
    alpha3: "LBR",
    callingCode: "231",
    trunkPrefix: "0",
    nationalLength: 9,
    mobileMoneyPrefixes: Object.freeze(["77", "760", "761", "88", "555"]),
    groups: Object.freeze([2, 3, 4]),
    example: "886123456",
  }),
  // MTN: 78, 79; Airtel: 72, 73 (77 is KtRN, which has no mobile money). National "0781 234 567".
  RW: Object.freeze({
    country: "RW",
    alpha3: "RWA",
    callingCode: "250",
    trunkPrefix: "0",
    nationalLength: 9,
    mobileMoneyPrefixes: Object.freeze(["72", "73", "78", "79"]),
    groups: Object.freeze([3, 3, 3]),
    example: "781234567",
  }),
} satisfies Record<string, PhoneMarket>);

/** A market the kit knows: `"LR" | "RW"`. */
export type PhoneCountry = keyof typeof PHONE_MARKETS;

/** Every market Dollr collects mobile money in, the default of a merchant's `countries`. */
export const PHONE_COUNTRIES: readonly PhoneCountry[] = Object.freeze(
  // The table's keys, so a market added there is taken by default too.
  Object.keys(PHONE_MARKETS) as PhoneCountry[],
);

/** Whether `value` names a market the kit knows (alpha-2, in capitals). */
export function isPhoneCountry(value: unknown): value is PhoneCountry {
  return typeof value === "string" && Object.hasOwn(PHONE_MARKETS, value);
}

/** The market for an alpha-2 or alpha-3 code in any case (`lr`, `LBR`), or null. */
export function phoneMarketFor(code: string | null | undefined): PhoneMarket | null {
  const upper = typeof code === "string" ? code.trim().toUpperCase() : "";
  if (isPhoneCountry(upper)) return PHONE_MARKETS[upper];
  return Object.values(PHONE_MARKETS).find((market) => market.alpha3 === upper) ?? null;
}

/**
 * The markets a merchant takes, from its `countries` setting: known codes only, each once, in the
 * given order; every market when the setting is missing or names none the kit knows.
 */
export function enabledPhoneMarkets(
  countries: readonly string[] | null | undefined,
): readonly PhoneMarket[] {
  const known = new Set<PhoneMarket>();
  for (const code of countries ?? []) {
    const market = phoneMarketFor(code);
    if (market) known.add(market);
  }
  return known.size > 0 ? [...known] : PHONE_COUNTRIES.map((country) => PHONE_MARKETS[country]);
}
