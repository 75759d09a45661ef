import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import stylesheet from "../styles.css?raw";
import { readThemeTokens, type ThemeToken, TOKEN_USES } from "../test/theme-tokens.ts";

/**
 * Every `--dollr-*` token with its light and dark default, read from styles.css itself (the same
 * reader checks docs/theming.md and the README), with swatches painted by the stylesheet: each
 * swatch sits in a kit root in that theme and shows the colour the kit resolved.
 */
const tokens = readThemeTokens(stylesheet);
const isColor = (token: ThemeToken) => token.name.startsWith("--dollr-color-");
/** The stylesheet's private copy of a token, e.g. `--dollr-_text` for `--dollr-color-text`. */
const resolved = (token: ThemeToken) => token.name.replace(/^--dollr-(color-)?/, "--dollr-_");

function Swatch({ token, theme }: { token: ThemeToken; theme: "light" | "dark" }) {
  const value = theme === "light" ? token.light : token.dark;
  return (
    // A kit root in the theme: the swatch takes the colour the stylesheet resolves there.
    <span className="dollr-Receipt" data-theme={theme} style={{ all: "unset", display: "block" }}>
      <span
        aria-hidden="true"
        data-swatch={`${token.name}/${theme}`}
        style={{
          display: "inline-block",
          verticalAlign: "middle",
          width: "1.5rem",
          height: "1.5rem",
          marginInlineEnd: "0.5rem",
          border: "1px solid #8a909c",
          borderRadius: "0.25rem",
          background: `var(${resolved(token)})`,
        }}
      />
      <code>{value}</code>
    </span>
  );
}

function TokenTable() {
  return (
    // Reflows at 320 px like the kit: long names and values break anywhere.
    <table
      style={{
        borderCollapse: "collapse",
        fontFamily: "system-ui, sans-serif",
        width: "100%",
        overflowWrap: "anywhere",
      }}
    >
      <caption style={{ textAlign: "start", fontWeight: 600, paddingBlock: "0.5rem" }}>
        The kit's tokens: set any of them above the kit (even on :root).
      </caption>
      <thead>
        <tr>
          {["Token", "Light", "Dark", "Paints"].map((heading) => (
            <th key={heading} scope="col" style={{ textAlign: "start", padding: "0.25rem 0.5rem" }}>
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.name} data-token={token.name} style={{ borderTop: "1px solid #d5d9e0" }}>
            <th scope="row" style={{ textAlign: "start", padding: "0.25rem 0.5rem" }}>
              <code>{token.name}</code>
            </th>
            {(["light", "dark"] as const).map((theme) => (
              <td key={theme} style={{ padding: "0.25rem 0.5rem" }}>
                {isColor(token) ? (
                  <Swatch token={token} theme={theme} />
                ) : (
                  <code>{theme === "light" ? token.light : token.dark}</code>
                )}
              </td>
            ))}
            <td style={{ padding: "0.25rem 0.5rem" }}>{TOKEN_USES[token.name]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const meta = {
  title: "Theming/Tokens",
  component: TokenTable,
  parameters: { layout: "padded" },
} satisfies Meta<typeof TokenTable>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Hex → `rgb(r, g, b)`, as getComputedStyle writes a colour. */
const rgb = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
};

export const Tokens: Story = {
  play: async ({ canvasElement }) => {
    const rows = within(canvasElement).getAllByRole("row").slice(1);
    await expect(rows.map((row) => row.dataset.token)).toEqual(tokens.map((t) => t.name));
    // Each swatch shows what the stylesheet resolves in its theme: the table is the CSS.
    for (const token of tokens.filter(isColor)) {
      for (const theme of ["light", "dark"] as const) {
        const swatch = canvasElement.querySelector<HTMLElement>(
          `[data-swatch="${token.name}/${theme}"]`,
        ) as HTMLElement;
        const value = theme === "light" ? token.light : token.dark;
        await expect(getComputedStyle(swatch).backgroundColor, token.name).toBe(rgb(value));
      }
    }
  },
};
