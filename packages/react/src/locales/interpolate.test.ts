import { describe, expect, it } from "vitest";
import { createTranslator } from "../messages.ts";
import { fr } from "./fr.ts";
import { interpolate } from "./interpolate.ts";
import { rw } from "./rw.ts";
import { sw } from "./sw.ts";

const minutes = "{count, plural, =0 {no minutes} one {# minute} other {# minutes}}";

describe("interpolate", () => {
  it("fills placeholders and leaves unknown ones as written", () => {
    expect(interpolate("Pay {amount} to {shop}", { amount: "$5.00" })).toBe("Pay $5.00 to {shop}");
    expect(interpolate("Dial {code}", { code: "*182*7*1#" })).toBe("Dial *182*7*1#");
  });

  it("picks the plural form by the locale's rules: English 0 is plural, French 0 is singular", () => {
    const plain = "{count, plural, one {# minute} other {# minutes}}";
    expect(interpolate(plain, { count: 0 }, "en")).toBe("0 minutes");
    expect(interpolate(plain, { count: 1 }, "en")).toBe("1 minute");
    expect(interpolate(plain, { count: 2 }, "en")).toBe("2 minutes");
    const french = "{count, plural, one {# seconde} other {# secondes}}";
    expect(interpolate(french, { count: 0 }, "fr")).toBe("0 seconde");
    expect(interpolate(french, { count: 1 }, "fr-RW")).toBe("1 seconde");
    expect(interpolate(french, { count: 2 }, "fr-RW")).toBe("2 secondes");
    const swahili = "{count, plural, one {kitu #} other {vitu #}}";
    expect(interpolate(swahili, { count: 1 }, "sw")).toBe("kitu 1");
    expect(interpolate(swahili, { count: 0 }, "sw")).toBe("vitu 0");
    expect(interpolate(swahili, { count: 3 }, "sw-RW")).toBe("vitu 3");
  });

  it("prefers an exact =N form, writes # in the locale, and fills placeholders in the form", () => {
    expect(interpolate(minutes, { count: 0 }, "en")).toBe("no minutes");
    expect(interpolate("{n, plural, other {# RWF}}", { n: 1500 }, "en")).toBe("1,500 RWF");
    expect(interpolate("{n, plural, other {# RWF}}", { n: 1500 }, "fr")).toBe("1\u202f500 RWF");
    expect(
      interpolate("{n, plural, one {# digit after {code}} other {# digits after {code}}}", {
        n: 9,
        code: "+231",
      }),
    ).toBe("9 digits after +231");
  });

  it("never reads a value as a template: braces and # in a value stay as given", () => {
    const values = { count: 2, name: "{count} # {count, plural, other {x}}" };
    expect(interpolate("{count, plural, other {# for {name}}}", values, "en")).toBe(
      "2 for {count} # {count, plural, other {x}}",
    );
    expect(interpolate("Hi {name}", values)).toBe("Hi {count} # {count, plural, other {x}}");
  });

  it("leaves a malformed plural, or one without its count, as written", () => {
    expect(interpolate("{count, plural, one {# min}}", { count: 2 })).toBe(
      "{count, plural, one {# min}}",
    );
    expect(interpolate(minutes, {})).toBe(minutes);
    expect(interpolate("Pay {amount", { amount: "$5" })).toBe("Pay {amount");
  });
});

describe("the catalogs' plural forms through createTranslator", () => {
  it("French, Swahili and Kinyarwanda pick their forms for the provider's locale", () => {
    const tFr = createTranslator(fr, "fr-RW");
    expect(tFr("time.hours", { count: 0 })).toBe("0 heure");
    expect(tFr("time.hours", { count: 1 })).toBe("1 heure");
    expect(tFr("time.hours", { count: 2 })).toBe("2 heures");
    expect(tFr("mobileMoney.phoneTooShortNational", { country: "Rwanda", digits: 9 })).toContain(
      "9 chiffres après le 0",
    );
    const tSw = createTranslator(sw, "sw-RW");
    expect(tSw("time.minutes", { count: 1 })).toBe("dakika 1");
    expect(tSw("time.minutes", { count: 12 })).toBe("dakika 12");
    // Intl has no Kinyarwanda plural rules: its catalog's one/other fall to English's, which
    // Kinyarwanda's singular and plural nouns follow (umunota 1, iminota 2).
    const tRw = createTranslator(rw, "rw-RW");
    expect(tRw("time.minutes", { count: 1 })).toBe("umunota 1");
    expect(tRw("time.minutes", { count: 2 })).toBe("iminota 2");
    expect(tRw("time.seconds", { count: 0 })).toBe("amasegonda 0");
  });
});
