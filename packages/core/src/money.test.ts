import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addAmounts,
  compareAmounts,
  decimalFromNumber,
  formatMoney,
  fromMinorUnits,
  isDecimalString,
  isPositiveAmount,
  minorUnitDigits,
  normaliseAmount,
  subtractAmounts,
  toMinorUnits,
} from "./money.ts";

// `DOLLR_PROPERTY_RUNS=10000` (pnpm test:soak) turns the property tests up.
const numRuns = Number(process.env.DOLLR_PROPERTY_RUNS ?? 0) || 300;

const CURRENCIES = ["USD", "LRD", "RWF", "JPY", "KWD"] as const;
const currency = fc.constantFrom(...CURRENCIES);
const minor = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });

/** A plain decimal string with at most `digits` fraction digits, optional sign and leading zeros. */
function decimalString(digits: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom("", "-", "+"),
      fc.stringMatching(/^\d{1,25}$/),
      digits === 0 ? fc.constant("") : fc.stringMatching(new RegExp(`^\\d{1,${digits}}$`)),
      fc.boolean(),
    )
    .map(([sign, integer, fraction, withFraction]) =>
      withFraction && fraction ? `${sign}${integer}.${fraction}` : `${sign}${integer}`,
    );
}

const currencyAndDecimal = currency.chain((code) =>
  decimalString(minorUnitDigits(code)).map((amount) => ({ code, amount })),
);

describe("minorUnitDigits", () => {
  it("fixes Dollr's currencies and reads others from Intl", () => {
    expect(minorUnitDigits("USD")).toBe(2);
    expect(minorUnitDigits("LRD")).toBe(2);
    expect(minorUnitDigits("RWF")).toBe(0);
    expect(minorUnitDigits("JPY")).toBe(0);
    expect(minorUnitDigits("KWD")).toBe(3);
    expect(minorUnitDigits("NGN")).toBe(2);
  });

  it("accepts lower-case codes", () => {
    expect(minorUnitDigits("rwf")).toBe(0);
  });

  it.each(["XYZ", "US", "USDT", "", "12A", "U$D"])("rejects %j with a RangeError", (code) => {
    expect(() => minorUnitDigits(code)).toThrow(RangeError);
  });
});

