// Money inside the simulator: exact `bigint` minor units. The simulator stands in for Dollr, so it
// keeps its own arithmetic rather than @dollr-kit/core's: it is the oracle the kit's money code is
// tested against, and a package with no dependency on the kit (no workspace cycle, and its bin
// runs from dist/ alone).
import { type Loc, unprocessable } from "./errors.ts";

/** Fraction digits of the currencies Dollr uses; any other code as the runtime's Intl knows it. */
const KNOWN_DIGITS: Readonly<Record<string, number>> = { USD: 2, LRD: 2, RWF: 0 };
const digitsCache = new Map<string, number>();

/** How many fraction digits a currency's minor unit has (USD 2, RWF 0, JPY 0, KWD 3). */
export function minorUnitDigits(currency: string): number {
  const code = currency.toUpperCase();
  const known = KNOWN_DIGITS[code] ?? digitsCache.get(code);
  if (known !== undefined) return known;
  const intl = Intl as { supportedValuesOf?: (key: string) => string[] };
  if (!/^[A-Z]{3}$/.test(code) || intl.supportedValuesOf?.("currency").includes(code) === false)
    throw new RangeError(`Unknown currency code "${code}".`);
  const digits = new Intl.NumberFormat("en", {
    style: "currency",
    currency: code,
  }).resolvedOptions().maximumFractionDigits;
  if (digits === undefined) throw new RangeError(`Unknown currency code "${code}".`);
  digitsCache.set(code, digits);
  return digits;
}

const PLAIN_DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * A positive major-unit decimal (as `validation.ts`'s `amount()` answers it) in minor units; a
 * RangeError when it is not a plain decimal or has non-zero digits past the currency's.
 */
export function toMinorUnits(amount: string, currency: string): bigint {
  const digits = minorUnitDigits(currency);
  const match = PLAIN_DECIMAL.exec(amount.trim());
  if (!match) {
    throw new RangeError(
      `Invalid amount ${JSON.stringify(amount)}: expected a plain decimal such as 12.50.`,
    );
  }
  const [, integer = "", fraction = ""] = match;
  if (/[^0]/.test(fraction.slice(digits))) {
    const allowed =
      digits === 0
        ? "no fraction digits"
        : `at most ${digits} fraction digit${digits > 1 ? "s" : ""}`;
    throw new RangeError(
      `Invalid amount ${JSON.stringify(amount)}: ${currency.toUpperCase()} allows ${allowed}.`,
    );
  }
  return BigInt(integer + fraction.slice(0, digits).padEnd(digits, "0"));
}

/** The decimal string Dollr uses in predictions and source totals ("12.50", "1000"). */
export function decimal(minor: bigint, currency: string): string {
  const digits = minorUnitDigits(currency);
  const negative = minor < 0n;
  const magnitude = (negative ? -minor : minor).toString().padStart(digits + 1, "0");
  const integer = magnitude.slice(0, magnitude.length - digits);
  const fraction = magnitude.slice(magnitude.length - digits);
  return `${negative ? "-" : ""}${integer}${digits > 0 ? `.${fraction}` : ""}`;
}

/** A major-unit decimal in minor units; a 422 at `loc` when its decimals do not fit the currency. */
export function minorUnitsAt(amount: string, currency: string, loc: Loc): bigint {
  try {
    return toMinorUnits(amount, currency);
  } catch (error) {
    throw unprocessable(loc, error instanceof Error ? error.message : "Invalid amount");
  }
}

/** The JSON number `ExecutionResponse` carries (its OpenAPI type is number | integer). */
export function decimalNumber(minor: bigint, currency: string): number {
  return Number(decimal(minor, currency));
}

/** `numerator / denominator`, rounded half away from zero (all amounts here are positive). */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  return remainder * 2n >= denominator ? quotient + 1n : quotient;
}

/** A share of an amount in basis points (200 = 2 %), rounded to the minor unit. */
export function basisPoints(minor: bigint, points: bigint): bigint {
  return divideRounded(minor * points, 10_000n);
}
