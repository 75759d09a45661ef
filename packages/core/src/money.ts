/**
 * Money as Dollr speaks it: amounts in major units ("12.50" USD, "1000" RWF), kept as decimal
 * strings and computed exactly on `bigint` minor units. No float arithmetic on money here.
 */

/** An amount in major units as a plain decimal string, e.g. `"12.50"`, `"1000"`, `"-0.05"`. */
export type DecimalString = string;

/** An amount as the kit accepts it: a decimal string, or a JS number (read via its shortest form). */
export type AmountInput = DecimalString | number;

/** Digits Dollr's currencies use, fixed here so they never depend on the runtime's ICU data. */
const KNOWN_MINOR_UNIT_DIGITS: Readonly<Record<string, number>> = Object.freeze({
  USD: 2,
  LRD: 2,
  RWF: 0,
});

const CURRENCY_CODE = /^[A-Za-z]{3}$/;
// Plain decimal: optional sign, digits, optional fraction. No exponent, no grouping, no "5." or ".5".
const PLAIN_DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;
// The shapes `String(number)` produces for finite numbers, exponent included.
const NUMBER_STRING = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

const digitsCache = new Map<string, number>();
let supportedCurrencies: ReadonlySet<string> | null | undefined;

/** The runtime's list of ISO 4217 codes, or null where `Intl.supportedValuesOf` is missing. */
function knownCurrencies(): ReadonlySet<string> | null {
  if (supportedCurrencies === undefined) {
    const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
    supportedCurrencies =
      typeof intl.supportedValuesOf === "function"
        ? new Set(intl.supportedValuesOf("currency"))
        : null;
  }
  return supportedCurrencies;
}

/** Upper-cases a currency code after checking it is three letters; throws RangeError otherwise. */
function currencyCode(currency: string): string {
  if (typeof currency !== "string" || !CURRENCY_CODE.test(currency)) {
    throw new RangeError(
      `Invalid currency code ${JSON.stringify(currency)}: expected three letters (ISO 4217).`,
    );
  }
  return currency.toUpperCase();
}

/**
 * How many fraction digits a currency's minor unit has: USD 2, LRD 2, RWF 0, any other code as
 * the runtime's `Intl.NumberFormat` knows it (JPY 0, KWD 3, …).
 *
 * @throws RangeError for a code that is not three letters or that the runtime does not know.
 */
export function minorUnitDigits(currency: string): number {
  const code = currencyCode(currency);
  const known = KNOWN_MINOR_UNIT_DIGITS[code] ?? digitsCache.get(code);
  if (known !== undefined) return known;
  // Intl invents 2 digits for a well-formed code it does not know: the runtime's list says.
  const supported = knownCurrencies();
  const digits =
    supported && !supported.has(code)
      ? undefined
      : new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions()
          .maximumFractionDigits;
  if (digits === undefined) throw new RangeError(`Unknown currency code "${code}".`);
  digitsCache.set(code, digits);
  return digits;
}

interface DecimalParts {
  negative: boolean;
  integer: string;
  fraction: string;
}

/** Splits a plain decimal string; throws a RangeError that says what is wrong with it. */
function stringParts(amount: string): DecimalParts {
  const text = amount.trim();
  const match = PLAIN_DECIMAL.exec(text);
  if (!match) {
    const why = /e/i.test(text)
      ? "exponent notation is not accepted"
      : "expected a plain decimal such as 12.50";
    throw new RangeError(`Invalid amount ${JSON.stringify(amount)}: ${why}.`);
  }
  const [, sign = "", integer = "", fraction = ""] = match;
  return { negative: sign === "-", integer, fraction };
}

/** Whether `value` is a plain decimal string (`"12.50"`, `"-3"`, `"1000"`; no exponent, no grouping). */
export function isDecimalString(value: unknown): value is DecimalString {
  return typeof value === "string" && PLAIN_DECIMAL.test(value);
}

