// The reconciler is part of the main entry, which runs on edge runtimes: nothing of Node in it.
// Its command (Node) is reached from no module of the entry.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { entryImports } from "../../../../scripts/entry-imports.ts";

describe("the reconciler in the main entry", () => {
  it("imports no Node built-in, and the command stays out of the entry", () => {
    const folder = dirname(dirname(fileURLToPath(import.meta.url)));
    const { seen, nodeImports } = entryImports(folder, "index.ts");
    expect(seen).toContain("reconciler/reconciler.ts");
    expect(seen).not.toContain("reconciler/command.ts");
    expect(seen).not.toContain("reconciler/cli.ts");
    expect(nodeImports).toEqual([]);
  });
});
