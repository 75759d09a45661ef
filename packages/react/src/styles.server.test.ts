// @vitest-environment node
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const css = readFileSync(new URL("./styles.css", import.meta.url), "utf8");

describe("styles.css", () => {
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
  });

  it("never raises specificity above the consumer's own rules", () => {
    const rules = css
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .split("}")
      .map((chunk) => chunk.split("{")[0]?.trim() ?? "")
      .filter(
        (selector) => selector && !selector.startsWith("@") && !/^(to|from|\d+%)$/.test(selector),
      );
    const unwrapped = rules.filter((selector) => !selector.startsWith(":where("));
    expect(unwrapped).toEqual([]);
  });
});
