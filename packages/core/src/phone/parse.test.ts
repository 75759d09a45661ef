import { describe, expect, it } from "vitest";
import { PHONE_PATTERN } from "../contract.ts";
import { PHONE_MARKETS, type PhoneMarket } from "./markets.ts";
import { MAX_PHONE_INPUT_LENGTH, parsePhoneNumber, parsePhoneNumberIn } from "./parse.ts";

const both = { countries: ["LR", "RW"] };

describe("parsePhoneNumber: numbers as people write them", () => {
  it.each([
    // Liberia, national (the number), with every separator people use.
    ["0886123456", "231886123456", "LR", "national"],
    ["088 612 3456", "231886123456", "LR", "national"],
    ["088-612-3456", "231886123456", "LR", "national"],
    ["088.612.3456", "231886123456", "LR", "national"],
    ["(088) 612 3456", "231886123456", "LR", "national"],
    ["  088 612 3456  ", "231886123456", "LR", "national"],
    ["0770 123 456", "231770123456", "LR", "national"],
    ["0555 123 456", "231555123456", "LR", "national"],
    ["0760123456", "231760123456", "LR", "national"],
    ["0761123456", "231761123456", "LR", "national"],
    // Without the trunk 0.
    ["88 612 3456", "231886123456", "LR", "national"],
    // Liberia, international.
    ["+231 88 612 3456", "231886123456", "LR", "international"],
    ["+231886123456", "231886123456", "LR", "international"],
    ["00231 88 612 3456", "231886123456", "LR", "international"],
    ["231 88 612 3456", "231886123456", "LR", "international"],
    ["231-88-612-3456", "231886123456", "LR", "international"],
    ["+231 (0)88 612 3456", "231886123456", "LR", "international"],
    ["+231 0886123456", "231886123456", "LR", "international"],
    // Rwanda.
    ["078 123 4567", "250781234567", "RW", "national"],
    ["0781 234 567", "250781234567", "RW", "national"],
    ["0721234567", "250721234567", "RW", "national"],
    ["0731234567", "250731234567", "RW", "national"],
    ["0791234567", "250791234567", "RW", "national"],
    ["+250 781 234 567", "250781234567", "RW", "international"],
    ["00250781234567", "250781234567", "RW", "international"],
    ["00250 78 123 4567", "250781234567", "RW", "international"],
    ["250781234567", "250781234567", "RW", "international"],
    // Dashes and spaces of other keyboards; the marks copying adds (iOS wraps numbers in them).
    ["088\u2011612\u20113456", "231886123456", "LR", "national"],
    ["088\u00a0612\u202f3456", "231886123456", "LR", "national"],
    ["\u202a+231 88 612 3456\u202c", "231886123456", "LR", "international"],
    ["\u200e0886123456\ufeff", "231886123456", "LR", "national"],
  ] as const)("%j → %s (%s, %s)", (input, digits, country, form) => {
    const result = parsePhoneNumber(input, both);
    expect(result).toMatchObject({ ok: true, digits, country, form });
    // What Dollr accepts: E.164 digits without '+'.
    expect(result.ok && PHONE_PATTERN.test(result.digits)).toBe(true);
  });

  it("shows the number back in its country's usual grouping", () => {
    expect(parsePhoneNumber("0886123456", both)).toMatchObject({
      national: "088 612 3456",
      international: "+231 88 612 3456",
    });
    expect(parsePhoneNumber("078 123 4567", both)).toMatchObject({
      national: "0781 234 567",
      international: "+250 781 234 567",
    });
  });

  it("takes every market Dollr collects in when the merchant names none it knows", () => {
    for (const countries of [undefined, null, [], ["XX"], ["lr"], ["LBR"]]) {
      expect(parsePhoneNumber("0886123456", { countries }).ok).toBe(true);
    }
    expect(parsePhoneNumber("078 123 4567").ok).toBe(true);
  });
});

