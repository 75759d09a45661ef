import type { Meta, StoryObj } from "@storybook/react-vite";
import { delay, HttpResponse, http } from "msw";
import { renderToString } from "react-dom/server";
import { expect, fn, screen, userEvent, waitFor, within } from "storybook/test";
import { STORY_POLICY, STORY_PROXY_PATH } from "../../../../.storybook/dollr-backend.ts";
import { dollrKit, kitOf, withDollrKit } from "../../../../.storybook/dollr-story.tsx";
import { DollrCheckoutProvider } from "../provider/DollrCheckoutProvider.tsx";
import { chooseAndPay, flowRoot, line, payButton, waitForState } from "../test/flow-story.ts";
import { CheckoutFlow } from "./CheckoutFlow.tsx";

/**
 * `<CheckoutFlow>`, the whole payment, in each of its states. Every story runs against a fresh
 * proxy + simulator in the browser (MSW) and the kit's fake Stripe. Long waits move the
 * simulator's clock (which the flow's `clock` shares) instead of waiting for minutes; polling
 * uses a quick `policy`.
 */
const meta = {
  title: "Kit/CheckoutFlow",
  component: CheckoutFlow,
  decorators: [withDollrKit],
  args: {
    // Replaced by the invoice the story's loader made in its simulator (see `render`).
    source: { type: "INVOICE", id: 0 },
    policy: STORY_POLICY,
    onSuccess: fn(),
    onFailure: fn(),
    onEvent: fn(),
  },
  render: (args, context) => {
    const kit = kitOf(context);
    return <CheckoutFlow {...args} source={kit.source} />;
  },
} satisfies Meta<typeof CheckoutFlow>;
export default meta;
type Story = StoryObj<typeof meta>;

// ——— helpers ———

const WALLETS_AND_CARDS = {
  wallets: [
    { phone: "231880000000", name: "Ama Kollie" },
    { phone: "231770000000", name: "Ama Kollie" },
  ],
  cards: [{ paymentMethodId: "pm_card_visa", last4: "4242" }],
};

// ——— choosing ———

/**
 * `loading`: what a server render (and the first paint before hydration) shows — the flow reads
 * any open attempt from storage in an effect, so in a live page this state lasts one frame.
 * This story shows the server's HTML.
 */
export const Loading: Story = {
  loaders: [dollrKit()],
  render: (args, context) => {
    const kit = kitOf(context);
    const html = renderToString(
      <DollrCheckoutProvider client={kit.client} locale="en-US" queryClient={kit.queryClient}>
        <CheckoutFlow {...args} source={kit.source} />
      </DollrCheckoutProvider>,
    );
    // biome-ignore lint/security/noDangerouslySetInnerHtml: the kit's own server-rendered markup.
    return <div dangerouslySetInnerHTML={{ __html: html }} />;
  },
  play: async ({ canvasElement }) => {
    await expect(flowRoot(canvasElement)?.dataset.state).toBe("loading");
    await expect(line(canvasElement, "Loading checkout…")).toBeVisible();
  },
};

/** The proxy is slow: the saved accounts and the invoice are on their way. */
export const LoadingAccounts: Story = {
  loaders: [dollrKit()],
  beforeEach({ msw }) {
    msw.use(
      http.get(`*${STORY_PROXY_PATH}/kit/payment-accounts`, () => delay("infinite")),
      http.get(`*${STORY_PROXY_PATH}/v1/status/source`, () => delay("infinite")),
    );
  },
  play: async ({ canvasElement }) => {
    await waitForState(canvasElement, "selecting");
    await expect(
      within(canvasElement).getByText("Loading your saved payment methods…"),
    ).toBeVisible();
    await expect(payButton(canvasElement)).toBeDisabled();
  },
};

/** A first-time customer: nothing saved, Pay waits for a method. */
export const NoSavedAccounts: Story = {
  loaders: [dollrKit()],
  play: async ({ canvasElement }) => {
    await waitForState(canvasElement, "selecting");
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText("You have no saved payment methods yet. Add one below."),
    ).toBeVisible();
    await expect(payButton(canvasElement)).toBeDisabled();
  },
};

