import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, waitFor, within } from "storybook/test";
import { STORY_POLICY } from "../../../../.storybook/dollr-backend.ts";
import { dollrKit, kitOf, withDollrKit } from "../../../../.storybook/dollr-story.tsx";
import { CheckoutFlow } from "../checkout-flow/CheckoutFlow.tsx";

/**
 * The kit without its stylesheet, and an app's styles winning over it. The kit's rules live in
 * `@layer dollr-kit`; anything outside that layer beats them whatever its specificity or order.
 */
const meta = {
  title: "Theming/Without the kit's styles",
  component: CheckoutFlow,
  decorators: [withDollrKit],
  args: { source: { type: "INVOICE", id: 0 }, policy: STORY_POLICY, onSuccess: fn() },
  render: (args, context) => <CheckoutFlow {...args} source={kitOf(context).source} />,
} satisfies Meta<typeof CheckoutFlow>;
export default meta;
type Story = StoryObj<typeof meta>;

const WALLETS = {
  wallets: [
    { phone: "231880000000", name: "Ama Kollie" },
    { phone: "231770000000", name: "Ama Kollie" },
  ],
};

/** The kit's primary colour, as getComputedStyle writes it. */
const KIT_PRIMARY = "rgb(31, 95, 209)";
const payButton = (canvasElement: HTMLElement) =>
  canvasElement.querySelector<HTMLElement>('[data-slot="button"][data-action="pay"]');

async function chooseFirst(canvasElement: HTMLElement) {
  const radios = await within(canvasElement).findAllByRole("radio", {}, { timeout: 5_000 });
  await userEvent.click(radios[0] as HTMLElement);
  await waitFor(() => expect(payButton(canvasElement)).toBeEnabled(), { timeout: 5_000 });
}

/**
 * What an app that does not import styles.css starts from: the browser's own look, with every
 * hook to style (`data-slot`, `data-state`, `className`). Here the kit's layer is reverted
 * (`all: revert`), which is what leaving the stylesheet out gives.
 */
export const Unstyled: Story = {
  loaders: [dollrKit(WALLETS)],
  render: (args, context) => (
    // Canvas/CanvasText: the browser's own colours in the page's scheme (light or dark).
    <div data-unstyled="" style={{ color: "CanvasText", background: "Canvas", padding: "0.5rem" }}>
      <style>{"[data-unstyled] * { all: revert; }"}</style>
      <CheckoutFlow {...args} source={kitOf(context).source} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    await chooseFirst(canvasElement);
    const pay = payButton(canvasElement) as HTMLElement;
    await expect(getComputedStyle(pay).backgroundColor).not.toBe(KIT_PRIMARY);
    const flow = canvasElement.querySelector('[data-slot="checkout-flow"]') as HTMLElement;
    await expect(getComputedStyle(flow).display).toBe("block");
    // The hooks an app styles from are all there.
    await expect(flow.className).toContain("dollr-CheckoutFlow");
    await expect(flow.dataset.state).toBe("selecting");
    const checked = canvasElement.querySelector('[data-slot="payment-account-picker-item"]');
    await expect(checked?.getAttribute("data-state")).toBe("checked");
  },
};

/** An app rule with no specificity, loaded before the kit's stylesheet. */
const APP_RULE =
  ':where([data-slot="button"][data-action="pay"]) { color: #ffffff; background: rgb(11, 102, 35); border-color: rgb(11, 102, 35); border-radius: 999px; }';

/**
 * The app's rule wins over the kit's although it has no specificity either and comes first in
 * the document: the kit's rules are in a cascade layer, the app's are not.
 */
export const AppStylesWin: Story = {
  loaders: [dollrKit(WALLETS)],
  beforeEach() {
    const style = document.createElement("style");
    style.textContent = APP_RULE;
    document.head.prepend(style);
    return () => style.remove();
  },
  play: async ({ canvasElement }) => {
    await chooseFirst(canvasElement);
    const pay = getComputedStyle(payButton(canvasElement) as HTMLElement);
    await expect(pay.backgroundColor).toBe("rgb(11, 102, 35)");
    await expect(pay.borderTopLeftRadius).toBe("999px");
    // The kit's other rules still apply (its padding), from its layer.
    await expect(pay.minHeight).toBe("44px");
    const layers = [...document.styleSheets].flatMap((sheet) =>
      [...sheet.cssRules]
        .filter((rule) => rule instanceof CSSLayerBlockRule)
        .map((rule) => rule.name),
    );
    await expect(layers).toContain("dollr-kit");
  },
};