describe("toMinorUnits", () => {
  it.each([
    ["12.50", "USD", 1250n],
    ["12.5", "USD", 1250n],
    ["12", "USD", 1200n],
    ["0.01", "USD", 1n],
    ["-0.05", "USD", -5n],
    ["+3.10", "LRD", 310n],
    ["1000", "RWF", 1000n],
    ["007.00", "USD", 700n],
    ["12.500", "USD", 1250n],
    ["1000.000", "RWF", 1000n],
    [" 12.50 ", "USD", 1250n],
    ["1.234", "KWD", 1234n],
    ["123456789012345678901234567890.12", "USD", 12345678901234567890123456789012n],
  ] as const)("reads %j %s as %s", (amount, code, expected) => {
    expect(toMinorUnits(amount, code)).toBe(expected);
  });

  it.each([
    [12.5, "USD", 1250n],
    [0.1, "USD", 10n],
    [250, "USD", 25000n],
    [-0, "USD", 0n],
    [1e21, "USD", 10n ** 23n],
    [1000, "RWF", 1000n],
  ] as const)("reads the number %s %s through its shortest form", (amount, code, expected) => {
    expect(toMinorUnits(amount, code)).toBe(expected);
  });

  it("rejects a float sum that is not a whole number of cents, instead of rounding it", () => {
    expect(() => toMinorUnits(0.1 + 0.2, "USD")).toThrow(/USD allows at most 2 fraction digits/);
  });

  it("says why when there are too many fraction digits", () => {
    expect(() => toMinorUnits("12.505", "USD")).toThrow(
      'Invalid amount "12.505": USD allows at most 2 fraction digits.',
    );
    expect(() => toMinorUnits("1.5", "RWF")).toThrow("RWF allows no fraction digits");
    expect(() => toMinorUnits(1e-7, "USD")).toThrow(RangeError);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    "rejects %s",
    (amount) => {
      expect(() => toMinorUnits(amount, "USD")).toThrow(/finite/);
    },
  );

  it.each(["1e5", "1E5", "1.5e2", "2e-2"])("rejects exponent notation %j", (amount) => {
    expect(() => toMinorUnits(amount, "USD")).toThrow(/exponent/);
  });

  it.each([
    "",
    " ",
    "abc",
    "12,50",
    "1,000.00",
    ".5",
    "5.",
    "--1",
    "+-1",
    "1.2.3",
    "0x10",
    "Infinity",
    "NaN",
    "$12",
    "12 50",
    "١٢",
  ])("rejects %j", (amount) => {
    expect(() => toMinorUnits(amount, "USD")).toThrow(/plain decimal/);
  });

  it("rejects values that are neither strings nor numbers", () => {
    expect(() => toMinorUnits(12n as unknown as string, "USD")).toThrow(RangeError);
    expect(() => toMinorUnits(null as unknown as string, "USD")).toThrow(RangeError);
  });

  it("rejects an unknown currency", () => {
    expect(() => toMinorUnits("1", "XYZ")).toThrow('Unknown currency code "XYZ".');
  });
});

describe("fromMinorUnits", () => {
  it.each([
    [1250n, "USD", "12.50"],
    [5n, "USD", "0.05"],
    [-5n, "USD", "-0.05"],
    [0n, "USD", "0.00"],
    [-0n, "USD", "0.00"],
    [100n, "LRD", "1.00"],
    [1000n, "RWF", "1000"],
    [-7n, "RWF", "-7"],
    [1234n, "KWD", "1.234"],
    [12345678901234567890123456789012n, "USD", "123456789012345678901234567890.12"],
  ] as const)("writes %s %s as %j", (value, code, expected) => {
    expect(fromMinorUnits(value, code)).toBe(expected);
  });
});

describe("normaliseAmount", () => {
  it("writes the canonical form for the currency", () => {
    expect(normaliseAmount("12.5", "USD")).toBe("12.50");
    expect(normaliseAmount("007", "USD")).toBe("7.00");
    expect(normaliseAmount("-0", "USD")).toBe("0.00");
    expect(normaliseAmount("+1000.00", "RWF")).toBe("1000");
    expect(normaliseAmount(250, "LRD")).toBe("250.00");
  });
});

describe("arithmetic", () => {
  it("adds exactly where floats do not", () => {
    expect(addAmounts("USD", "0.10", "0.20")).toBe("0.30");
    expect(addAmounts("USD", "12.50", 1, "0.05")).toBe("13.55");
    expect(addAmounts("RWF", "1000", "250")).toBe("1250");
    expect(addAmounts("USD")).toBe("0.00");
  });

  it("subtracts exactly", () => {
    expect(subtractAmounts("USD", "0.30", "0.10")).toBe("0.20");
    expect(subtractAmounts("USD", "1", "1.01")).toBe("-0.01");
  });

  it("compares by value, not by spelling", () => {
    expect(compareAmounts("12.5", "12.50", "USD")).toBe(0);
    expect(compareAmounts("9.99", "10", "USD")).toBe(-1);
    expect(compareAmounts("100", "99.99", "USD")).toBe(1);
    expect(compareAmounts("-1", "0", "RWF")).toBe(-1);
  });

  it("throws on an amount it cannot read", () => {
    expect(() => addAmounts("USD", "1", "x")).toThrow(RangeError);
    expect(() => compareAmounts("1", "1.001", "USD")).toThrow(RangeError);
  });
});

describe("isPositiveAmount", () => {
  it.each([
    ["0.01", "USD", true],
    [1, "RWF", true],
    ["0", "USD", false],
    ["0.00", "USD", false],
    ["-1", "USD", false],
    ["0.001", "USD", false],
    ["0.5", "RWF", false],
    ["abc", "USD", false],
    ["1", "XYZ", false],
    [null, "USD", false],
    [undefined, "USD", false],
    [Number.NaN, "USD", false],
  ] as const)("%j %s → %s", (amount, code, expected) => {
    expect(isPositiveAmount(amount, code)).toBe(expected);
  });
});

describe("isDecimalString and decimalFromNumber", () => {
  it("recognises plain decimals only", () => {
    expect(isDecimalString("12.50")).toBe(true);
    expect(isDecimalString("-3")).toBe(true);
    expect(isDecimalString("1e5")).toBe(false);
    expect(isDecimalString(" 1")).toBe(false);
    expect(isDecimalString(12)).toBe(false);
  });

  it.each([
    [250, "250"],
    [250.5, "250.5"],
    [0.1, "0.1"],
    [-0.05, "-0.05"],
    [-0, "0"],
    [1e-7, "0.0000001"],
    [-1.5e-7, "-0.00000015"],
    [1e21, "1000000000000000000000"],
    [1.25e22, "12500000000000000000000"],
  ] as const)("writes %s as %j", (amount, expected) => {
    expect(decimalFromNumber(amount)).toBe(expected);
  });

  it("rejects non-finite numbers", () => {
    expect(() => decimalFromNumber(Number.NaN)).toThrow(RangeError);
  });
});

describe("formatMoney", () => {
  it("formats with the currency's digits for the locale", () => {
    expect(formatMoney("1234.5", "USD", "en-US")).toBe("$1,234.50");
    expect(formatMoney("1000", "RWF", "en-US")).toBe("RWF\u00a01,000");
    expect(formatMoney("12.5", "LRD", "en-US")).toBe("LRD\u00a012.50");
    expect(formatMoney("-0.05", "USD", "en-US")).toBe("-$0.05");
    expect(formatMoney(7, "USD", "en-US")).toBe("$7.00");
    expect(formatMoney("1234.5", "USD", "de-DE")).toBe("1.234,50\u00a0$");
  });

  it("keeps every digit of amounts beyond float precision", () => {
    expect(formatMoney("12345678901234567.89", "USD", "en-US")).toBe("$12,345,678,901,234,567.89");
  });

  it("passes display options through", () => {
    expect(formatMoney("1234.5", "USD", "en-US", { currencyDisplay: "code" })).toBe(
      "USD\u00a01,234.50",
    );
    expect(formatMoney("-5", "USD", "en-US", { currencySign: "accounting" })).toBe("($5.00)");
    expect(formatMoney("1234.5", "USD", "en-US", { useGrouping: false })).toBe("$1234.50");
    expect(formatMoney("5", "USD", "en-US", { signDisplay: "always" })).toBe("+$5.00");
  });

  it("rejects what it cannot format", () => {
    expect(() => formatMoney("1.001", "USD", "en-US")).toThrow(RangeError);
    expect(() => formatMoney("1", "XYZ", "en-US")).toThrow(RangeError);
    expect(() => formatMoney("1", "USD", "not a locale!")).toThrow(RangeError);
  });
});

describe("money properties", () => {
  it("fromMinorUnits then toMinorUnits gives back the same minor units", () => {
    fc.assert(
      fc.property(currency, minor, (code, value) => {
        const text = fromMinorUnits(value, code);
        expect(text).toMatch(
          minorUnitDigits(code) === 0
            ? /^-?\d+$/
            : new RegExp(`^-?\\d+\\.\\d{${minorUnitDigits(code)}}$`),
        );
        expect(toMinorUnits(text, code)).toBe(value);
      }),
      { numRuns },
    );
  });

  it("toMinorUnits then fromMinorUnits is the canonical form, which is stable and equal in value", () => {
    fc.assert(
      fc.property(currencyAndDecimal, ({ code, amount }) => {
        const canonical = fromMinorUnits(toMinorUnits(amount, code), code);
        expect(normaliseAmount(canonical, code)).toBe(canonical);
        expect(compareAmounts(canonical, amount, code)).toBe(0);
      }),
      { numRuns },
    );
  });

  it("reads cents given as JS numbers exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 13), max: 10 ** 13 }), (cents) => {
        expect(toMinorUnits(cents / 100, "USD")).toBe(BigInt(cents));
      }),
      { numRuns },
    );
  });

  it("adds exactly: the sum equals the sum of the minor units", () => {
    fc.assert(
      fc.property(currency, fc.array(minor, { maxLength: 8 }), (code, values) => {
        const amounts = values.map((value) => fromMinorUnits(value, code));
        const expected = values.reduce((total, value) => total + value, 0n);
        expect(toMinorUnits(addAmounts(code, ...amounts), code)).toBe(expected);
      }),
      { numRuns },
    );
  });

  it("adds associatively and commutatively, and subtraction undoes addition", () => {
    fc.assert(
      fc.property(currency, minor, minor, minor, (code, x, y, z) => {
        const [a, b, c] = [x, y, z].map((value) => fromMinorUnits(value, code)) as [
          string,
          string,
          string,
        ];
        expect(addAmounts(code, addAmounts(code, a, b), c)).toBe(
          addAmounts(code, a, addAmounts(code, b, c)),
        );
        expect(addAmounts(code, a, b)).toBe(addAmounts(code, b, a));
        expect(subtractAmounts(code, addAmounts(code, a, b), b)).toBe(a);
      }),
      { numRuns },
    );
  });

  it("compares like the minor units do", () => {
    fc.assert(
      fc.property(currency, minor, minor, (code, x, y) => {
        const expected = x < y ? -1 : x > y ? 1 : 0;
        expect(compareAmounts(fromMinorUnits(x, code), fromMinorUnits(y, code), code)).toBe(
          expected,
        );
        expect(isPositiveAmount(fromMinorUnits(x, code), code)).toBe(x > 0n);
      }),
      { numRuns },
    );
  });

  it("formats without losing a digit", () => {
    fc.assert(
      fc.property(
        currency,
        minor,
        fc.constantFrom("en-US", "de-DE", "fr-FR", "en-LR", "rw-RW"),
        (code, value, locale) => {
          const formatted = formatMoney(fromMinorUnits(value, code), code, locale);
          const magnitude = (value < 0n ? -value : value)
            .toString()
            .padStart(minorUnitDigits(code) + 1, "0");
          expect(formatted.replace(/\D/g, "")).toBe(magnitude);
          expect(/[-\u2212]/.test(formatted)).toBe(value < 0n);
        },
      ),
      { numRuns },
    );
  });

  it("rejects garbage strings", () => {
    const notPlainDecimal = fc
      .string({ maxLength: 20 })
      .filter((text) => !/^[+-]?\d+(\.\d+)?$/.test(text.trim()));
    fc.assert(
      fc.property(currency, notPlainDecimal, (code, text) => {
        expect(() => toMinorUnits(text, code)).toThrow(RangeError);
        expect(isPositiveAmount(text, code)).toBe(false);
      }),
      { numRuns },
    );
  });

  it("rejects a valid amount with a foreign character spliced in", () => {
    const spliced = fc
      .tuple(
        currencyAndDecimal,
        fc.constantFrom("e", "E", ",", "_", "x", ".", "-", "+", " ", "\u00a0", "٣"),
        fc.nat(),
      )
      .map(([{ code, amount }, junk, at]) => {
        const position = 1 + (at % amount.length);
        return { code, text: `${amount.slice(0, position)}${junk}${amount.slice(position)}` };
      })
      .filter(({ text }) => !/^[+-]?\d+(\.\d+)?$/.test(text.trim()));
    fc.assert(
      fc.property(spliced, ({ code, text }) => {
        expect(() => toMinorUnits(text, code)).toThrow(RangeError);
      }),
      { numRuns },
    );
  });
});
