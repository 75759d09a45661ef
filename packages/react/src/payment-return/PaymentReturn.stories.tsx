import type { Meta, StoryObj } from "@storybook/react-vite";
import { HttpResponse, http } from "msw";
import { expect, fn, userEvent, waitFor, within } from "storybook/test";
import { STORY_POLICY, STORY_PROXY_PATH } from "../../../../.storybook/dollr-backend.ts";
import {
  dollrKit,
  kitOf,
  type StoryKitOptions,
  withDollrKit,
} from "../../../../.storybook/dollr-story.tsx";
import { PaymentReturn } from "./PaymentReturn.tsx";

/**
 * `<PaymentReturn>`: the page Dollr's hosted checkout sends the customer back to. Each story's
 * invoice is in the state named (paid in the loader, or not), and the component reads it
 * through the proxy (MSW → the real proxy → the simulator, all in the browser).
 */
const meta = {
  title: "Kit/PaymentReturn",
  component: PaymentReturn,
  decorators: [withDollrKit],
  args: {
    source: null,
    policy: STORY_POLICY,
    activeGraceMs: 1_000,
    onPaid: fn(),
    onCanceled: fn(),
    onPhaseChange: fn(),
  },
  render: (args, context) => <PaymentReturn {...args} source={kitOf(context).source} />,
} satisfies Meta<typeof PaymentReturn>;
export default meta;
type Story = StoryObj<typeof meta>;

const root = (canvasElement: HTMLElement) =>
  canvasElement.querySelector<HTMLElement>('[data-slot="payment-return"]');
const waitForPhase = (canvasElement: HTMLElement, phase: string) =>
  waitFor(() => expect(root(canvasElement)?.dataset.state).toBe(phase), { timeout: 5_000 });
const line = (canvasElement: HTMLElement, text: string | RegExp) =>
  within(canvasElement).getByText(text, { selector: "p" });

/** Paid on Dollr's page a minute ago (simulated): confirming, then "Payment received". */
export const Paid: Story = {
  loaders: [
    dollrKit({
      stripe: false,
      simulator: { processingMs: 60_000 },
      wallets: [{ phone: "231880000000" }],
      pay: { account: 0 },
    }),
  ],
  play: async (context) => {
    const { canvasElement, args } = context;
    await waitForPhase(canvasElement, "processing");
    await expect(line(canvasElement, "We're confirming your payment…")).toBeVisible();
    kitOf(context).control.advance(60_000);
    await waitForPhase(canvasElement, "paid");
    await expect(line(canvasElement, "Payment received")).toBeVisible();
    await expect(line(canvasElement, /^Invoice INV-\d{4}-\d+: \$12\.50$/)).toBeVisible();
    await expect(args.onPaid).toHaveBeenCalledTimes(1);
  },
};

/** Back from Dollr's page without paying: checked for a moment, then said plainly. */
export const NotStarted: Story = {
  loaders: [dollrKit({ stripe: false })],
  play: async ({ canvasElement, args }) => {
    await waitFor(
      () =>
        expect(
          line(canvasElement, "Your payment hasn't started or was cancelled on Dollr's page"),
        ).toBeVisible(),
      { timeout: 5_000 },
    );
    await expect(root(canvasElement)?.dataset.state).toBe("active");
    const again = within(canvasElement).getByRole("button", { name: "Check again" });
    await userEvent.click(again);
    await expect(line(canvasElement, "Checking whether your payment went through…")).toBeVisible();
    await expect(args.onPaid).not.toHaveBeenCalled();
  },
};

/** A wallet payment still waiting for the customer's approval. */
export const Processing: Story = {
  loaders: [dollrKit({ stripe: false, wallets: [{ phone: "231880000002" }], pay: { account: 0 } })],
  play: async ({ canvasElement }) => {
    await waitForPhase(canvasElement, "processing");
    await expect(root(canvasElement)?.dataset.checking).toBe("");
    await expect(
      line(canvasElement, "This can take a few minutes. We'll show the result here."),
    ).toBeVisible();
  },
};

/** The shop cancelled the invoice before it was paid. */
export const Canceled: Story = {
  loaders: [
    async () => {
      const options: StoryKitOptions = { stripe: false };
      const { kit } = await dollrKit(options)();
      const cancel = await kit.backend.simulator(
        new Request(`http://localhost/v1/invoices/cancel/${kit.source.id}`, {
          method: "DELETE",
          headers: { authorization: `Bearer ${kit.control.issueToken()}` },
        }),
      );
      if (cancel.status !== 200) throw new Error(`cancel: ${cancel.status}`);
      return { kit };
    },
  ],
  play: async ({ canvasElement, args }) => {
    await waitForPhase(canvasElement, "canceled");
    await expect(line(canvasElement, "This order was cancelled")).toBeVisible();
    await expect(args.onCanceled).toHaveBeenCalledTimes(1);
  },
};

/** The proxy will not tell this customer about the order (another customer's). */
export const Forbidden: Story = {
  loaders: [dollrKit({ stripe: false })],
  beforeEach({ msw }) {
    msw.use(
      http.get(`*${STORY_PROXY_PATH}/v1/status/source`, () =>
        HttpResponse.json({ detail: "Forbidden" }, { status: 403 }),
      ),
    );
  },
  play: async ({ canvasElement }) => {
    await waitForPhase(canvasElement, "forbidden");
    await expect(
      line(
        canvasElement,
        "You can't view this order from your account. Sign in with the account that placed it.",
      ),
    ).toBeVisible();
    await expect(canvasElement.textContent).not.toMatch(/403|Forbidden/);
  },
};
