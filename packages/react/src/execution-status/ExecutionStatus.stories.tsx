import type { Meta, StoryObj } from "@storybook/react-vite";
import { HttpResponse, http } from "msw";
import { expect, fn, waitFor, within } from "storybook/test";
import { STORY_POLICY, STORY_PROXY_PATH } from "../../../../.storybook/dollr-backend.ts";
import { dollrKit, kitOf, paymentOf, withDollrKit } from "../../../../.storybook/dollr-story.tsx";
import { ExecutionStatus } from "./ExecutionStatus.tsx";

/**
 * `<ExecutionStatus>` on its own (a return page, a receipt): each story pays the invoice in its
 * loader, then the component polls that payment's status through the proxy (MSW → the real
 * proxy → the simulator, all in the browser).
 */
const meta = {
  title: "Kit/ExecutionStatus",
  component: ExecutionStatus,
  decorators: [withDollrKit],
  args: {
    referenceId: null,
    operation: "collection",
    kind: "MOBILE_MONEY",
    policy: STORY_POLICY,
    onSucceeded: fn(),
    onFailed: fn(),
    onPhaseChange: fn(),
  },
  render: (args, context) => {
    const payment = paymentOf(context);
    return (
      <ExecutionStatus {...args} referenceId={payment.referenceId} startedAt={payment.startedAt} />
    );
  },
} satisfies Meta<typeof ExecutionStatus>;
export default meta;
type Story = StoryObj<typeof meta>;

const statusRoot = (canvasElement: HTMLElement) =>
  canvasElement.querySelector<HTMLElement>('[data-slot="execution-status"]');
// Each line also sits in the (visually hidden) live region, so queries look at paragraphs only.
const waitForPhase = (canvasElement: HTMLElement, phase: string) =>
  waitFor(() => expect(statusRoot(canvasElement)?.dataset.state).toBe(phase), { timeout: 5_000 });

/** A wallet that stays PROCESSING (…2): the customer still has to approve it on the phone. */
export const Processing: Story = {
  loaders: [dollrKit({ wallets: [{ phone: "231880000002" }], pay: { account: 0 } })],
  play: async (context) => {
    const { canvasElement } = context;
    await waitForPhase(canvasElement, "processing");
    const canvas = within(canvasElement);
    await expect(
      canvas.getByText("Approve the payment on your phone", { selector: "p" }),
    ).toBeVisible();
    await expect(
      canvas.getByText("Look for a prompt from your mobile money operator and enter your PIN.", {
        selector: "p",
      }),
    ).toBeVisible();
    await expect(kitOf(context).executions()[0]?.execute_calls).toBe(1);
  },
};

/** Processing for a minute of simulated time, then Dollr says COMPLETED. */
export const Succeeded: Story = {
  loaders: [
    dollrKit({
      simulator: { processingMs: 60_000 },
      wallets: [{ phone: "231880000000" }],
      pay: { account: 0 },
    }),
  ],
  play: async (context) => {
    const { canvasElement, args } = context;
    await waitForPhase(canvasElement, "processing");
    kitOf(context).control.advance(60_000);
    await waitForPhase(canvasElement, "succeeded");
    await expect(
      within(canvasElement).getByText("Payment received", { selector: "p" }),
    ).toBeVisible();
    await expect(args.onSucceeded).toHaveBeenCalledTimes(1);
    await expect(args.onFailed).not.toHaveBeenCalled();
    await expect(kitOf(context).executions()[0]?.execute_calls).toBe(1);
  },
};

/** A wallet that fails at once (…3): the failure and Dollr's reason. */
export const Failed: Story = {
  loaders: [dollrKit({ wallets: [{ phone: "231880000003" }], pay: { account: 0 } })],
  play: async (context) => {
    const { canvasElement, args } = context;
    await waitForPhase(canvasElement, "failed");
    const canvas = within(canvasElement);
    await expect(
      canvas.getByText("The payment didn't go through.", { selector: "p" }),
    ).toBeVisible();
    await expect(canvas.getByText(/^Reason: /, { selector: "p" })).toBeVisible();
    await expect(args.onFailed).toHaveBeenCalledTimes(1);
    await expect(args.onSucceeded).not.toHaveBeenCalled();
  },
};

/**
 * The page was opened 95 s after the payment started (a reload, or a return page): the elapsed
 * time counts from `startedAt`, and the long-wait line says the customer may leave.
 */
export const LongWait: Story = {
  loaders: [dollrKit({ wallets: [{ phone: "231880000002" }], pay: { account: 0 } })],
  render: (args, context) => {
    const payment = paymentOf(context);
    return (
      <ExecutionStatus
        {...args}
        referenceId={payment.referenceId}
        startedAt={payment.startedAt - 95_000}
      />
    );
  },
  play: async ({ canvasElement }) => {
    await waitForPhase(canvasElement, "processing");
    const canvas = within(canvasElement);
    await expect(statusRoot(canvasElement)?.dataset.longWait).toBe("");
    await expect(
      canvas.getByText("Still waiting — you can leave this page, we keep checking.", {
        selector: "p",
      }),
    ).toBeVisible();
    await expect(
      canvas.getByText(/^Waiting for 1 min \d+ sec$/, { selector: "time" }),
    ).toBeVisible();
  },
};

/** Past the polling cap: expired, not failed; "Check again" looks once more. */
export const Expired: Story = {
  loaders: [dollrKit({ wallets: [{ phone: "231880000002" }], pay: { account: 0 } })],
  args: { policy: { ...STORY_POLICY, capMs: 1_500 } },
  play: async ({ canvasElement, args }) => {
    await waitForPhase(canvasElement, "expired");
    const canvas = within(canvasElement);
    await expect(
      canvas.getByText("We stopped checking automatically. The payment may still complete.", {
        selector: "p",
      }),
    ).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Check again" })).toBeEnabled();
    await expect(args.onFailed).not.toHaveBeenCalled();
  },
};

/** The proxy cannot be reached: the status says so and keeps trying. */
export const ConnectionProblem: Story = {
  loaders: [dollrKit({ wallets: [{ phone: "231880000002" }], pay: { account: 0 } })],
  beforeEach({ msw }) {
    msw.use(http.get(`*${STORY_PROXY_PATH}/v1/status/collection/*`, () => HttpResponse.error()));
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(statusRoot(canvasElement)?.dataset.connection).toBe("problem"), {
      timeout: 5_000,
    });
    await expect(
      within(canvasElement).getByText("We can't reach the server right now. We'll keep trying.", {
        selector: "p",
      }),
    ).toBeVisible();
  },
};

/** The failure and its reason in the dark palette (axe checks the contrast). */
export const DarkTheme: Story = {
  loaders: [dollrKit({ wallets: [{ phone: "231880000003" }], pay: { account: 0 } })],
  parameters: { dollr: { theme: "dark" } },
  play: async ({ canvasElement }) => {
    await waitForPhase(canvasElement, "failed");
    const message = within(canvasElement).getByText("The payment didn't go through.", {
      selector: "p",
    });
    await expect(getComputedStyle(message).color).toBe("rgb(236, 238, 242)");
    await expect(within(canvasElement).getByText(/^Reason: /, { selector: "p" })).toBeVisible();
  },
};