/** Saved wallets and a card; choosing one shows the amount, that method's fee and the total. */
export const SavedWalletsAndCards: Story = {
  loaders: [dollrKit(WALLETS_AND_CARDS)],
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const radios = await canvas.findAllByRole("radio", {}, { timeout: 5_000 });
    await expect(radios).toHaveLength(3);
    await userEvent.click(radios[0] as HTMLElement);
    await waitFor(() => expect(payButton(canvasElement)).toHaveTextContent("Pay $12.75"), {
      timeout: 5_000,
    });
    const summary = canvasElement.querySelector<HTMLElement>(
      '[data-slot="checkout-flow-summary"]',
    ) as HTMLElement;
    await expect(within(summary).getByText("$12.50")).toBeVisible();
    await expect(within(summary).getByText("$0.25")).toBeVisible();
    await expect(payButton(canvasElement)).toBeEnabled();
    await expect(args.onEvent).toHaveBeenCalledWith({
      type: "account_selected",
      accountType: "MOBILE_MONEY",
      currency: "USD",
    });
  },
};

/** Adding a wallet inside the checkout: it is saved, chosen, and priced. */
export const AddingAWallet: Story = {
  loaders: [dollrKit()],
  args: { predictDelayMs: 0 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Add mobile money" }));
    await userEvent.type(canvas.getByLabelText("Phone number"), "+231 88-000 0000");
    await expect(
      await canvas.findByText("Operator: MTN Mobile Money (Liberia)", {}, { timeout: 5_000 }),
    ).toBeVisible();
    await userEvent.type(canvas.getByLabelText("Name on the account"), "Ama Kollie");
    await userEvent.click(canvas.getByRole("button", { name: "Save wallet" }));
    const radio = await canvas.findByRole("radio", {}, { timeout: 5_000 });
    await expect(radio).toHaveAttribute("aria-checked", "true");
    await waitFor(() => expect(payButton(canvasElement)).toHaveTextContent("Pay $12.75"), {
      timeout: 5_000,
    });
  },
};

/** A number ported from MTN to Orange: the customer overrides the predicted operator. */
export const OperatorOverride: Story = {
  loaders: [dollrKit()],
  args: { predictDelayMs: 0 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Add mobile money" }));
    await userEvent.type(canvas.getByLabelText("Phone number"), "231880000000");
    const select = await canvas.findByLabelText("Operator", {}, { timeout: 5_000 });
    await userEvent.selectOptions(select, "ORANGE_MONEY_LBR");
    await expect(canvas.getByText("Operator: Orange Money (Liberia)")).toBeVisible();
    await userEvent.type(canvas.getByLabelText("Name on the account"), "Ama Kollie");
    await expect(select).toHaveValue("ORANGE_MONEY_LBR");
  },
};

// ——— paying ———

/** The execute is on its way (the simulator holds it): Pay is busy and cannot start another. */
export const Executing: Story = {
  loaders: [
    dollrKit({
      wallets: [{ phone: "231880000000" }],
      faults: {
        kind: "latency",
        latencyMs: 20_000,
        count: 1,
        match: { method: "POST", path: "/v1/executions/collection" },
      },
    }),
  ],
  play: async ({ canvasElement }) => {
    await chooseAndPay(canvasElement);
    await waitForState(canvasElement, "executing");
    await expect(line(canvasElement, "Sending the payment request…")).toBeVisible();
    const pay = payButton(canvasElement);
    await expect(pay).toHaveAttribute("data-state", "busy");
    // Off, but still focusable (`aria-disabled`): the focus of whoever pressed it is not lost.
    await expect(pay).toHaveAttribute("aria-disabled", "true");
    await expect(pay).toHaveFocus();
    await expect(flowRoot(canvasElement)).toHaveAttribute("data-attempt-open");
  },
};

/**
 * A card that needs 3D Secure: Dollr answers `requires_action` and the kit runs Stripe's next
 * action in the page — here the fake Stripe's challenge, in the top layer.
 */
