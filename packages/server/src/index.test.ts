// The main entry runs on edge runtimes: nothing of Node in it or in any of its own modules (the
// Node transport and adapters live in `@dollr-kit/server/node`).
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { entryImports } from "../../../scripts/entry-imports.ts";

describe("the main entry", () => {
  it("imports no Node built-in, directly or through its own modules", () => {
    const { seen, nodeImports } = entryImports(dirname(fileURLToPath(import.meta.url)), "index.ts");
    expect(seen).toContain("upstream/transport.ts");
    expect(seen).not.toContain("upstream/node-transport.ts");
    expect(nodeImports).toEqual([]);
  });
});
