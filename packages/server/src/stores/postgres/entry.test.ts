/**
 * The postgres entry stays out of the main entry (which must run without Node), and loads a
 * driver only when it is used: its modules import `pg` and PGlite as types, or with `import()`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { entryImports } from "../../../../../scripts/entry-imports.ts";

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, "..", "..");

describe("@dollr-kit/server/postgres", () => {
  it("is not reached from the main entry", () => {
    const { seen } = entryImports(src, "index.ts");
    const reached = [...seen].filter(
      (file) => file === "postgres.ts" || file.includes("postgres/"),
    );
    expect(reached).toEqual([]);
  });

  it("imports no driver eagerly", () => {
    const { seen } = entryImports(src, "postgres.ts");
    const eager: string[] = [];
    for (const file of seen) {
      const text = readFileSync(join(src, file), "utf8");
      const code = text
        .replace(/\/\*[\s\S]*?\*\//g, "") // doc comments show examples that import pg
        .replace(/import type [\s\S]*?from "[^"]+";/g, "");
      if (/from "(pg|@electric-sql\/pglite)"/.test(code)) eager.push(file);
    }
    expect(seen.has("stores/postgres/open-database.ts")).toBe(true);
    expect(eager).toEqual([]);
    // Only the tests' own helper loads `pg` up front, and the entry never reaches it.
    const modules = readdirSync(here).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    expect(modules).toContain("test-database.ts");
    expect(seen.has("stores/postgres/test-database.ts")).toBe(false);
  });
});
