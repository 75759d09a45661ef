// @vitest-environment node
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type CssBlock, parseCss, walkCss } from "./test/css-rules.ts";
import { readThemeTokens } from "./test/theme-tokens.ts";

const css = readFileSync(new URL("./styles.css", import.meta.url), "utf8");
const blocks = parseCss(css);
const rules = [...walkCss(blocks)].filter(({ block }) => !block.prelude.startsWith("@"));
const styleRules = rules.filter(({ block }) => !/^(to|from|\d+%)$/.test(block.prelude));

/** The rules inside `@media <query>`. */
const rulesUnder = (query: string) =>
  styleRules.filter(({ within }) => within.includes(`@media ${query}`)).map(({ block }) => block);
const selectorsOf = (list: CssBlock[]) => list.map((block) => block.prelude).join("\n");

describe("styles.css", () => {
  it("is one cascade layer, dollr-kit, so any rule of the app outside it wins", () => {
    expect(blocks.map((block) => block.prelude)).toEqual(["@layer dollr-kit"]);
  });

  it("uses only --dollr-* custom properties", () => {
    const code = css.replace(/\/\*[\s\S]*?\*\//g, "");
    const custom = code.match(/--[\w-]+/g) ?? [];
    expect(custom.length).toBeGreaterThan(20);
    expect(custom.filter((name) => !name.startsWith("--dollr-"))).toEqual([]);
  });

  it("has light and dark themes, following the system and a data-theme hook", () => {
    expect(css).toContain("@media (prefers-color-scheme: dark)");
    expect(css).toContain('[data-theme="dark"]');
    expect(css).toContain('[data-theme="light"]');
    const tokens = readThemeTokens(css);
    expect(tokens.length).toBeGreaterThanOrEqual(16);
    const text = tokens.find((token) => token.name === "--dollr-color-text");
    expect(text).toEqual({ name: "--dollr-color-text", light: "#16181d", dark: "#eceef2" });
  });

  it("never raises specificity: every selector is wrapped in :where()", () => {
    expect(styleRules.length).toBeGreaterThan(50);
    const unwrapped = styleRules
      .flatMap(({ block }) => splitSelectorList(block.prelude))
      .filter((selector) => !/^:where\(/.test(selector));
    expect(unwrapped).toEqual([]);
  });

  it("stops every animation under prefers-reduced-motion, keeping the indicator drawn", () => {
    const animated = styleRules.filter(({ block, within }) => {
      const animation = block.declarations.get("animation");
      return animation && animation !== "none" && within.length === 1;
    });
    expect(animated.length).toBeGreaterThan(0);
    const reduced = rulesUnder("(prefers-reduced-motion: reduce)");
    expect(reduced.map((block) => block.declarations.get("animation"))).toEqual(["none"]);
    // One rule covers every indicator, whatever part it belongs to.
    expect(reduced[0]?.prelude).toBe(':where([data-slot$="-indicator"])');
    for (const { block } of animated) expect(block.prelude).toMatch(/-indicator"\]/);
    // Motion off leaves the ring itself: no rule hides it or drops its border.
    const hidden = reduced.filter((block) =>
      ["display", "border", "visibility", "opacity"].some((name) => block.declarations.has(name)),
    );
    expect(hidden).toEqual([]);
  });

  it("keeps every state distinguishable under forced-colors, in system colours only", () => {
    const forced = rulesUnder("(forced-colors: active)");
    const selectors = selectorsOf(forced);
    for (const state of [
      ":focus-visible",
      '[data-state="checked"]',
      "[data-disabled]",
      ":disabled",
      '[aria-invalid="true"]',
      '[data-state="busy"]',
      '[data-state="succeeded"]',
      '[data-state="failed"]',
      '[data-state="expired"]',
      '[data-state="requires_action"]',
    ]) {
      expect(selectors, state).toContain(state);
    }
    const values = forced.flatMap((block) => [...block.declarations.values()]);
    expect(values.filter((value) => value.includes("var("))).toEqual([]);
    // States differ by shape, border or outline, not by a background colour alone.
    const marks = forced.filter((block) =>
      [...block.declarations.keys()].some((name) => /^(outline|border|transform)/.test(name)),
    );
    expect(marks.length).toBeGreaterThanOrEqual(6);
  });

  it("reflows at 320 px: text breaks anywhere and nothing has a fixed width in px", () => {
    const roots = styleRules.find(({ block }) => block.declarations.has("--dollr-_text"))?.block;
    expect(roots?.declarations.get("overflow-wrap")).toBe("anywhere");
    expect(roots?.declarations.get("min-width")).toBe("0");
    const fixed = styleRules.flatMap(({ block }) =>
      [...block.declarations]
        .filter(([name, value]) => /(^|-)width$/.test(name) && /\d{2,}px/.test(value))
        .map(([name, value]) => `${block.prelude} { ${name}: ${value} }`),
    );
    expect(fixed).toEqual([]);
    for (const slot of ["checkout-flow-summary-row", "receipt-item"]) {
      const row = styleRules.find(({ block }) => block.prelude === `:where([data-slot="${slot}"])`);
      expect(row?.block.declarations.get("flex-wrap"), slot).toBe("wrap");
    }
  });
});

/** `a, :where(b, c) d` → ["a", ":where(b, c) d"] (commas inside parentheses stay). */
function splitSelectorList(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of list) {
    if (char === "(") depth++;
    if (char === ")") depth--;
    if (char === "," && depth === 0) {
      parts.push(current.trim());
      current = "";
    } else {
      current += char;
    }
  }
  parts.push(current.trim());
  return parts;
}
