/**
 * The `--dollr-*` tokens as styles.css defines them, read from the stylesheet itself, so the
 * theming docs' table, the README's and the Storybook tokens page cannot drift from it.
 *
 * A token is public where the stylesheet reads it: `--dollr-_text: var(--dollr-color-text,
 * #16181d)` on the kit's roots makes `--dollr-color-text` a token with that light default; the
 * same line under `[data-theme="dark"]` gives its dark default.
 */
import { parseCss, readVar, walkCss } from "./css-rules.ts";

export interface ThemeToken {
  /** The public variable, e.g. `--dollr-color-text`. */
  name: string;
  /** Its default in the light theme. */
  light: string;
  /** Its default in the dark theme (the light one where the theme does not change it). */
  dark: string;
}

type Defaults = Map<string, string>;

function defaultsOf(declarations: ReadonlyMap<string, string>): Defaults {
  const defaults: Defaults = new Map();
  for (const [property, value] of declarations) {
    const read = property.startsWith("--dollr-_") ? readVar(value) : null;
    if (read?.name.startsWith("--dollr-"))
      defaults.set(read.name, read.fallback.replace(/\s+/g, " "));
  }
  return defaults;
}

/** Every public token in the order styles.css declares it, with its light and dark defaults. */
export function readThemeTokens(css: string): ThemeToken[] {
  let light: Defaults | null = null;
  let dark: Defaults | null = null;
  for (const { block, within } of walkCss(parseCss(css))) {
    if (block.prelude.startsWith("@")) continue;
    const defaults = defaultsOf(block.declarations);
    if (defaults.size === 0) continue;
    const media = within.filter((rule) => rule.startsWith("@media"));
    if (media.length === 0 && !block.prelude.includes("data-theme")) light ??= defaults;
    if (block.prelude.includes('[data-theme="dark"]')) dark ??= defaults;
  }
  if (!light || !dark) throw new Error("styles.css has no light or no dark token block.");
  const darkDefaults = dark;
  return [...light].map(([name, value]) => ({
    name,
    light: value,
    dark: darkDefaults.get(name) ?? value,
  }));
}

/** What each token paints; a token without a line here fails the theming docs' test. */
export const TOKEN_USES: Readonly<Record<string, string>> = {
  "--dollr-color-background": "the flow's card, inputs, picker rows",
  "--dollr-color-surface": "panels: the status, forms being added, the receipt",
  "--dollr-color-text": "text",
  "--dollr-color-muted": "hints, fees, details (keep 4.5:1 on background and surface)",
  "--dollr-color-border": "borders of fields, rows, the flow",
  "--dollr-color-primary": "the Pay button, the chosen row, the spinner's arc",
  "--dollr-color-on-primary": "text on primary",
  "--dollr-color-focus": "the focus ring",
  "--dollr-color-success": "paid: indicator and message",
  "--dollr-color-danger": "errors and failed payments",
  "--dollr-color-warning": "connection trouble, waits that stopped, operator not found",
  "--dollr-font-family": "every part's font",
  "--dollr-font-size": "the base size; the rest is in em",
  "--dollr-radius": "corners (the flow's card takes 1.5×)",
  "--dollr-space": "gaps and padding (multiples of it)",
  "--dollr-control-height": "buttons, inputs, picker rows (minimum; text can grow them)",
};

/** The tokens as the Markdown table of docs/theming.md and the README (dark left empty when it is the light value). */
export function tokenTable(tokens: readonly ThemeToken[]): string {
  const code = (value: string) => `\`${value}\``;
  const rows = tokens.map((token) =>
    [
      code(token.name),
      code(token.light),
      token.dark === token.light ? "" : code(token.dark),
      TOKEN_USES[token.name] ?? "",
    ].join(" | "),
  );
  return [
    "| variable | light default | dark default | paints |",
    "| --- | --- | --- | --- |",
    ...rows.map((row) => `| ${row} |`),
  ].join("\n");
}
