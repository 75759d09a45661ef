/**
 * `<CheckoutFlow>` when the server is the authority: a payment for the source in progress
 * elsewhere (`busy`), an already paid source (`already_paid`), and refusals the proxy decided
 * before anything was sent (`CARD_USED`). The first tests inject the proxy's answers in front of
 * it (`answerNext`); the last ones rely on the proxy's own rules (CONTRACT.md §2).
 */
import { act, cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createFakeStripe, removeFakeStripeChallenges } from "../cards/fake-stripe.ts";
import { createKitHarness, type KitHarness, renderKit } from "../test/kit-harness.tsx";
import { CheckoutFlow } from "./CheckoutFlow.tsx";

afterEach(() => {
  cleanup();
  removeFakeStripeChallenges();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const SESSION = /^\/v1\/sessions\/checkout$/;
const EXECUTE = /^\/v1\/executions\/collection$/;
const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const flowRoot = () => document.querySelector<HTMLElement>('[data-slot="checkout-flow"]');
const flowState = () => flowRoot()?.dataset.state;
const waitForState = (state: string, timeout = 4_000) =>
  waitFor(() => expect(flowState()).toBe(state), { timeout });
const payButton = () => screen.getByRole("button", { name: /^Pay/ });
const line = (text: string | RegExp) => screen.getByText(text, { selector: "p" });
const announced = () =>
  document.querySelector('[data-slot="checkout-flow-announcer"]')?.textContent ?? "";

const BUSY_TEXT =
  "A payment for this order is already in progress, on this or another device. We'll show its result here.";

function setup(harness: KitHarness, options: Parameters<typeof renderKit>[2] = {}) {
  const onSuccess = vi.fn();
  const onFailure = vi.fn();
  const onAlreadyPaid = vi.fn();
  const view = renderKit(
    harness,
    <CheckoutFlow
      source={harness.source}
      onSuccess={onSuccess}
      onFailure={onFailure}
      onAlreadyPaid={onAlreadyPaid}
    />,
    options,
  );
  return { ...view, onSuccess, onFailure, onAlreadyPaid };
}

async function chooseAndPay(index = 0) {
  const radios = await screen.findAllByRole("radio");
  await userEvent.click(radios[index] as HTMLElement);
  await waitFor(() => expect(payButton().hasAttribute("disabled")).toBe(false));
  await userEvent.click(payButton());
}

/** Another device of the same customer pays first (its own storage: this page knows nothing). */
async function otherDevicePays(harness: KitHarness, phone: string) {
  const wallet = await harness.addWallet(phone);
  return harness.execute(wallet.id);
}

const sourceBusy = (referenceId: string) => ({
  detail: "A payment for this source is already in progress",
  code: "SOURCE_BUSY",
  ambiguous: false,
  reference_id: referenceId,
  status: "PROCESSING",
});

describe("CheckoutFlow: a payment in progress elsewhere", () => {
  it("shows it (busy), follows it by status, and says the order is paid when it succeeds", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const harness = createKitHarness({ processingMs: 60_000 });
    const other = await otherDevicePays(harness, "231880000000");
    harness.answerNext(SESSION, 409, sourceBusy(other.referenceId));
    const { onSuccess, onFailure, onAlreadyPaid } = setup(harness);
    await waitForState("selecting");
    await chooseAndPay();
    await waitForState("busy");
    expect(line(BUSY_TEXT)).toBeTruthy();
    expect(announced()).toBe(BUSY_TEXT);
    // No way to start another payment, and nothing of this page's to lose by leaving.
    expect(screen.queryByRole("button", { name: /^Pay/ })).toBeNull();
    expect(flowRoot()?.dataset.attemptOpen).toBe("");
    const leaving = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(leaving);
    expect(leaving.defaultPrevented).toBe(false);

    await advance(65_000);
    await waitForState("already_paid");
    const paid = "The other payment went through. This order is paid: there's nothing more to pay.";
    expect(line(paid)).toBeTruthy();
    expect(announced()).toBe(paid);
    expect(onAlreadyPaid).toHaveBeenCalledTimes(1);
    expect(onAlreadyPaid).toHaveBeenCalledWith({
      source: harness.source,
      referenceId: other.referenceId,
      status: "COMPLETED",
      paidAt: null,
    });
    expect(onSuccess).not.toHaveBeenCalled();
    expect(onFailure).not.toHaveBeenCalled();
    // Only the other device's payment exists; it was followed through the proxy with the source.
    expect(harness.executions()).toHaveLength(1);
    expect(
      harness.calls.some((call) => call.path === `/v1/status/collection/${other.referenceId}`),
    ).toBe(true);
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("goes back to the picker with a notice when the other payment fails, and Pay then pays", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const harness = createKitHarness({ processingMs: 10_000 });
    const other = await otherDevicePays(harness, "231880000001");
    harness.answerNext(SESSION, 409, sourceBusy(other.referenceId));
    const { onFailure, onAlreadyPaid } = setup(harness);
    await waitForState("selecting");
    await chooseAndPay();
    await waitForState("busy");
    await advance(12_000);
    await waitForState("selecting");
    const notice = "The other payment for this order didn't go through. You can pay now.";
    expect(line(notice)).toBeTruthy();
    expect(announced()).toBe(notice);
    // The account is still chosen: one press pays.
    await waitFor(() => expect(payButton().hasAttribute("disabled")).toBe(false));
    await userEvent.click(payButton());
    await waitForState("processing");
    expect(harness.executions()).toHaveLength(2);
    expect(onFailure).not.toHaveBeenCalled();
    expect(onAlreadyPaid).not.toHaveBeenCalled();
  });

  it("says already paid, not a failure, when the proxy says the source is paid", async () => {
    const harness = createKitHarness();
    await harness.addWallet("231880000000");
    harness.answerNext(SESSION, 409, {
      detail: "This source is already paid",
      code: "ALREADY_PAID",
      ambiguous: false,
      paid_at: "2026-06-01T10:00:00Z",
    });
    const { onFailure, onAlreadyPaid, onSuccess } = setup(harness);
    await waitForState("selecting");
    await chooseAndPay();
    await waitForState("already_paid");
    const text = "This order is already paid. There's nothing more to pay.";
    expect(line(text)).toBeTruthy();
    expect(announced()).toBe(text);
    expect(onAlreadyPaid).toHaveBeenCalledWith({
      source: harness.source,
      referenceId: null,
      status: null,
      paidAt: "2026-06-01T10:00:00Z",
    });
    expect(onFailure).not.toHaveBeenCalled();
    expect(onSuccess).not.toHaveBeenCalled();
    expect(screen.queryByRole("button")).toBeNull();
    expect(harness.executions()).toHaveLength(0);
  });
});

describe("CheckoutFlow: a used single-use card", () => {
  it("says so in plain words, offers no Try again, and the picker drops the card", async () => {
    const harness = createKitHarness();
    const fake = createFakeStripe({ simulator: harness.simulator.control });
    await harness.addCard("pm_card_visa", "Ama Kollie", "4242");
    harness.answerNext(EXECUTE, 409, {
      detail: "This card was already used for another payment: add the card again",
      code: "CARD_USED",
      ambiguous: false,
    });
    const { onFailure } = setup(harness, { stripe: fake.stripe });
    await waitForState("selecting");
    const lists = () => harness.calls.filter((call) => call.path === "/kit/payment-accounts");
    await screen.findAllByRole("radio");
    const listed = lists().length;
    await chooseAndPay();
    await waitForState("failed");
    expect(flowRoot()?.dataset.reason).toBe("card_used");
    // The list is asked again: the proxy no longer lists a used card.
    await waitFor(() => expect(lists().length).toBeGreaterThan(listed));
    const text =
      "This card can only be used for one payment. Add it again, or use another payment method.";
    expect(line(text)).toBeTruthy();
    expect(announced()).toBe(text);
    expect(document.body.textContent).not.toMatch(/HTTP|409/);
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
    expect(onFailure).toHaveBeenCalledWith(
      expect.objectContaining({ reason: "card_used", errorCode: "CARD_USED" }),
    );
    // Nothing was sent, so nothing is verified.
    expect(harness.calls.some((call) => call.path.startsWith("/v1/status/collection/"))).toBe(
      false,
    );
    await userEvent.click(screen.getByRole("button", { name: "Use another payment method" }));
    await waitForState("selecting");
    // The used card is no longer the choice.
    expect(payButton().hasAttribute("disabled")).toBe(true);
  });
});

// These go through the proxy's own rules (CONTRACT.md §2): SOURCE_BUSY, ALREADY_PAID, CARD_USED.
describe("CheckoutFlow: the proxy's one payment per source", () => {
  it("a second device sees the payment in progress and its outcome; one execution", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const harness = createKitHarness({ processingMs: 60_000 });
    const other = await otherDevicePays(harness, "231880000000");
    const { onAlreadyPaid } = setup(harness);
    await waitForState("selecting");
    await chooseAndPay();
    await waitForState("busy");
    await advance(65_000);
    await waitForState("already_paid");
    expect(onAlreadyPaid).toHaveBeenCalledWith(
      expect.objectContaining({ referenceId: other.referenceId, status: "COMPLETED" }),
    );
    expect(harness.executions()).toHaveLength(1);
  });

  it("a paid source shows as already paid", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const harness = createKitHarness({ processingMs: 1_000 });
    const other = await otherDevicePays(harness, "231880000000");
    await advance(2_000);
    // The other device saw it succeed (its status read passes through the proxy).
    expect((await harness.client.getCollectionStatus(other.referenceId)).status).toBe("COMPLETED");
    setup(harness);
    await waitForState("selecting");
    await chooseAndPay();
    await waitForState("already_paid");
    expect(line("This order is already paid. There's nothing more to pay.")).toBeTruthy();
    expect(harness.executions()).toHaveLength(1);
  });

  it("a declined single-use card, then Try again: asks for another method within 5 s, at most one status check", async () => {
    const harness = createKitHarness();
    const fake = createFakeStripe({ simulator: harness.simulator.control });
    await harness.addCard("pm_card_chargeDeclined", "Ama Kollie", "0002");
    const { onFailure } = setup(harness, { stripe: fake.stripe });
    await waitForState("selecting");
    await chooseAndPay();
    await waitForState("failed");
    expect(flowRoot()?.dataset.reason).toBe("declined");
    const checks = () =>
      harness.calls.filter((call) => call.path.startsWith("/v1/status/collection/")).length;
    const before = checks();
    const pressed = Date.now();
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(flowRoot()?.dataset.reason).toBe("card_used"), { timeout: 5_000 });
    expect(Date.now() - pressed).toBeLessThan(5_000);
    expect(checks() - before).toBeLessThanOrEqual(1);
    expect(screen.getByRole("button", { name: "Use another payment method" })).toBeTruthy();
    expect(onFailure).toHaveBeenLastCalledWith(expect.objectContaining({ reason: "card_used" }));
    expect(harness.executions()).toHaveLength(1);
    // Back to the picker, which no longer offers the used card: add it again.
    await userEvent.click(screen.getByRole("button", { name: "Use another payment method" }));
    await waitForState("selecting");
    await waitFor(() => expect(screen.queryAllByRole("radio")).toHaveLength(0));
    expect(screen.getByRole("button", { name: "Add a card" })).toBeTruthy();
  });
});
