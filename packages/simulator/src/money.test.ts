import { describe, expect, it } from "vitest";
import { HttpError } from "./errors.ts";
import {
  basisPoints,
  decimal,
  decimalNumber,
  divideRounded,
  minorUnitDigits,
  minorUnitsAt,
  toMinorUnits,
} from "./money.ts";

describe("the simulator's own money arithmetic", () => {
  it("knows Dollr's currencies, and any other through Intl", () => {
    expect([minorUnitDigits("USD"), minorUnitDigits("LRD"), minorUnitDigits("RWF")]).toEqual([
      2, 2, 0,
    ]);
    expect([minorUnitDigits("JPY"), minorUnitDigits("KWD"), minorUnitDigits("eur")]).toEqual([
      0, 3, 2,
    ]);
    expect(() => minorUnitDigits("XXQ")).toThrow(/Unknown currency code "XXQ"/);
    expect(() => minorUnitDigits("US")).toThrow(RangeError);
  });

  it("reads major units exactly, zeros past the currency's digits included", () => {
    expect(toMinorUnits("12.50", "USD")).toBe(1250n);
    expect(toMinorUnits("12.5", "USD")).toBe(1250n);
    expect(toMinorUnits("12.500", "USD")).toBe(1250n);
    expect(toMinorUnits("1000", "RWF")).toBe(1000n);
    expect(toMinorUnits("1000.0", "RWF")).toBe(1000n);
    expect(toMinorUnits("90071992547409.93", "USD")).toBe(9007199254740993n);
  });

  it("refuses digits the currency does not have, saying how many it allows", () => {
    expect(() => toMinorUnits("0.001", "USD")).toThrow(
      'Invalid amount "0.001": USD allows at most 2 fraction digits.',
    );
    expect(() => toMinorUnits("10.5", "RWF")).toThrow(
      'Invalid amount "10.5": RWF allows no fraction digits.',
    );
    expect(() => toMinorUnits("1e3", "USD")).toThrow(/expected a plain decimal/);
  });

  it("answers a 422 at the field's location", () => {
    let thrown: unknown;
    try {
      minorUnitsAt("0.001", "USD", ["body", "amount"]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HttpError);
    expect((thrown as HttpError).status).toBe(422);
    expect(JSON.stringify((thrown as HttpError).detail)).toContain("USD allows at most 2");
  });

  it("writes the canonical decimal Dollr answers", () => {
    expect(decimal(1250n, "USD")).toBe("12.50");
    expect(decimal(5n, "USD")).toBe("0.05");
    expect(decimal(-5n, "USD")).toBe("-0.05");
    expect(decimal(1000n, "RWF")).toBe("1000");
    expect(decimalNumber(242250n, "LRD")).toBe(2422.5);
  });

  it("rounds half away from zero, as the fee tables do", () => {
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(4n, 3n)).toBe(1n);
    expect(basisPoints(4300n, 200n)).toBe(86n);
    expect(basisPoints(25n, 200n)).toBe(1n);
  });
});