describe("parsePhoneNumber: what is wrong, said specifically", () => {
  it.each([
    ["", { code: "empty" }],
    ["   ", { code: "empty" }],
    [" - ( ) . ", { code: "empty" }],
    ["088612345", { code: "too_short", countries: ["LR"], nationalLength: 9, after: "0" }],
    ["08861234567", { code: "too_long", countries: ["LR"], nationalLength: 9, after: "0" }],
    ["0880", { code: "too_short", countries: ["LR"], form: "national" }],
    ["+231 88 612 345", { code: "too_short", countries: ["LR"], after: "+231" }],
    ["+250 781 234 5678", { code: "too_long", countries: ["RW"], after: "+250" }],
    ["+231", { code: "too_short", countries: ["LR"], form: "international" }],
    ["+23", { code: "too_short", countries: ["LR"], form: "international" }],
    ["0", { code: "too_short", countries: ["LR", "RW"], nationalLength: 9 }],
    // No mobile-money operator issues these.
    ["0991234567", { code: "not_mobile_money", countries: ["LR", "RW"], prefix: "09" }],
    ["0221234567", { code: "not_mobile_money", prefix: "02" }],
    ["+250 771 234 567", { code: "not_mobile_money", countries: ["RW"], prefix: "+250 77" }],
    ["+231 762 123 456", { code: "not_mobile_money", countries: ["LR"], prefix: "+231 762" }],
    ["+231 21 234 567", { code: "not_mobile_money", countries: ["LR"], prefix: "+231 2" }],
    // A calling code the kit does not know.
    ["+1 555 123 4567", { code: "country_not_accepted", country: null }],
    ["+233 24 123 4567", { code: "country_not_accepted", country: null }],
    ["0044 20 7946 0958", { code: "country_not_accepted", country: null }],
    // Letters, other scripts' digits, symbols.
    ["088 612 34S6", { code: "letters" }],
    ["tel:0886123456", { code: "letters" }],
    ["O886123456", { code: "letters" }],
    ["088 612 3456 ext 2", { code: "letters" }],
    ["٠٨٨٦١٢٣٤٥٦", { code: "non_ascii_digits" }],
    ["０８８６１２３４５６", { code: "non_ascii_digits" }],
    ["088६१२३४५६", { code: "non_ascii_digits" }],
    ["088*612#3456", { code: "invalid_characters" }],
    ["231+886123456", { code: "invalid_characters" }],
    ["++231886123456", { code: "invalid_characters" }],
    ["088/612/3456", { code: "invalid_characters" }],
    ["0886123456 📞", { code: "invalid_characters" }],
    ["088<script>", { code: "letters" }],
    // Controls that can show the digits in another order than they are read.
    ["\u202e6543216880", { code: "hidden_characters" }],
    ["0886\u200f123456", { code: "hidden_characters" }],
    ["\u202b0886123456\u202c", { code: "hidden_characters" }],
  ] as const)("%j → %o", (input, problem) => {
    const result = parsePhoneNumber(input, both);
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.problem).toMatchObject(problem);
  });

  it("says a country the merchant does not take, however the number is written", () => {
    const liberiaOnly = { countries: ["LR"] };
    for (const input of ["+250 781 234 567", "00250781234567", "250781234567", "0781234567"]) {
      expect(parsePhoneNumber(input, liberiaOnly)).toEqual({
        ok: false,
        problem: { code: "country_not_accepted", country: "RW" },
      });
    }
    // Rwanda's 077 is not mobile money, and not Liberia's either when Liberia is off.
    expect(parsePhoneNumber("0771234567", { countries: ["RW"] })).toMatchObject({
      ok: false,
      problem: { code: "country_not_accepted", country: "LR" },
    });
    expect(parsePhoneNumber("0991234567", { countries: ["RW"] })).toMatchObject({
      ok: false,
      problem: { code: "not_mobile_money", countries: ["RW"], prefix: "09" },
    });
  });

  it("reads 077 as Liberian when both are on: Rwanda's 077 has no mobile money", () => {
    expect(parsePhoneNumber("0771234567", both)).toMatchObject({ ok: true, country: "LR" });
  });
});

describe("parsePhoneNumber: a national number several countries could own", () => {
  // A made-up market that shares Liberia's length and its 88 prefix.
  const twin: PhoneMarket = {
    ...PHONE_MARKETS.LR,
    country: "XT",
    alpha3: "XTW",
    callingCode: "299",
    mobileMoneyPrefixes: ["88", "99"],
  };
  const known = [PHONE_MARKETS.LR, PHONE_MARKETS.RW, twin];

  it("asks for the country code when length and prefix fit both", () => {
    expect(parsePhoneNumberIn("0886123456", [PHONE_MARKETS.LR, twin], known)).toEqual({
      ok: false,
      problem: { code: "needs_country_code", countries: ["LR", "XT"] },
    });
  });

  it("picks the one country whose mobile prefixes fit", () => {
    expect(parsePhoneNumberIn("0776123456", [PHONE_MARKETS.LR, twin], known)).toMatchObject({
      ok: true,
      country: "LR",
    });
    expect(parsePhoneNumberIn("0996123456", [PHONE_MARKETS.LR, twin], known)).toMatchObject({
      ok: true,
      country: "XT",
      digits: "299996123456",
    });
  });

  it("is not ambiguous with the country code", () => {
    expect(parsePhoneNumberIn("+299 88 612 3456", [PHONE_MARKETS.LR, twin], known)).toMatchObject({
      ok: true,
      country: "XT",
    });
  });

  it("only among the merchant's countries", () => {
    expect(parsePhoneNumberIn("0886123456", [PHONE_MARKETS.LR], known)).toMatchObject({
      ok: true,
      country: "LR",
    });
  });
});

describe("parsePhoneNumber: hostile input", () => {
  it.each([
    ["a very long string", "0".repeat(1_000_000)],
    ["digits past the limit", `+231 88 612 3456${" ".repeat(MAX_PHONE_INPUT_LENGTH)}`],
    ["a long run of separators", "-".repeat(MAX_PHONE_INPUT_LENGTH + 1)],
  ])("refuses %s at once", (_, input) => {
    expect(parsePhoneNumber(input, both)).toEqual({
      ok: false,
      problem: { code: "input_too_long" },
    });
  });

  it.each([
    ["a lone surrogate", "088\ud800612"],
    ["a NUL", "088\u0000612 3456"],
    ["a newline in the middle", "088\n612 3456"],
    ["combining marks", "0\u0301886123456"],
    ["HTML", "<img src=x onerror=alert(1)>"],
    ["a prototype key", "__proto__"],
  ])("answers a problem for %s, never throws", (_, input) => {
    const result = parsePhoneNumber(input, both);
    if (result.ok) expect(PHONE_PATTERN.test(result.digits)).toBe(true);
    else expect(typeof result.problem.code).toBe("string");
  });

  it("refuses a value that is not text", () => {
    expect(parsePhoneNumber(12 as unknown as string, both)).toMatchObject({ ok: false });
    expect(parsePhoneNumber(null as unknown as string, both)).toMatchObject({ ok: false });
  });

  it("ignores countries that are not text", () => {
    const countries = [42, null, "RW"] as unknown as string[];
    expect(parsePhoneNumber("0886123456", { countries })).toMatchObject({
      ok: false,
      problem: { code: "country_not_accepted", country: "LR" },
    });
  });
});
