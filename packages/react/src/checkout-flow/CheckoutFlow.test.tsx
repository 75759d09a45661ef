import { DEFAULT_POLLING_POLICY, type PollingPolicy } from "@dollr-kit/core/internal";
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createFakeStripe, removeFakeStripeChallenges } from "../cards/fake-stripe.ts";
import { createKitHarness, type KitHarness, renderKit } from "../test/kit-harness.tsx";
import { CheckoutFlow, type CheckoutFlowProps } from "./CheckoutFlow.tsx";
import type { CheckoutFlowEvent } from "./useCheckoutFlow.ts";

afterEach(() => {
  cleanup();
  removeFakeStripeChallenges();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const flowRoot = () => document.querySelector<HTMLElement>('[data-slot="checkout-flow"]');
const flowState = () => flowRoot()?.dataset.state;
const waitForState = (state: string) =>
  waitFor(() => expect(flowState()).toBe(state), { timeout: 4_000 });
const payButton = () => screen.getByRole("button", { name: /^Pay/ });

function setup(
  harness: KitHarness,
  props: Partial<CheckoutFlowProps> = {},
  options: Parameters<typeof renderKit>[2] = {},
) {
  const onSuccess = vi.fn();
  const onFailure = vi.fn();
  const events: CheckoutFlowEvent[] = [];
  const view = renderKit(
    harness,
    <CheckoutFlow
      source={harness.source}
      onSuccess={onSuccess}
      onFailure={onFailure}
      onEvent={(event) => events.push(event)}
      {...props}
    />,
    options,
  );
  return { ...view, onSuccess, onFailure, events };
}

async function chooseFirstAccount() {
  const radios = await screen.findAllByRole("radio");
  await userEvent.click(radios[0] as HTMLElement);
  await waitFor(() => expect(payButton().hasAttribute("disabled")).toBe(false));
}

describe("CheckoutFlow: mobile money", () => {
  it("shows the total with the fee, pays once, waits for the phone, and succeeds", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const harness = createKitHarness({ processingMs: 90_000 });
    await harness.addWallet("231880000000");
    const { onSuccess, onFailure } = setup(harness);

    await waitForState("selecting");
    expect(payButton().hasAttribute("disabled")).toBe(true);
    await chooseFirstAccount();
    await waitFor(() =>
      expect(document.querySelector('[data-slot="checkout-flow-summary"]')).toBeTruthy(),
    );
    const summary = document.querySelector<HTMLElement>(
      '[data-slot="checkout-flow-summary"]',
    ) as HTMLElement;
    await waitFor(() => expect(within(summary).getByText("$0.25")).toBeTruthy());
    expect(within(summary).getByText("$12.50")).toBeTruthy();
    expect(within(summary).getByText("$12.75")).toBeTruthy();
    expect(payButton().textContent).toBe("Pay $12.75");

    await userEvent.click(payButton());
    await waitForState("processing");
    expect(screen.getByText("Approve the payment on your phone", { selector: "p" })).toBeTruthy();
    // The attempt is open: there is no way to start a second one.
    expect(screen.queryByRole("button", { name: /^Pay/ })).toBeNull();
    expect(flowRoot()?.dataset.attemptOpen).toBe("");

    await advance(95_000);
    await waitForState("succeeded");
    expect(screen.getByText("Payment received. Thank you!", { selector: "p" })).toBeTruthy();
    expect(onSuccess).toHaveBeenCalledTimes(1);
    const [result] = onSuccess.mock.calls[0] ?? [];
    expect(result).toMatchObject({
      source: harness.source,
      status: "COMPLETED",
      payerCurrency: "USD",
    });
    expect(result.referenceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(onFailure).not.toHaveBeenCalled();
    const executions = harness.executions();
    expect(executions).toHaveLength(1);
    expect(executions[0]?.execute_calls).toBe(1);
    expect(executions[0]?.reference_id).toBe(result.referenceId);
  });

  it("sends exactly one execute under StrictMode, even with a double click", async () => {
    const harness = createKitHarness();
    await harness.addWallet("231880000002");
    setup(harness, {}, { strict: true });
    await waitForState("selecting");
    await chooseFirstAccount();
    const button = payButton();
    fireEvent.click(button);
    fireEvent.click(button);
    await waitForState("processing");
    const executions = harness.executions();
    expect(executions).toHaveLength(1);
    expect(executions[0]?.execute_calls).toBe(1);
    expect(harness.calls.filter((call) => call.path === "/v1/executions/collection")).toHaveLength(
      1,
    );
    expect(harness.calls.filter((call) => call.path === "/v1/sessions/checkout")).toHaveLength(1);
  });

  it("resumes an open attempt after a reload (a remount over the same storage) without paying again", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const harness = createKitHarness({ processingMs: 60_000 });
    await harness.addWallet("231880000000");
    const first = setup(harness);
    await waitForState("selecting");
    await chooseFirstAccount();
    await userEvent.click(payButton());
    await waitForState("processing");
    first.unmount();

    const second = setup(harness);
    await waitForState("processing");
    expect(
      await screen.findByText("Approve the payment on your phone", { selector: "p" }),
    ).toBeTruthy();
    await advance(65_000);
    await waitForState("succeeded");
    expect(second.onSuccess).toHaveBeenCalledTimes(1);
    expect(harness.executions()).toHaveLength(1);
    expect(harness.executions()[0]?.execute_calls).toBe(1);
  });

  it("asks before the page is left while the payment is open, and not otherwise", async () => {
    const harness = createKitHarness();
    await harness.addWallet("231880000002");
    const { events } = setup(harness);
    await waitForState("selecting");
    const quiet = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(quiet);
    expect(quiet.defaultPrevented).toBe(false);

    await chooseFirstAccount();
    await userEvent.click(payButton());
    await waitForState("processing");
    const leaving = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(leaving);
    expect(leaving.defaultPrevented).toBe(true);
    expect(events).toContainEqual({ type: "leave_prompted", state: "processing" });
  });

  it("offers a retry and another method after a failure; another method then pays", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const harness = createKitHarness({ processingMs: 10_000 });
    await harness.addWallet("231880000003", "Declines");
    await harness.addWallet("231770000000", "Works");
    const { onFailure, onSuccess } = setup(harness);
    await waitForState("selecting");
    await chooseFirstAccount();
    await userEvent.click(payButton());
    await waitForState("failed");
    expect(screen.getByText("The payment didn't go through.", { selector: "p" })).toBeTruthy();
    // Dollr's reason in plain words with what to do, never its own text.
    expect(
      screen.getByText(
        "There isn't enough money in your wallet or account. Top up, then try again, or use another payment method.",
        { selector: "p" },
      ),
    ).toBeTruthy();
    expect(screen.queryByText(/insufficient funds/i)).toBeNull();
    expect(onFailure).toHaveBeenCalledTimes(1);
    expect(onFailure.mock.calls[0]?.[0]).toMatchObject({
      reason: "declined",
      source: harness.source,
    });
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();

    await userEvent.click(screen.getByRole("button", { name: "Use another payment method" }));
    await waitForState("selecting");
    const radios = await screen.findAllByRole("radio");
    await userEvent.click(radios[1] as HTMLElement);
    await waitFor(() => expect(payButton().hasAttribute("disabled")).toBe(false));
    await userEvent.click(payButton());
    await waitForState("processing");
    await advance(12_000);
    await waitForState("succeeded");
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(harness.executions()).toHaveLength(2);
  });

  it("Try again after a decline starts a new attempt with a new reference", async () => {
    const harness = createKitHarness();
    await harness.addWallet("231880000003");
    const { onFailure } = setup(harness);
    await waitForState("selecting");
    await chooseFirstAccount();
    await userEvent.click(payButton());
    await waitForState("failed");
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(onFailure).toHaveBeenCalledTimes(2));
    const executions = harness.executions();
    expect(executions).toHaveLength(2);
    expect(executions[0]?.reference_id).not.toBe(executions[1]?.reference_id);
    expect(executions.every((execution) => execution.execute_calls === 1)).toBe(true);
  });

  it("lets the payer pay in another currency the wallet takes, priced in that currency", async () => {
    const harness = createKitHarness();
    await harness.addWallet("231880000002");
    setup(harness);
    await waitForState("selecting");
    await chooseFirstAccount();
    const select = await screen.findByLabelText("Pay in");
    expect(
      within(select)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["USD", "LRD"]);
    await userEvent.selectOptions(select, "LRD");
    // 12.50 USD at 190 LRD = 2,375.00 LRD, plus 2 %.
    await waitFor(() => expect(payButton().textContent).toMatch(/^Pay LRD\s2,422\.50$/));
    await userEvent.click(payButton());
    await waitForState("processing");
    expect(harness.executions()[0]?.currency).toBe("LRD");
  });

  it("says the merchant pays the fee when the fee bearer is PAYEE", async () => {
    const harness = createKitHarness({ feeBearer: "PAYEE" });
    await harness.addWallet("231880000002");
    setup(harness);
    await waitForState("selecting");
    await chooseFirstAccount();
    expect(await screen.findByText("Fees are paid by the merchant.")).toBeTruthy();
    await waitFor(() => expect(payButton().textContent).toBe("Pay $12.50"));
    expect(screen.queryByText("Fee")).toBeNull();
  });

  it("stops at the polling cap as expired (not failed) and checks again on request", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const policy: PollingPolicy = { ...DEFAULT_POLLING_POLICY, capMs: 20_000 };
    const harness = createKitHarness();
    await harness.addWallet("231880000002");
    const { onFailure } = setup(harness, { policy });
    await waitForState("selecting");
    await chooseFirstAccount();
    await userEvent.click(payButton());
    await waitForState("processing");
    await advance(25_000);
    await waitForState("expired");
    expect(onFailure).not.toHaveBeenCalled();
    expect(screen.getByText(/We stopped checking automatically/, { selector: "p" })).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Check again" }));
    await waitForState("processing");
  });

  it("shows a recoverable error when the proxy is down, and goes on when asked", async () => {
    const harness = createKitHarness();
    await harness.addWallet("231880000002");
    harness.failNext(/^\/v1\/sessions\/checkout$/, 503);
    setup(harness);
    await waitForState("selecting");
    await chooseFirstAccount();
    await userEvent.click(payButton());
    await waitForState("recoverable");
    expect(flowRoot()?.dataset.reason).toBe("network");
    expect(screen.getByText(/We can't reach the payment server/, { selector: "p" })).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Check again" }));
    await waitForState("processing");
    expect(harness.executions()).toHaveLength(1);
  });

  it("recovers from an expired session with a new session when the customer asks", async () => {
    const harness = createKitHarness({ sessionTtlMs: 1 });
    await harness.addWallet("231880000002");
    setup(harness);
    await waitForState("selecting");
    await chooseFirstAccount();
    await userEvent.click(payButton());
    await waitForState("recoverable");
    expect(flowRoot()?.dataset.reason).toBe("session_expired");
    expect(
      screen.getByText("Your checkout session expired. Start again to pay.", { selector: "p" }),
    ).toBeTruthy();
    harness.simulator.control.configure({ sessionTtlMs: 15 * 60_000 });
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    await waitForState("processing");
    const landed = harness.executions();
    expect(landed).toHaveLength(1);
  });

  it("says so when the proxy is rate limited, and lets the customer back out", async () => {
    const harness = createKitHarness();
    await harness.addWallet("231880000002");
    harness.simulator.control.setFaults({
      kind: "rate_limit",
      count: 1,
      retryAfterSeconds: 5,
      match: { method: "POST", path: "/v1/sessions/checkout" },
    });
    setup(harness);
    await waitForState("selecting");
    await chooseFirstAccount();
    await userEvent.click(payButton());
    await waitForState("recoverable");
    expect(flowRoot()?.dataset.reason).toBe("rate_limited");
    expect(screen.getByText(/Too many requests right now/, { selector: "p" })).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await waitForState("selecting");
    expect(harness.executions()).toHaveLength(0);
  });

  it("verifies with the same reference after a lost response instead of paying again", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const harness = createKitHarness({ processingMs: 5_000 });
    await harness.addWallet("231880000000");
    harness.simulator.control.setFaults({
      kind: "lost_response",
      count: 1,
      match: { method: "POST", path: "/v1/executions/collection" },
    });
    const { onSuccess } = setup(harness);
    await waitForState("selecting");
    await chooseFirstAccount();
    await userEvent.click(payButton());
    await waitFor(() => expect(["verifying", "processing"]).toContain(flowState()));
    await advance(8_000);
    await waitForState("succeeded");
    expect(onSuccess).toHaveBeenCalledTimes(1);
    const executions = harness.executions();
    expect(executions).toHaveLength(1);
    expect(executions[0]?.execute_calls).toBe(1);
  });

  it("reports what happened through onEvent without any personal data", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const harness = createKitHarness({ processingMs: 5_000 });
    await harness.addWallet("231880000000", "Ama Kollie");
    const { events } = setup(harness);
    await waitForState("selecting");
    await chooseFirstAccount();
    await userEvent.click(payButton());
    // The clock moves only once Dollr has the payment: advancing before the execute lands would
    // start its PROCESSING window after the jump.
    await waitForState("processing");
    await advance(8_000);
    await waitForState("succeeded");
    const types = new Set(events.map((event) => event.type));
    for (const type of [
      "account_selected",
      "pay_clicked",
      "transition",
      "execute_sent",
      "status_checked",
    ]) {
      expect(types.has(type as CheckoutFlowEvent["type"])).toBe(true);
    }
    const text = JSON.stringify(events);
    expect(text).not.toContain("231880000000");
    expect(text).not.toContain("Ama");
    expect(text).not.toContain("*********000");
  });
});

