// @vitest-environment node
import { describe, expect, it } from "vitest";
import { defaultMessages } from "../messages.ts";
import { PSEUDO_EXPANSION, pseudo, pseudoMessage, withoutArguments } from "./pseudo-locale.ts";

const placeholders = (text: string) => (text.match(/\{\w+[},]/g) ?? []).sort();

describe("the pseudo-locale", () => {
  it("has every key, with the same placeholders, accented and about 40% longer", () => {
    expect(Object.keys(pseudo).sort()).toEqual(Object.keys(defaultMessages).sort());
    for (const [key, english] of Object.entries(defaultMessages)) {
      const written = pseudo[key as keyof typeof pseudo];
      expect(placeholders(written), key).toEqual(placeholders(english));
      expect(withoutArguments(written), key).not.toMatch(/[A-Za-z]/);
      expect(written, key).toMatch(/^\[[\s\S]*\]$/);
      const visible = withoutArguments(english).length;
      expect(withoutArguments(written).length - 2, key).toBeGreaterThanOrEqual(
        Math.floor(visible * PSEUDO_EXPANSION),
      );
    }
  });

  it("keeps a plural argument's shape and accents its branches", () => {
    expect(pseudoMessage("About {count, plural, one {# minute} other {# minutes}} left")).toBe(
      "[Åƀöûţ {count, plural, one {# ɱîñûţé} other {# ɱîñûţéš}} ļéƒţ ļöñĝ]",
    );
  });
});