/**
 * Writes a finite number as a plain decimal string through its shortest form, independent of any
 * currency (`250` → `"250"`, `0.1` → `"0.1"`, `1e-7` → `"0.0000001"`, `-0` → `"0"`).
 *
 * @throws RangeError for NaN or ±Infinity.
 */
export function decimalFromNumber(amount: number): DecimalString {
  const match = Number.isFinite(amount) && NUMBER_STRING.exec(String(amount));
  if (!match) {
    throw new RangeError(`Invalid amount ${String(amount)}: it must be a finite number.`);
  }
  const [, sign, integer = "", fraction = "", exponent = "0"] = match;
  const digits = integer + fraction;
  // Where the decimal point sits in `digits` once the exponent is applied.
  const point = integer.length + Number(exponent);
  const padded = point <= 0 ? "0".repeat(1 - point) + digits : digits.padEnd(point, "0");
  const at = Math.max(point, 1);
  const decimals = padded.slice(at);
  const negative = sign === "-" && /[^0]/.test(digits);
  return `${negative ? "-" : ""}${padded.slice(0, at)}${decimals ? `.${decimals}` : ""}`;
}

/**
 * Converts a major-unit amount to an exact count of the currency's minor units
 * (`"12.50"` USD → `1250n`, `"1000"` RWF → `1000n`). Negative amounts are allowed. Extra
 * fraction digits are accepted only when they are zeros (`"12.500"` USD is fine).
 *
 * @throws RangeError for NaN, ±Infinity, exponent or other non-decimal strings, an unknown
 * currency, or more non-zero fraction digits than the currency allows (`"0.001"` USD).
 */
export function toMinorUnits(amount: AmountInput, currency: string): bigint {
  const digits = minorUnitDigits(currency);
  if (typeof amount !== "string" && typeof amount !== "number") {
    throw new RangeError("Invalid amount: expected a decimal string or a number.");
  }
  // A number is read through its shortest decimal form, so both kinds take one path.
  const parts = stringParts(typeof amount === "number" ? decimalFromNumber(amount) : amount);
  const excess = parts.fraction.slice(digits);
  if (/[^0]/.test(excess)) {
    const allowed =
      digits === 0
        ? "no fraction digits"
        : `at most ${digits} fraction digit${digits > 1 ? "s" : ""}`;
    throw new RangeError(
      `Invalid amount ${JSON.stringify(amount)}: ${currencyCode(currency)} allows ${allowed}.`,
    );
  }
  const magnitude = BigInt(parts.integer + parts.fraction.slice(0, digits).padEnd(digits, "0"));
  return parts.negative ? -magnitude : magnitude;
}

/**
 * Writes a count of minor units as the canonical major-unit decimal string: exactly the
 * currency's fraction digits, no leading zeros, `"-"` for negatives, never `"-0"`
 * (`1250n` USD → `"12.50"`, `1000n` RWF → `"1000"`, `-5n` USD → `"-0.05"`).
 *
 * @throws RangeError for an unknown currency.
 */
export function fromMinorUnits(minor: bigint, currency: string): DecimalString {
  const digits = minorUnitDigits(currency);
  const negative = minor < 0n;
  const magnitude = (negative ? -minor : minor).toString().padStart(digits + 1, "0");
  const integer = magnitude.slice(0, magnitude.length - digits);
  const fraction = magnitude.slice(magnitude.length - digits);
  return `${negative ? "-" : ""}${integer}${digits > 0 ? `.${fraction}` : ""}`;
}

/** Rewrites an amount in its canonical form for the currency (`"12.5"` USD → `"12.50"`). */
export function normaliseAmount(amount: AmountInput, currency: string): DecimalString {
  return fromMinorUnits(toMinorUnits(amount, currency), currency);
}

/** The exact sum of any number of amounts in one currency (`"0"` in canonical form when empty). */
export function addAmounts(currency: string, ...amounts: AmountInput[]): DecimalString {
  let total = 0n;
  for (const amount of amounts) total += toMinorUnits(amount, currency);
  return fromMinorUnits(total, currency);
}

