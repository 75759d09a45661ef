import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, waitFor, within } from "storybook/test";
import { STORY_POLICY } from "../../../../.storybook/dollr-backend.ts";
import { dollrKit, kitOf, storyTheme, withDollrKit } from "../../../../.storybook/dollr-story.tsx";
import recipe from "../../recipes/shadcn-tokens.css?raw";
import { CheckoutFlow } from "../checkout-flow/CheckoutFlow.tsx";

/**
 * The kit on shadcn/ui's theme through recipes/shadcn-tokens.css (docs/theming.md): shadcn's
 * default "neutral" palette (Tailwind v4 values) on a wrapper, and the recipe as it ships with
 * `:root` / `.dark` narrowed to that wrapper so the rest of Storybook keeps the kit's own look.
 */
const SHADCN_NEUTRAL = `
[data-shadcn-demo] {
  --radius: 0.625rem;
  --background: oklch(1 0 0); --foreground: oklch(0.145 0 0);
  --card: oklch(1 0 0); --primary: oklch(0.205 0 0); --primary-foreground: oklch(0.985 0 0);
  --muted: oklch(0.97 0 0); --muted-foreground: oklch(0.556 0 0);
  --destructive: oklch(0.577 0.245 27.325); --border: oklch(0.922 0 0); --ring: oklch(0.708 0 0);
}
[data-shadcn-demo].dark {
  --background: oklch(0.145 0 0); --foreground: oklch(0.985 0 0);
  --card: oklch(0.205 0 0); --primary: oklch(0.922 0 0); --primary-foreground: oklch(0.205 0 0);
  --muted: oklch(0.269 0 0); --muted-foreground: oklch(0.708 0 0);
  --destructive: oklch(0.704 0.191 22.216); --border: oklch(1 0 0 / 10%); --ring: oklch(0.556 0 0);
}`;
const SCOPED_RECIPE = recipe
  .replace(/^:root \{/m, "[data-shadcn-demo] {")
  .replace(/^\.dark \{/m, "[data-shadcn-demo].dark {");

const meta = {
  title: "Theming/shadcn-ui tokens",
  component: CheckoutFlow,
  decorators: [withDollrKit],
  args: { source: { type: "INVOICE", id: 0 }, policy: STORY_POLICY, onSuccess: fn() },
  render: (args, context) => (
    <div data-shadcn-demo="" className={storyTheme(context) === "dark" ? "dark" : undefined}>
      <style>{SHADCN_NEUTRAL + SCOPED_RECIPE}</style>
      <span data-probe="primary" hidden style={{ color: "var(--primary)" }} />
      <CheckoutFlow {...args} source={kitOf(context).source} />
    </div>
  ),
} satisfies Meta<typeof CheckoutFlow>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A saved wallet chosen: the Pay button, the chosen row and the corners are shadcn's. */
export const ShadcnNeutral: Story = {
  loaders: [
    dollrKit({
      wallets: [
        { phone: "231880000000", name: "Ama Kollie" },
        { phone: "231770000000", name: "Ama Kollie" },
      ],
    }),
  ],
  play: async ({ canvasElement }) => {
    const radios = await within(canvasElement).findAllByRole("radio", {}, { timeout: 5_000 });
    await userEvent.click(radios[0] as HTMLElement);
    const pay = canvasElement.querySelector('[data-slot="button"][data-action="pay"]');
    await waitFor(() => expect(pay).toBeEnabled(), { timeout: 5_000 });
    const probe = canvasElement.querySelector('[data-probe="primary"]') as HTMLElement;
    const primary = getComputedStyle(probe).color;
    await expect(getComputedStyle(pay as HTMLElement).backgroundColor).toBe(primary);
    // shadcn's 0.625rem radius (10px at 16px), not the kit's 0.5rem.
    await expect(getComputedStyle(pay as HTMLElement).borderTopLeftRadius).toBe("10px");
  },
};