describe("CheckoutFlow: cards and 3D Secure", () => {
  async function payByCard(
    pm: string,
    fake: ReturnType<typeof createFakeStripe>,
    harness: KitHarness,
  ) {
    await harness.addCard(pm, "Ama Kollie", "3220");
    const view = setup(harness, {}, { stripe: fake.stripe });
    await waitForState("selecting");
    await chooseFirstAccount();
    await userEvent.click(payButton());
    return view;
  }

  it("runs Stripe's next action in the page, then waits for Dollr's status to succeed", async () => {
    const harness = createKitHarness();
    const fake = createFakeStripe({ simulator: harness.simulator.control });
    const { onSuccess, events } = await payByCard("pm_card_threeDSecure2Required", fake, harness);
    const challenge = await screen.findByRole("dialog", { name: "Test 3D Secure authentication" });
    expect(flowState()).toBe("authenticating");
    expect(fake.calls.filter((call) => call.method === "handleNextAction")).toHaveLength(1);
    await userEvent.click(within(challenge).getByRole("button", { name: "Complete" }));
    await waitForState("succeeded");
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(events).toContainEqual({
      type: "authentication",
      phase: "finished",
      outcome: "succeeded",
    });
    expect(harness.executions()[0]?.execute_calls).toBe(1);
  });

  it("never marks success on Stripe's word alone: Dollr must say so", async () => {
    const harness = createKitHarness();
    // This fake tells no simulator: Stripe "succeeds" but Dollr still waits for authentication.
    const fake = createFakeStripe();
    const { onSuccess } = await payByCard("pm_card_threeDSecure2Required", fake, harness);
    const challenge = await screen.findByRole("dialog", { name: "Test 3D Secure authentication" });
    await userEvent.click(within(challenge).getByRole("button", { name: "Complete" }));
    await waitForState("processing");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(flowState()).toBe("processing");
    expect(onSuccess).not.toHaveBeenCalled();
    expect(fake.calls.filter((call) => call.method === "handleNextAction")).toHaveLength(1);
  });

  it("does not loop challenges: after a failed challenge the customer starts it again by hand", async () => {
    const harness = createKitHarness();
    // Not linked to the simulator: Dollr keeps asking for the action after the failure.
    const fake = createFakeStripe();
    await payByCard("pm_card_threeDSecure2Required", fake, harness);
    const first = await screen.findByRole("dialog", { name: "Test 3D Secure authentication" });
    await userEvent.click(within(first).getByRole("button", { name: "Fail" }));
    const again = await screen.findByRole(
      "button",
      { name: "Confirm with your bank" },
      { timeout: 4_000 },
    );
    expect(flowState()).toBe("requires_action");
    expect(fake.calls.filter((call) => call.method === "handleNextAction")).toHaveLength(1);
    await userEvent.click(again);
    expect(
      await screen.findByRole("dialog", { name: "Test 3D Secure authentication" }),
    ).toBeTruthy();
    expect(fake.calls.filter((call) => call.method === "handleNextAction")).toHaveLength(2);
  });

  it("fails the payment when the customer fails the challenge", async () => {
    const harness = createKitHarness();
    const fake = createFakeStripe({ simulator: harness.simulator.control });
    const { onFailure } = await payByCard("pm_card_threeDSecure2Required", fake, harness);
    const challenge = await screen.findByRole("dialog", { name: "Test 3D Secure authentication" });
    await userEvent.click(within(challenge).getByRole("button", { name: "Fail" }));
    await waitForState("failed");
    expect(onFailure).toHaveBeenCalledTimes(1);
  });

  it("falls back to confirmCardPayment when Stripe.js has no handleNextAction", async () => {
    const harness = createKitHarness();
    const fake = createFakeStripe({ simulator: harness.simulator.control });
    (fake.stripe as unknown as { handleNextAction?: unknown }).handleNextAction = undefined;
    await payByCard("pm_card_threeDSecure2Required", fake, harness);
    const challenge = await screen.findByRole("dialog", { name: "Test 3D Secure authentication" });
    await userEvent.click(within(challenge).getByRole("button", { name: "Complete" }));
    await waitForState("succeeded");
    expect(fake.calls.map((call) => call.method)).toContain("confirmCardPayment");
  });

  it("shows the challenge in the top layer when the checkout sits in a modal dialog", async () => {
    const showModal = vi.spyOn(HTMLDialogElement.prototype, "showModal");
    const harness = createKitHarness();
    const fake = createFakeStripe({ simulator: harness.simulator.control });
    await harness.addCard("pm_card_threeDSecure2Required", "Ama", "3220");
    const onSuccess = vi.fn();
    renderKit(
      harness,
      <dialog
        ref={(node) => {
          if (node && !node.open) node.showModal();
        }}
        aria-label="Checkout"
      >
        <CheckoutFlow source={harness.source} onSuccess={onSuccess} onFailure={() => {}} />
      </dialog>,
      { stripe: fake.stripe },
    );
    await waitForState("selecting");
    await chooseFirstAccount();
    await userEvent.click(payButton());
    const challenge = await screen.findByRole("dialog", { name: "Test 3D Secure authentication" });
    // Opened as a modal of its own: above the checkout's modal dialog, not inert under it.
    expect(showModal.mock.contexts).toContain(challenge);
    expect(challenge.closest("dialog[aria-label=Checkout]")).toBeNull();
    await userEvent.click(within(challenge).getByRole("button", { name: "Complete" }));
    await waitForState("succeeded");
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it("pays with a plain card without any challenge", async () => {
    const harness = createKitHarness();
    const fake = createFakeStripe({ simulator: harness.simulator.control });
    const { onSuccess } = await payByCard("pm_card_visa", fake, harness);
    await waitForState("succeeded");
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(fake.calls.some((call) => call.method === "handleNextAction")).toBe(false);
  });
});

describe("CheckoutFlow: announcements and parts", () => {
  it("has one polite live region for the whole flow", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const harness = createKitHarness({ processingMs: 40_000 });
    await harness.addWallet("231880000000");
    setup(harness);
    await waitForState("selecting");
    await chooseFirstAccount();
    const region = document.querySelector<HTMLElement>('[data-slot="checkout-flow-announcer"]');
    if (!region) throw new Error("no live region");
    const heard: string[] = [];
    new MutationObserver(() => heard.push(region.textContent ?? "")).observe(region, {
      childList: true,
      characterData: true,
      subtree: true,
    });
    await userEvent.click(payButton());
    await waitForState("processing");
    // Past the long-wait line (30 s), then past the payment's end (40 s): two steps, so the line
    // is on screen in between whatever React batches inside one act().
    await advance(32_000);
    await waitFor(() => expect(region.textContent).toContain("Still waiting"));
    await advance(13_000);
    await waitForState("succeeded");
    expect(document.querySelectorAll('[aria-live="polite"]')).toHaveLength(1);
    expect(heard.at(-1)).toBe("Payment received. Thank you!");
    expect(heard).toContain("Approve the payment on your phone");
    expect(heard).toContain(
      "Approve the payment on your phone Still waiting — you can leave this page, we keep checking.",
    );
    // No line is announced twice in a row.
    expect(heard.every((text, index) => index === 0 || heard[index - 1] !== text)).toBe(true);
  });

  it("composes from its parts with className on each", async () => {
    const harness = createKitHarness();
    await harness.addWallet("231880000002");
    renderKit(
      harness,
      <CheckoutFlow.Root source={harness.source} className="flow">
        <CheckoutFlow.Picker className="picker" />
        <CheckoutFlow.Summary className="summary" />
        <CheckoutFlow.PayButton className="pay">Pay now</CheckoutFlow.PayButton>
        <CheckoutFlow.Status className="status" />
      </CheckoutFlow.Root>,
    );
    await waitForState("selecting");
    expect(flowRoot()?.className).toContain("flow");
    const radios = await screen.findAllByRole("radio");
    await userEvent.click(radios[0] as HTMLElement);
    const pay = screen.getByRole("button", { name: "Pay now" });
    await waitFor(() => expect(pay.hasAttribute("disabled")).toBe(false));
    expect(pay.className).toContain("pay");
    expect(document.querySelector(".summary")?.getAttribute("data-slot")).toBe(
      "checkout-flow-summary",
    );
    await userEvent.click(pay);
    await waitForState("processing");
    expect(document.querySelector(".status")?.getAttribute("data-state")).toBe("processing");
  });
});
