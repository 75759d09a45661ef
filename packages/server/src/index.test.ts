// The main entry runs on edge runtimes: nothing of Node in it or in any of its own modules (the
// Node transport and adapters live in `@dollr-kit/server/node`).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

describe("the main entry", () => {
  it("imports no Node built-in, directly or through its own modules", () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const seen = new Set<string>();
    const pending = ["index.ts"];
    const nodeImports: string[] = [];
    while (pending.length > 0) {
      const file = pending.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      const text = readFileSync(join(here, file), "utf8");
      for (const [, specifier] of text.matchAll(/(?:from|import)\s+"([^"]+)"/g)) {
        if (!specifier) continue;
        if (specifier.startsWith("node:") || specifier === "@remix-run/node-fetch-server")
          nodeImports.push(`${file} → ${specifier}`);
        if (specifier.startsWith(".")) pending.push(join(dirname(file), specifier));
      }
      // Comments may show Node code (`process.env.…` in an example); the code may not use it.
      const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
      if (/\b(process|Buffer|require)\s*[.(]/.test(code))
        nodeImports.push(`${file} uses a Node global`);
    }
    expect(seen).toContain("upstream/transport.ts");
    expect(seen).not.toContain("upstream/node-transport.ts");
    expect(nodeImports).toEqual([]);
  });
});
