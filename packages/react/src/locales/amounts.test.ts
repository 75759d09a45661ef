import { formatMoney } from "@dollr-kit/core/internal";
import { describe, expect, it } from "vitest";
import { summarise } from "../checkout-flow/summary.ts";
import type { AmountAndFeePrediction } from "../internal/client.ts";

// Intl writes U+202F (narrow) or U+00A0 between groups and before symbols: compare with spaces.
const plain = (text: string | null) => text?.replace(/[\u00a0\u202f]/g, " ") ?? null;

describe("amounts in each language's locale", () => {
  it("RWF shows no minor unit; LRD and USD show two, in every locale", () => {
    const cases: [string, string, string, string][] = [
      ["en-LR", "RWF 1,500", "$1,500.00", "US$1,500.00"],
      ["en-RW", "RF 1,500", "LRD 1,500.00", "US$1,500.00"],
      ["fr-RW", "1 500 RF", "1 500,00 LRD", "1 500,00 $US"],
      ["sw-RW", "RWF 1,500", "LRD 1,500.00", "US$ 1,500.00"],
      // CLDR's Kinyarwanda groups with dots ("RF 1.500"), which Rwandans do not write.
      ["rw-RW", "RF 1,500", "LRD 1,500.00", "US$1,500.00"],
    ];
    for (const [locale, rwf, lrd, usd] of cases) {
      expect(plain(formatMoney("1500", "RWF", locale)), locale).toBe(rwf);
      expect(plain(formatMoney("1500", "LRD", locale)), locale).toBe(lrd);
      expect(plain(formatMoney(1500, "USD", locale)), locale).toBe(usd);
    }
    // An RWF amount with a fraction is refused, never rounded into a different price.
    expect(() => formatMoney("1500.4", "RWF", "fr-RW")).toThrow(/no fraction digits/);
    expect(formatMoney("1500", "RWF", ["rw-RW", "en"])).toBe(formatMoney("1500", "RWF", "en-RW"));
  });
});

const usdSource = { total: "12.50", currency: "USD" };
const inLrd: AmountAndFeePrediction = {
  payer_amount: "2422.50",
  payer_currency: "LRD",
  payee_amount: "12.50",
  payee_currency: "USD",
  platform_fee: "0",
  platform_currency: "USD",
  fx_fee: "47.50",
  gateway_fee: null,
  gateway_currency: null,
};

describe("the summary's amounts", () => {
  it("shows the source's total beside the payer's when the payer pays in another currency", () => {
    const summary = summarise(usdSource, inLrd, "fr-RW");
    expect(plain(summary.total)).toBe("2 422,50 LRD");
    expect(plain(summary.sourceTotal)).toBe("12,50 $US");
    expect(summary.sourceCurrency).toBe("USD");
  });

  it("shows one total when the payer pays in the source's currency, or before pricing", () => {
    const sameCurrency = { ...inLrd, payer_amount: "12.75", payer_currency: "USD", fx_fee: null };
    expect(summarise(usdSource, sameCurrency, "en-LR").sourceTotal).toBeNull();
    const before = summarise(usdSource, null, "en-LR");
    expect(before.total).toBe("US$12.50");
    expect(before.sourceTotal).toBeNull();
    expect(before.sourceCurrency).toBeNull();
  });
});
