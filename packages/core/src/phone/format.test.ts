import { describe, expect, it } from "vitest";
import { formatMaskedPhoneNumber, formatPhoneNumber } from "./format.ts";
import { enabledPhoneMarkets, isPhoneCountry, PHONE_MARKETS, phoneMarketFor } from "./markets.ts";

describe("formatPhoneNumber", () => {
  it.each([
    ["231886123456", "international", "+231 88 612 3456"],
    ["231886123456", "national", "088 612 3456"],
    ["250781234567", "international", "+250 781 234 567"],
    ["250781234567", "national", "0781 234 567"],
    // A market the kit does not know, or a length that does not fit: digits, ungrouped.
    ["14155550123", "international", "+14155550123"],
    ["2318861234567", "international", "+2318861234567"],
    // Not E.164 digits: given back as is.
    ["", "international", ""],
    ["+231 88", "international", "+231 88"],
  ] as const)("%s as %s → %j", (digits, style, shown) => {
    expect(formatPhoneNumber(digits, style)).toBe(shown);
  });
});

describe("formatMaskedPhoneNumber", () => {
  it.each([
    ["*********456", "LR", "+231 •• ••• •456"],
    ["*********456", "LBR", "+231 •• ••• •456"],
    ["*********567", "rw", "+250 ••• ••• 567"],
    ["*********567", "RWA", "+250 ••• ••• 567"],
    ["231******456", "LR", "+231 •• ••• •456"],
  ] as const)("%s in %s → %j", (masked, country, shown) => {
    expect(formatMaskedPhoneNumber(masked, country)).toBe(shown);
  });

  it.each([
    ["no country", "*********456", null],
    ["an unknown country", "*********456", "GH"],
    ["a mask of another length", "********456", "LR"],
    ["another country's code in view", "250******456", "LR"],
    ["characters other than * and digits", "<b>*****456", "LR"],
    ["no mask", null, "LR"],
  ])("is null for %s", (_, masked, country) => {
    expect(formatMaskedPhoneNumber(masked, country)).toBeNull();
  });
});

describe("markets", () => {
  it("names each market by alpha-2 or alpha-3, in any case", () => {
    expect(phoneMarketFor("lr")).toBe(PHONE_MARKETS.LR);
    expect(phoneMarketFor(" RWA ")).toBe(PHONE_MARKETS.RW);
    expect(phoneMarketFor("toString")).toBeNull();
    expect(phoneMarketFor(undefined)).toBeNull();
    expect(isPhoneCountry("LR")).toBe(true);
    expect(isPhoneCountry("__proto__")).toBe(false);
  });

  it("keeps the merchant's order, once each, known codes only", () => {
    expect(enabledPhoneMarkets(["RW", "LBR", "rw", "XX"]).map((m) => m.country)).toEqual([
      "RW",
      "LR",
    ]);
    expect(enabledPhoneMarkets(["XX"]).map((m) => m.country)).toEqual(["LR", "RW"]);
  });

  it("has groups that add up to each market's national length", () => {
    for (const market of Object.values(PHONE_MARKETS)) {
      expect(market.groups.reduce((sum, size) => sum + size, 0)).toBe(market.nationalLength);
      expect(market.example).toHaveLength(market.nationalLength);
    }
  });
});
