import type { Meta, StoryObj } from "@storybook/react-vite";
import { HttpResponse, http } from "msw";
import { expect, waitFor, within } from "storybook/test";
import { STORY_PROXY_PATH } from "../../../../.storybook/dollr-backend.ts";
import { dollrKit, kitOf, withDollrKit } from "../../../../.storybook/dollr-story.tsx";
import { Receipt } from "./Receipt.tsx";

/**
 * `<Receipt>`: a paid invoice's receipt, read through the proxy (MSW → the real proxy → the
 * simulator, all in the browser). The loader pays the invoice with a wallet that succeeds at once.
 */
const meta = {
  title: "Kit/Receipt",
  component: Receipt,
  decorators: [withDollrKit],
  args: { source: null, showDollrReceiptLink: false },
  render: (args, context) => <Receipt {...args} source={kitOf(context).source} />,
} satisfies Meta<typeof Receipt>;
export default meta;
type Story = StoryObj<typeof meta>;

const paid = () =>
  dollrKit({
    stripe: false,
    simulator: { processingMs: 0 },
    wallets: [{ phone: "231880000000" }],
    pay: { account: 0 },
  });
const root = (canvasElement: HTMLElement) =>
  canvasElement.querySelector<HTMLElement>('[data-slot="receipt"]');
const waitForPhase = (canvasElement: HTMLElement, phase: string) =>
  waitFor(() => expect(root(canvasElement)?.dataset.state).toBe(phase), { timeout: 5_000 });
const row = (canvasElement: HTMLElement, name: string) =>
  canvasElement.querySelector(`[data-row="${name}"] dd`)?.textContent?.replace(/\s/g, " ");

/** The amount paid and the fee, the number, the items, the wallet (last digits only), when. */
export const Paid: Story = {
  loaders: [paid()],
  play: async ({ canvasElement }) => {
    await waitForPhase(canvasElement, "ready");
    await expect(row(canvasElement, "amount-paid")).toBe("$12.75");
    await expect(row(canvasElement, "fee")).toBe("$0.25");
    await expect(row(canvasElement, "payment-method")).toBe("MTN Liberia ending in 0000");
    await expect(within(canvasElement).getByRole("list", { name: "Items" })).toBeVisible();
    await expect(canvasElement.textContent).not.toContain("231880000000");
  },
};

/** With a link to Dollr's own receipt page, opening in a new tab. */
export const WithDollrReceiptLink: Story = {
  loaders: [paid()],
  args: { showDollrReceiptLink: true },
  beforeEach({ msw }) {
    msw.use(
      http.get(`*${STORY_PROXY_PATH}/v1/links/receipt`, () =>
        HttpResponse.json({ url: "https://pay.dollr.example/receipt/rcpt_0123456789abcdef" }),
      ),
    );
  },
  play: async ({ canvasElement }) => {
    const link = await within(canvasElement).findByRole(
      "link",
      { name: /View Dollr's receipt/ },
      { timeout: 5_000 },
    );
    await expect(link).toHaveAttribute("target", "_blank");
    await expect(link).toHaveAttribute("rel", "noopener noreferrer");
  },
};

/** Not paid yet: the proxy answers 409, and the customer reads when the receipt will be ready. */
export const NotReady: Story = {
  loaders: [dollrKit({ stripe: false })],
  play: async ({ canvasElement }) => {
    await waitForPhase(canvasElement, "not_ready");
    await expect(
      within(canvasElement).getByText("Your receipt will be ready once the payment is complete", {
        selector: "p",
      }),
    ).toBeVisible();
  },
};