/** The exact difference `a − b` in one currency. */
export function subtractAmounts(currency: string, a: AmountInput, b: AmountInput): DecimalString {
  return fromMinorUnits(toMinorUnits(a, currency) - toMinorUnits(b, currency), currency);
}

/** Compares two amounts of one currency exactly: -1 when `a < b`, 0 when equal, 1 when `a > b`. */
export function compareAmounts(a: AmountInput, b: AmountInput, currency: string): -1 | 0 | 1 {
  const difference = toMinorUnits(a, currency) - toMinorUnits(b, currency);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/**
 * Whether an amount is a valid amount of the currency and greater than zero. Returns false,
 * never throws, for anything that does not parse, so it can guard form input.
 */
export function isPositiveAmount(amount: unknown, currency: string): boolean {
  if (typeof amount !== "string" && typeof amount !== "number") return false;
  try {
    return toMinorUnits(amount, currency) > 0n;
  } catch {
    return false;
  }
}

/** Display options `formatMoney` passes to `Intl.NumberFormat`; none of them can drop digits. */
export interface FormatMoneyOptions {
  /** `"symbol"` (default, `$12.50`), `"narrowSymbol"`, `"code"` (`USD 12.50`) or `"name"`. */
  currencyDisplay?: Intl.NumberFormatOptions["currencyDisplay"];
  /** `"standard"` (default) or `"accounting"` (negatives in parentheses where the locale does). */
  currencySign?: Intl.NumberFormatOptions["currencySign"];
  /** When to show the sign: `"auto"` (default), `"always"`, `"exceptZero"`, `"never"`, `"negative"`. */
  signDisplay?: Intl.NumberFormatOptions["signDisplay"];
  /** Whether to group thousands (default true). */
  useGrouping?: boolean;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(
  currency: string,
  digits: number,
  locale: string | readonly string[] | undefined,
  options: FormatMoneyOptions,
): Intl.NumberFormat {
  const key = JSON.stringify([currency, locale ?? null, options]);
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale as string | string[] | undefined, {
      currencyDisplay: options.currencyDisplay,
      currencySign: options.currencySign,
      signDisplay: options.signDisplay,
      useGrouping: options.useGrouping,
      style: "currency",
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    // A handful of locale/currency pairs in practice; the bound keeps a long-lived page bounded.
    if (formatters.size >= 64) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * The locale whose numbers an amount is written with. CLDR groups Kinyarwanda amounts with dots
 * ("RF 1.500") that no Rwandan source uses (MTN's SMS: "1,000 RWF"), and Chromium's ICU has no
 * Kinyarwanda at all: `rw` amounts are written as English in Rwanda does ("RF 1,500").
 */
function moneyLocale(tag: string): string {
  return /^rw(?:-|$)/i.test(tag) ? "en-RW" : tag;
}

/**
 * Formats an amount for people with `Intl.NumberFormat` (`"1234.5"` USD in `en-US` →
 * `"$1,234.50"`). The canonical decimal string itself is handed to Intl, so no digit is lost to
 * float conversion on runtimes with Intl.NumberFormat v3 (all current browsers, Node 20+).
 *
 * @param locale a BCP 47 tag or list of tags; the runtime default when omitted. Kinyarwanda
 *   (`rw`) is written with English-in-Rwanda's grouping ("RF 1,500", not CLDR's "RF 1.500").
 * @throws RangeError for an invalid amount, currency or locale.
 */
export function formatMoney(
  amount: AmountInput,
  currency: string,
  locale?: string | readonly string[],
  options: FormatMoneyOptions = {},
): string {
  const code = currencyCode(currency);
  const canonical = normaliseAmount(amount, code);
  const tags = typeof locale === "string" ? moneyLocale(locale) : locale?.map(moneyLocale);
  const formatter = formatterFor(code, minorUnitDigits(code), tags, options);
  return formatter.format(canonical as Intl.StringNumericLiteral);
}
