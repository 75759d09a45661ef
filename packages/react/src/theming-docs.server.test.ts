// @vitest-environment node
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCss, walkCss } from "./test/css-rules.ts";
import { readThemeTokens, TOKEN_USES, tokenTable } from "./test/theme-tokens.ts";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
const tokens = readThemeTokens(read("./styles.css"));
const theming = read("../../../docs/theming.md");
const readme = read("../README.md");
const recipe = read("../recipes/shadcn-tokens.css");

describe("the theming docs", () => {
  it("says what every token paints", () => {
    expect(tokens.map((token) => token.name)).toEqual(Object.keys(TOKEN_USES));
  });

  it("docs/theming.md and the README show every token with its defaults as styles.css has them", () => {
    const table = tokenTable(tokens);
    expect(theming).toContain(table);
    expect(readme).toContain(table);
  });

  it("shows the shadcn/ui recipe as the file is", () => {
    expect(theming).toContain(`\`\`\`css\n${recipe.trimEnd()}\n\`\`\``);
  });

  it("sets only tokens styles.css has, from shadcn/ui variables, with the kit's layer first", () => {
    const set = [...walkCss(parseCss(recipe))].flatMap(({ block }) => [
      ...block.declarations.keys(),
    ]);
    const known = new Set(tokens.map((token) => token.name));
    expect(set.length).toBeGreaterThanOrEqual(10);
    expect(set.filter((name) => !known.has(name))).toEqual([]);
    for (const variable of ["--background", "--foreground", "--primary", "--ring", "--radius"]) {
      expect(recipe).toContain(`var(${variable})`);
    }
    expect(recipe).toMatch(/^@layer dollr-kit, [\w, ]+;$/m);
  });
});
