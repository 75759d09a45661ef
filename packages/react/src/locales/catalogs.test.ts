import { describe, expect, it } from "vitest";
import { type DollrCatalog, defaultMessages, type MessageKey } from "../messages.ts";
import { messageShape } from "../test/message-shape.ts";
import { en } from "./en.ts";
import { fr } from "./fr.ts";
import { rw } from "./rw.ts";
import { sw } from "./sw.ts";

const english = defaultMessages as DollrCatalog;
const keys = Object.keys(english) as MessageKey[];
const translations = { fr, rw, sw } as const;

// Names that stay as written in every language: operators' brands, USSD codes, countries' names
// that happen to be spelt alike.
const SAME_EVERYWHERE = /^(operator\.|waitHelp\.code\.|mobileMoney\.country\.)/;
// Words that are the same in that language.
const SAME_IN: Record<keyof typeof translations, readonly MessageKey[]> = {
  fr: ["flow.total", "time.minutes"],
  rw: [],
  sw: [],
};
// A value with no words of its own: placeholders, digits and signs ("{operator}", "1 {from} = …").
const noWords = (template: string) => !/\p{L}/u.test(template.replace(/\{[^}]*\}/g, ""));

const shapeOf = (template: string) => {
  const { placeholders, plurals, malformed } = messageShape(template);
  return {
    placeholders: [...placeholders].sort(),
    plurals: Object.fromEntries(plurals),
    malformed,
  };
};

describe("catalogs", () => {
  it("English is the built-in catalog, and every English template is well formed", () => {
    expect(en).toBe(defaultMessages);
    for (const key of keys) expect(shapeOf(english[key]).malformed, key).toBe(false);
  });

  for (const [language, catalog] of Object.entries(translations)) {
    describe(language, () => {
      it("has every key of English and no other", () => {
        expect(Object.keys(catalog).sort()).toEqual([...keys].sort());
      });

      it("keeps each message's placeholders and plural forms", () => {
        for (const key of keys) {
          expect(shapeOf(catalog[key]), `${language} ${key}`).toEqual(shapeOf(english[key]));
        }
      });

      it("has no empty message, and no sentence left in English", () => {
        const same = SAME_IN[language as keyof typeof translations];
        for (const key of keys) {
          const value = catalog[key];
          expect(value.trim(), `${language} ${key}`).not.toBe("");
          if (SAME_EVERYWHERE.test(key) || same.includes(key) || noWords(value)) continue;
          expect(value, `${language} ${key} is still English`).not.toBe(english[key]);
        }
      });
    });
  }

  it("a catalog that lost a placeholder or a plural form is caught", () => {
    expect(shapeOf("Payer")).not.toEqual(shapeOf(english["flow.pay"]));
    expect(shapeOf("{count, plural, other {# min}}")).not.toEqual(shapeOf(english["time.minutes"]));
    expect(shapeOf("{count, plural, one {# min}}").malformed).toBe(true);
    expect(shapeOf("Payer {amount").malformed).toBe(true);
  });
});