export const RequiresAction: Story = {
  loaders: [
    dollrKit({ cards: [{ paymentMethodId: "pm_card_threeDSecure2Required", last4: "3220" }] }),
  ],
  play: async (context) => {
    const { canvasElement } = context;
    await chooseAndPay(canvasElement);
    const challenge = await screen.findByRole(
      "dialog",
      { name: "Test 3D Secure authentication" },
      { timeout: 5_000 },
    );
    await expect(challenge).toBeVisible();
    await waitForState(canvasElement, "authenticating");
    await expect(line(canvasElement, "Complete the check from your bank…")).toBeInTheDocument();
    const kit = kitOf(context);
    await expect(
      kit.fakeStripe?.calls.filter((call) => call.method === "handleNextAction"),
    ).toHaveLength(1);
    await expect(kit.executions()[0]?.execute_calls).toBe(1);
  },
};

/** The customer completes the challenge; success comes from Dollr's status, not Stripe's. */
export const ThreeDSecureCompleted: Story = {
  loaders: [
    dollrKit({ cards: [{ paymentMethodId: "pm_card_threeDSecure2Required", last4: "3220" }] }),
  ],
  play: async (context) => {
    const { canvasElement, args } = context;
    await chooseAndPay(canvasElement);
    const challenge = await screen.findByRole(
      "dialog",
      { name: "Test 3D Secure authentication" },
      { timeout: 5_000 },
    );
    await userEvent.click(within(challenge).getByRole("button", { name: "Complete" }));
    await waitForState(canvasElement, "succeeded");
    await expect(line(canvasElement, "Payment received. Thank you!")).toBeVisible();
    await expect(args.onSuccess).toHaveBeenCalledTimes(1);
    await expect(kitOf(context).executions()[0]?.execute_calls).toBe(1);
  },
};

/**
 * `requires_action` waiting for the customer: the challenge failed on Stripe's side (this fake
 * tells Dollr nothing) and Dollr still asks, so the kit offers to start it again — never a loop.
 */
export const RequiresActionAgain: Story = {
  loaders: [
    dollrKit({
      stripe: "unlinked",
      cards: [{ paymentMethodId: "pm_card_threeDSecure2Required", last4: "3220" }],
    }),
  ],
  play: async ({ canvasElement }) => {
    await chooseAndPay(canvasElement);
    const challenge = await screen.findByRole(
      "dialog",
      { name: "Test 3D Secure authentication" },
      { timeout: 5_000 },
    );
    await userEvent.click(within(challenge).getByRole("button", { name: "Fail" }));
    await expect(
      await within(canvasElement).findByRole(
        "button",
        { name: "Confirm with your bank" },
        { timeout: 5_000 },
      ),
    ).toBeEnabled();
    await waitForState(canvasElement, "requires_action");
    await expect(line(canvasElement, "Your bank needs to confirm it's you.")).toBeVisible();
  },
};

// ——— waiting ———

/** Mobile money, a few seconds in: approve on the phone. */
export const ProcessingShort: Story = {
  loaders: [dollrKit({ wallets: [{ phone: "231880000002" }] })],
  play: async (context) => {
    const { canvasElement } = context;
    await chooseAndPay(canvasElement);
    await waitForState(canvasElement, "processing");
    await expect(line(canvasElement, "Approve the payment on your phone")).toBeVisible();
    await expect(
      within(canvasElement).queryByText(/you can leave this page/, { selector: "p" }),
    ).toBeNull();
    await expect(within(canvasElement).queryByRole("button", { name: /^Pay/ })).toBeNull();
    await expect(kitOf(context).executions()[0]?.execute_calls).toBe(1);
  },
};

/** Mobile money after 95 s (simulated): the elapsed time and "you can leave this page". */
export const ProcessingLong: Story = {
  loaders: [dollrKit({ wallets: [{ phone: "231880000002" }] })],
  play: async (context) => {
    const { canvasElement } = context;
    const kit = kitOf(context);
    await chooseAndPay(canvasElement);
    await waitForState(canvasElement, "processing");
    kit.control.advance(95_000);
    await expect(
      await within(canvasElement).findByText(
        "Still waiting — you can leave this page, we keep checking.",
        { selector: "p" },
        { timeout: 5_000 },
      ),
    ).toBeVisible();
    await expect(
      within(canvasElement).getByText(/^Waiting for 1 min \d+ sec$/, { selector: "time" }),
    ).toBeVisible();
    await expect(flowRoot(canvasElement)?.dataset.state).toBe("processing");
    await expect(kit.executions()[0]?.execute_calls).toBe(1);
  },
};

