import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultMessages } from "../packages/react/src/messages.ts";
import { TRANSLATIONS_DOC, translationsTable, withFreshTable } from "./translations-table.ts";

describe("docs/translations.md", () => {
  it("has the table the catalogs make (run `pnpm exec tsx scripts/translations-table.ts`)", () => {
    const doc = readFileSync(TRANSLATIONS_DOC, "utf8");
    expect(withFreshTable(doc) === doc, "docs/translations.md is stale").toBe(true);
  });

  it("has a row per key, and a cell cannot break the table", () => {
    const rows = translationsTable().split("\n");
    expect(rows).toHaveLength(Object.keys(defaultMessages).length + 2);
    for (const row of rows) expect(row.split(/(?<!\\)\|/)).toHaveLength(7);
  });
});
