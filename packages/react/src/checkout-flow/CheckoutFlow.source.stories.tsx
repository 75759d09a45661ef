import type { Meta, StoryObj } from "@storybook/react-vite";
import { HttpResponse, http } from "msw";
import { expect, fn, userEvent, waitFor, within } from "storybook/test";
import { STORY_POLICY, STORY_PROXY_PATH } from "../../../../.storybook/dollr-backend.ts";
import { dollrKit, kitOf, paymentOf, withDollrKit } from "../../../../.storybook/dollr-story.tsx";
import { chooseAndPay, flowRoot, line, payButton, waitForState } from "../test/flow-story.ts";
import { CheckoutFlow } from "./CheckoutFlow.tsx";

/**
 * `<CheckoutFlow>` when the merchant's server guards the source: a payment for the order is
 * already in progress on another device (`busy`, followed until its result), the order is
 * already paid (`already_paid`), and a single-use card that was already used. The "other device"
 * is the story loader's payment, made through the same proxy with its own reference id; this
 * page's storage knows nothing of it, so only the proxy's `SOURCE_BUSY` / `ALREADY_PAID` tell.
 * Last, a source the proxy will not let this customer pay (403, 404): said before Pay.
 */
const meta = {
  title: "Kit/CheckoutFlow/One payment per source",
  component: CheckoutFlow,
  decorators: [withDollrKit],
  args: {
    source: { type: "INVOICE", id: 0 },
    policy: STORY_POLICY,
    onSuccess: fn(),
    onFailure: fn(),
    onAlreadyPaid: fn(),
    onEvent: fn(),
  },
  render: (args, context) => {
    const kit = kitOf(context);
    return <CheckoutFlow {...args} source={kit.source} />;
  },
} satisfies Meta<typeof CheckoutFlow>;
export default meta;
type Story = StoryObj<typeof meta>;

const BUSY =
  "A payment for this order is already in progress, on this or another device. We'll show its result here.";

/**
 * `busy`: another device's mobile-money payment is waiting for the phone. Pay meets the proxy's
 * `SOURCE_BUSY`; the flow follows that payment by status instead of starting a second one.
 */
export const PaymentInProgressElsewhere: Story = {
  loaders: [dollrKit({ wallets: [{ phone: "231880000002" }], pay: { account: 0 } })],
  play: async (context) => {
    const { canvasElement, args } = context;
    await chooseAndPay(canvasElement);
    await waitForState(canvasElement, "busy");
    await expect(line(canvasElement, BUSY)).toBeVisible();
    await expect(within(canvasElement).queryByRole("button", { name: /^Pay/ })).toBeNull();
    await expect(flowRoot(canvasElement)).toHaveAttribute("data-attempt-open");
    await expect(kitOf(context).executions()).toHaveLength(1);
    await expect(args.onFailure).not.toHaveBeenCalled();
  },
};

/** `busy`, then the other device's payment succeeds (a minute of simulated time): `already_paid`. */
export const PaidByAnotherDevice: Story = {
  loaders: [
    dollrKit({
      simulator: { processingMs: 60_000 },
      wallets: [{ phone: "231880000000" }],
      pay: { account: 0 },
    }),
  ],
  play: async (context) => {
    const { canvasElement, args } = context;
    const kit = kitOf(context);
    await chooseAndPay(canvasElement);
    await waitForState(canvasElement, "busy");
    kit.control.advance(60_000);
    await waitForState(canvasElement, "already_paid");
    await expect(
      line(
        canvasElement,
        "The other payment went through. This order is paid: there's nothing more to pay.",
      ),
    ).toBeVisible();
    await expect(args.onAlreadyPaid).toHaveBeenCalledTimes(1);
    await expect(args.onAlreadyPaid).toHaveBeenCalledWith(
      expect.objectContaining({ referenceId: paymentOf(context).referenceId, status: "COMPLETED" }),
    );
    await expect(args.onSuccess).not.toHaveBeenCalled();
    await expect(kit.executions()).toHaveLength(1);
  },
};

/** `already_paid`: the order was paid before this page opened; Pay meets `ALREADY_PAID`. */
export const AlreadyPaid: Story = {
  loaders: [
    dollrKit({
      simulator: { processingMs: 1_000 },
      wallets: [{ phone: "231880000000" }],
      pay: { account: 0 },
    }),
  ],
  play: async (context) => {
    const { canvasElement, args } = context;
    const kit = kitOf(context);
    kit.control.advance(2_000);
    // The other device saw it succeed (its status read settles the proxy's record).
    await kit.client.getCollectionStatus(paymentOf(context).referenceId);
    await chooseAndPay(canvasElement);
    await waitForState(canvasElement, "already_paid");
    await expect(
      line(canvasElement, "This order is already paid. There's nothing more to pay."),
    ).toBeVisible();
    await expect(within(canvasElement).queryByRole("button")).toBeNull();
    await expect(args.onAlreadyPaid).toHaveBeenCalledTimes(1);
    await expect(args.onAlreadyPaid).toHaveBeenCalledWith(
      expect.objectContaining({ referenceId: null }),
    );
    await expect(args.onFailure).not.toHaveBeenCalled();
    await expect(kit.executions()).toHaveLength(1);
  },
};