/** A minute of simulated processing, then Dollr says COMPLETED. */
export const Succeeded: Story = {
  loaders: [
    dollrKit({ simulator: { processingMs: 60_000 }, wallets: [{ phone: "231880000000" }] }),
  ],
  play: async (context) => {
    const { canvasElement, args } = context;
    const kit = kitOf(context);
    await chooseAndPay(canvasElement);
    await waitForState(canvasElement, "processing");
    kit.control.advance(60_000);
    await waitForState(canvasElement, "succeeded");
    await expect(line(canvasElement, "Payment received. Thank you!")).toBeVisible();
    await expect(args.onSuccess).toHaveBeenCalledTimes(1);
    await expect(args.onSuccess).toHaveBeenCalledWith(
      expect.objectContaining({ source: kit.source, status: "COMPLETED", payerCurrency: "USD" }),
    );
    await expect(args.onFailure).not.toHaveBeenCalled();
    await expect(kit.executions()).toHaveLength(1);
    await expect(kit.executions()[0]?.execute_calls).toBe(1);
  },
};

/** The wallet declines after processing: the reason, Try again, and another method. */
export const Failed: Story = {
  loaders: [
    dollrKit({ simulator: { processingMs: 30_000 }, wallets: [{ phone: "231880000001" }] }),
  ],
  play: async (context) => {
    const { canvasElement, args } = context;
    const kit = kitOf(context);
    await chooseAndPay(canvasElement);
    await waitForState(canvasElement, "processing");
    kit.control.advance(30_000);
    await waitForState(canvasElement, "failed");
    await expect(flowRoot(canvasElement)?.dataset.reason).toBe("declined");
    await expect(line(canvasElement, "The payment didn't go through.")).toBeVisible();
    await expect(
      line(canvasElement, /^The payment wasn't approved on your phone in time\. Try again/),
    ).toBeVisible();
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("button", { name: "Try again" })).toBeEnabled();
    await expect(canvas.getByRole("button", { name: "Use another payment method" })).toBeEnabled();
    await expect(args.onFailure).toHaveBeenCalledTimes(1);
    await expect(args.onFailure).toHaveBeenCalledWith(
      expect.objectContaining({ reason: "declined", source: kit.source }),
    );
    await expect(kit.executions()[0]?.execute_calls).toBe(1);
  },
};

/** Past the polling cap (5 simulated minutes here): expired, not failed; "Check again". */
export const Expired: Story = {
  loaders: [dollrKit({ wallets: [{ phone: "231880000002" }] })],
  args: { policy: { ...STORY_POLICY, capMs: 5 * 60_000 } },
  play: async (context) => {
    const { canvasElement, args } = context;
    await chooseAndPay(canvasElement);
    await waitForState(canvasElement, "processing");
    kitOf(context).control.advance(5 * 60_000 + 1_000);
    await waitForState(canvasElement, "expired");
    await expect(
      within(canvasElement).getAllByText(
        "We stopped checking automatically. The payment may still complete.",
        { selector: "p" },
      )[0],
    ).toBeVisible();
    await expect(within(canvasElement).getByRole("button", { name: "Check again" })).toBeEnabled();
    await expect(args.onFailure).not.toHaveBeenCalled();
  },
};

/**
 * The execute's answer was lost on the way back (it did land) and Dollr's status is slow to
 * answer: the kit asks the status with the same reference instead of paying again.
 */
