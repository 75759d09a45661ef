// Money inside the simulator: exact `bigint` minor units, converted with @dollr-kit/core's helpers.
import { fromMinorUnits, toMinorUnits } from "@dollr-kit/core";
import { type Loc, unprocessable } from "./errors.ts";

/** A major-unit decimal in minor units; a 422 at `loc` when its decimals do not fit the currency. */
export function minorUnitsAt(amount: string, currency: string, loc: Loc): bigint {
  try {
    return toMinorUnits(amount, currency);
  } catch (error) {
    throw unprocessable(loc, error instanceof Error ? error.message : "Invalid amount");
  }
}

/** The decimal string Dollr uses in predictions and source totals ("12.50", "1000"). */
export function decimal(minor: bigint, currency: string): string {
  return fromMinorUnits(minor, currency);
}

/** The JSON number `ExecutionResponse` carries (its OpenAPI type is number | integer). */
export function decimalNumber(minor: bigint, currency: string): number {
  return Number(fromMinorUnits(minor, currency));
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
