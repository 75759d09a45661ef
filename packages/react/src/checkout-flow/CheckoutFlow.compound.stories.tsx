import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, waitFor, within } from "storybook/test";
import { STORY_POLICY } from "../../../../.storybook/dollr-backend.ts";
import { dollrKit, kitOf, withDollrKit } from "../../../../.storybook/dollr-story.tsx";
import { RecomposedCheckout } from "../test/examples/RecomposedCheckout.tsx";
import { flowRoot, waitForState } from "../test/flow-story.ts";

/**
 * `<CheckoutFlow>` recomposed by a design system (docs/composition.md's example): its root and
 * Pay button are the app's elements (`asChild`), the status comes first as a card with the
 * app's heading (`ExecutionStatusTitle asChild`), then the methods and the total. The
 * `ds-*` rules below stand for the design system's styles.
 */
const meta = {
  title: "Kit/CheckoutFlow/Recomposed",
  component: RecomposedCheckout,
  decorators: [withDollrKit],
  args: {
    // Replaced by the invoice the story's loader made in its simulator (see `render`).
    source: { type: "INVOICE", id: 0 },
    policy: STORY_POLICY,
    onSuccess: fn(),
    onFailure: fn(),
  },
  render: (args, context) => (
    <>
      <style>{DESIGN_SYSTEM}</style>
      <RecomposedCheckout {...args} source={kitOf(context).source} />
    </>
  ),
} satisfies Meta<typeof RecomposedCheckout>;
export default meta;
type Story = StoryObj<typeof meta>;

const DESIGN_SYSTEM = `
.ds-stack { display: flex; flex-direction: column; gap: 1rem; max-width: 28rem; }
.ds-card { display: grid; grid-template-columns: auto 1fr; gap: 0.25rem 0.75rem; padding: 1rem;
  border: 2px solid #4338ca; border-radius: 12px; }
.ds-card > :not([data-slot$="-indicator"]) { grid-column: 2; margin: 0; }
.ds-heading { font-size: 1.125rem; margin: 0; }
.ds-row { display: flex; gap: 0.5rem; flex-wrap: wrap; }
.ds-button { font: inherit; font-weight: 600; padding: 0.75rem 1.25rem; border: 0;
  border-radius: 999px; background: #4338ca; color: #fff; }
.ds-button[aria-disabled="true"] { background: #6b7280; }
`;

/** Pays with the wallet; the status card's heading takes focus; success follows. */
export const DesignSystemLayout: Story = {
  loaders: [
    dollrKit({ simulator: { processingMs: 30_000 }, wallets: [{ phone: "231880000000" }] }),
  ],
  play: async (context) => {
    const { canvasElement, args } = context;
    const canvas = within(canvasElement);
    await waitForState(canvasElement, "selecting");
    await expect(flowRoot(canvasElement)?.tagName).toBe("ARTICLE");
    const [wallet] = await canvas.findAllByRole("radio", {}, { timeout: 5_000 });
    await userEvent.click(wallet as HTMLElement);
    const pay = canvas.getByRole("button", { name: /^Pay/ });
    await waitFor(() => expect(pay).not.toHaveAttribute("aria-disabled"), { timeout: 5_000 });
    await expect(pay).toHaveClass("ds-button");
    await userEvent.click(pay);
    await waitForState(canvasElement, "processing");
    const heading = await canvas.findByRole("heading", { level: 2 });
    await expect(heading).toHaveTextContent("Approve the payment on your phone");
    await waitFor(() => expect(heading).toHaveFocus());
    kitOf(context).control.advance(30_000);
    await waitForState(canvasElement, "succeeded");
    await expect(canvas.getByRole("heading", { level: 2 })).toHaveTextContent(
      "Payment received. Thank you!",
    );
    await expect(args.onSuccess).toHaveBeenCalledTimes(1);
  },
};

/** A decline in the same layout: the reason under the heading, and the kit's actions. */
export const DesignSystemLayoutFailed: Story = {
  loaders: [
    dollrKit({ simulator: { processingMs: 30_000 }, wallets: [{ phone: "231880000001" }] }),
  ],
  play: async (context) => {
    const { canvasElement } = context;
    const canvas = within(canvasElement);
    await waitForState(canvasElement, "selecting");
    const [wallet] = await canvas.findAllByRole("radio", {}, { timeout: 5_000 });
    await userEvent.click(wallet as HTMLElement);
    const pay = canvas.getByRole("button", { name: /^Pay/ });
    await waitFor(() => expect(pay).not.toHaveAttribute("aria-disabled"), { timeout: 5_000 });
    await userEvent.click(pay);
    await waitForState(canvasElement, "processing");
    kitOf(context).control.advance(30_000);
    await waitForState(canvasElement, "failed");
    const heading = canvas.getByRole("heading", { level: 2 });
    await expect(heading).toHaveTextContent("The payment didn't go through.");
    await waitFor(() => expect(heading).toHaveFocus());
    await userEvent.tab();
    await expect(canvas.getByRole("button", { name: "Try again" })).toHaveFocus();
  },
};