export const VerifyingAfterLostResponse: Story = {
  loaders: [
    dollrKit({
      wallets: [{ phone: "231880000002" }],
      faults: {
        faults: [
          {
            kind: "lost_response",
            count: 1,
            match: { method: "POST", path: "/v1/executions/collection" },
          },
          {
            kind: "latency",
            latencyMs: 60_000,
            rate: 1,
            match: { method: "GET", pathPrefix: "/v1/status/collection/" },
          },
        ],
      },
    }),
  ],
  play: async (context) => {
    const { canvasElement } = context;
    await chooseAndPay(canvasElement);
    await waitForState(canvasElement, "verifying");
    await expect(line(canvasElement, "Checking whether the payment went through…")).toBeVisible();
    const executions = kitOf(context).executions();
    await expect(executions).toHaveLength(1);
    await expect(executions[0]?.execute_calls).toBe(1);
  },
};

// ——— recoverable errors ———

/** The checkout session expired before the execute: start again with a new one. */
export const SessionExpired: Story = {
  loaders: [dollrKit({ simulator: { sessionTtlMs: 1 }, wallets: [{ phone: "231880000002" }] })],
  play: async (context) => {
    const { canvasElement } = context;
    await chooseAndPay(canvasElement);
    await waitForState(canvasElement, "recoverable");
    await expect(flowRoot(canvasElement)?.dataset.reason).toBe("session_expired");
    await expect(
      line(canvasElement, "Your checkout session expired. Start again to pay."),
    ).toBeVisible();
    await expect(within(canvasElement).getByRole("button", { name: "Try again" })).toBeEnabled();
    await expect(kitOf(context).executions()).toHaveLength(0);
  },
};

/** The proxy cannot be reached (a network error): nothing was sent, so Cancel is offered too. */
export const ProxyDown: Story = {
  loaders: [dollrKit({ wallets: [{ phone: "231880000002" }] })],
  beforeEach({ msw }) {
    // Once: "Check again" in the Storybook UI then reaches the proxy and the payment goes on.
    msw.use(
      http.post(`*${STORY_PROXY_PATH}/v1/sessions/checkout`, () => HttpResponse.error(), {
        once: true,
      }),
    );
  },
  play: async (context) => {
    const { canvasElement } = context;
    await chooseAndPay(canvasElement);
    await waitForState(canvasElement, "recoverable");
    await expect(flowRoot(canvasElement)?.dataset.reason).toBe("network");
    await expect(
      line(
        canvasElement,
        "We can't reach the payment server. Check your connection and try again.",
      ),
    ).toBeVisible();
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("button", { name: "Check again" })).toBeEnabled();
    await expect(canvas.getByRole("button", { name: "Cancel" })).toBeEnabled();
    await expect(kitOf(context).executions()).toHaveLength(0);
  },
};

/** Dollr rate-limits the session request (429 with Retry-After). */
export const RateLimited: Story = {
  loaders: [
    dollrKit({
      wallets: [{ phone: "231880000002" }],
      faults: {
        kind: "rate_limit",
        count: 1,
        retryAfterSeconds: 5,
        match: { method: "POST", path: "/v1/sessions/checkout" },
      },
    }),
  ],
  play: async (context) => {
    const { canvasElement } = context;
    await chooseAndPay(canvasElement);
    await waitForState(canvasElement, "recoverable");
    await expect(flowRoot(canvasElement)?.dataset.reason).toBe("rate_limited");
    await expect(line(canvasElement, /^Too many requests right now/)).toBeVisible();
    await expect(kitOf(context).executions()).toHaveLength(0);
  },
};

// ——— theme ———

/** `data-theme="dark"` on an ancestor: the kit's dark palette (axe checks its contrast). */
export const DarkTheme: Story = {
  loaders: [dollrKit(WALLETS_AND_CARDS)],
  parameters: { dollr: { theme: "dark" } },
  play: async ({ canvasElement }) => {
    const radios = await within(canvasElement).findAllByRole("radio", {}, { timeout: 5_000 });
    await userEvent.click(radios[0] as HTMLElement);
    await waitFor(() => expect(payButton(canvasElement)).toHaveTextContent("Pay $12.75"), {
      timeout: 5_000,
    });
    const root = flowRoot(canvasElement) as HTMLElement;
    await expect(getComputedStyle(root).backgroundColor).toBe("rgb(18, 20, 24)");
    await expect(getComputedStyle(root).color).toBe("rgb(236, 238, 242)");
  },
};
