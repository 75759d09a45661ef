/**
 * A small reader of the kit's stylesheet for tests: blocks with their prelude (a selector list or
 * an at-rule), declarations and nested blocks. Enough for styles.css (no strings holding braces
 * or semicolons); not a general CSS parser.
 */

export interface CssBlock {
  /** `:where(...)`, `@media (...)`, `@layer dollr-kit`, `to`, … */
  prelude: string;
  /** Property → value, in the order written (a repeated property keeps the last value). */
  declarations: Map<string, string>;
  children: CssBlock[];
}

const stripComments = (css: string) => css.replace(/\/\*[\s\S]*?\*\//g, "");

/** The top-level blocks of a stylesheet. */
export function parseCss(css: string): CssBlock[] {
  const code = stripComments(css);
  const root: CssBlock = { prelude: "", declarations: new Map(), children: [] };
  const stack = [root];
  let text = "";
  const declare = (block: CssBlock, chunk: string) => {
    const colon = chunk.indexOf(":");
    if (colon < 0) return;
    block.declarations.set(chunk.slice(0, colon).trim(), chunk.slice(colon + 1).trim());
  };
  for (const char of code) {
    const current = stack.at(-1) as CssBlock;
    if (char === "{") {
      const block: CssBlock = {
        prelude: text.trim().replace(/\s+/g, " "),
        declarations: new Map(),
        children: [],
      };
      current.children.push(block);
      stack.push(block);
      text = "";
    } else if (char === "}") {
      if (text.trim()) declare(current, text);
      stack.pop();
      if (stack.length === 0) throw new Error("Unbalanced } in the stylesheet.");
      text = "";
    } else if (char === ";") {
      declare(current, text);
      text = "";
    } else {
      text += char;
    }
  }
  if (stack.length !== 1) throw new Error("Unclosed { in the stylesheet.");
  return root.children;
}

/** Every block, depth first, with the at-rules it sits in. */
export function* walkCss(
  blocks: readonly CssBlock[],
  within: readonly string[] = [],
): Generator<{ block: CssBlock; within: readonly string[] }> {
  for (const block of blocks) {
    yield { block, within };
    yield* walkCss(
      block.children,
      block.prelude.startsWith("@") ? [...within, block.prelude] : within,
    );
  }
}

/** A `var(--name, fallback)` split into its name and fallback (null when it is not one). */
export function readVar(value: string): { name: string; fallback: string } | null {
  const match = /^var\(\s*(--[\w-]+)\s*,\s*([\s\S]*)\)$/.exec(value.trim());
  return match ? { name: match[1] as string, fallback: (match[2] as string).trim() } : null;
}