/** The other device's payment was declined: back to the picker, with a notice; Pay is ready. */
export const OtherPaymentFailed: Story = {
  loaders: [
    dollrKit({
      simulator: { processingMs: 30_000 },
      wallets: [{ phone: "231880000001" }],
      pay: { account: 0 },
    }),
  ],
  play: async (context) => {
    const { canvasElement } = context;
    await chooseAndPay(canvasElement);
    await waitForState(canvasElement, "busy");
    kitOf(context).control.advance(30_000);
    await waitForState(canvasElement, "selecting");
    await expect(
      line(canvasElement, "The other payment for this order didn't go through. You can pay now."),
    ).toBeVisible();
    await waitFor(() => expect(payButton(canvasElement)).toBeEnabled(), { timeout: 5_000 });
  },
};

/**
 * A declined single-use card, then Try again: the proxy refuses the used card at once
 * (`CARD_USED`, nothing sent), so the flow asks for the card again or another method — no
 * verifying, no loop.
 */
export const CardAlreadyUsed: Story = {
  loaders: [dollrKit({ cards: [{ paymentMethodId: "pm_card_chargeDeclined", last4: "0002" }] })],
  play: async (context) => {
    const { canvasElement, args } = context;
    await chooseAndPay(canvasElement);
    await waitForState(canvasElement, "failed");
    await userEvent.click(within(canvasElement).getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(flowRoot(canvasElement)?.dataset.reason).toBe("card_used"), {
      timeout: 5_000,
    });
    await expect(
      line(
        canvasElement,
        "This card can only be used for one payment. Add it again, or use another payment method.",
      ),
    ).toBeVisible();
    const canvas = within(canvasElement);
    await expect(canvas.queryByRole("button", { name: "Try again" })).toBeNull();
    await expect(canvas.getByRole("button", { name: "Use another payment method" })).toBeEnabled();
    await expect(args.onFailure).toHaveBeenLastCalledWith(
      expect.objectContaining({ reason: "card_used", errorCode: "CARD_USED" }),
    );
    await expect(kitOf(context).executions()).toHaveLength(1);
  },
};

/** An order the story's backend does not know: the proxy's `authorizeSource` says no (403). */
const UNKNOWN_ORDER = { type: "ORDER", id: 987_654 } as const;

/**
 * A source that is not this customer's to pay (a wrong id, another customer's order): the proxy
 * refuses to read it (403), so the flow says so at once, in place of the picker and Pay. Nothing
 * is sent; `onEvent` reports `source_refused` for the merchant's logs.
 */
export const NotYourOrder: Story = {
  loaders: [dollrKit({ wallets: [{ phone: "231880000000" }] })],
  render: (args) => <CheckoutFlow {...args} source={UNKNOWN_ORDER} />,
  play: async (context) => {
    const { canvasElement, args } = context;
    await waitFor(() => expect(flowRoot(canvasElement)?.dataset.reason).toBe("forbidden"), {
      timeout: 5_000,
    });
    await expect(
      line(
        canvasElement,
        "You can't pay this order from your account. Sign in with the account that placed it.",
      ),
    ).toBeVisible();
    const canvas = within(canvasElement);
    await expect(canvas.queryByRole("button", { name: /^Pay/ })).toBeNull();
    await expect(canvas.queryByRole("radiogroup")).toBeNull();
    await expect(args.onEvent).toHaveBeenCalledWith({
      type: "source_refused",
      reason: "forbidden",
    });
    await expect(kitOf(context).executions()).toHaveLength(0);
  },
};

/** A source Dollr has no record of (404 through the proxy): the customer is asked to check the link. */
export const OrderNotFound: Story = {
  loaders: [dollrKit({ wallets: [{ phone: "231880000000" }] })],
  beforeEach: ({ msw }) => {
    msw.use(
      http.get(`*${STORY_PROXY_PATH}/v1/status/source`, () =>
        HttpResponse.json({ detail: "Source not found", code: "NOT_FOUND" }, { status: 404 }),
      ),
    );
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(flowRoot(canvasElement)?.dataset.reason).toBe("not_found"), {
      timeout: 5_000,
    });
    await expect(
      line(canvasElement, "We couldn't find this order. Check the link you followed."),
    ).toBeVisible();
    await expect(within(canvasElement).queryByRole("button", { name: /^Pay/ })).toBeNull();
  },
};
