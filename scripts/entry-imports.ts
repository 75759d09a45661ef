/**
 * What an entry reaches through its own relative imports, and anything of Node among it: the
 * check that a package's browser or edge entry stays free of Node. Used by the packages' tests.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface EntryImports {
  /** Every module reached, relative to the entry's folder (`index.ts`, `upstream/transport.ts`). */
  seen: Set<string>;
  /** `file → node:…` imports and `file uses a Node global`, empty when the entry is Node-free. */
  nodeImports: string[];
}

export function entryImports(folder: string, entry: string): EntryImports {
  const seen = new Set<string>();
  const pending = [entry];
  const nodeImports: string[] = [];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(join(folder, file), "utf8");
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
  return { seen, nodeImports };
}
