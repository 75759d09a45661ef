/**
 * `<CheckoutFlow>` for a source the proxy refuses this customer (403: not theirs, or an id the
 * merchant's server does not know; 404: Dollr has no such source): the customer is told before
 * Pay, and nothing is sent. Against the dev backend (the real proxy in front of the simulator).
 */
import { cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createKitHarness, type KitHarness, renderKit } from "../test/kit-harness.tsx";
import { CheckoutFlow } from "./CheckoutFlow.tsx";
import type { CheckoutFlowEvent } from "./useCheckoutFlow.ts";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const SOURCE_STATUS = /^\/v1\/status\/source$/;
const flowRoot = () => document.querySelector<HTMLElement>('[data-slot="checkout-flow"]');
const payButton = () => screen.getByRole("button", { name: /^Pay/ });
const line = (text: string) => screen.findByText(text, { selector: "p" });
const announced = () =>
  document.querySelector('[data-slot="checkout-flow-announcer"]')?.textContent ?? "";
const FORBIDDEN =
  "You can't pay this order from your account. Sign in with the account that placed it.";
const NOT_FOUND = "We couldn't find this order. Check the link you followed.";

/** Renders the flow for `source`, with a saved wallet in the picker. */
async function setup(harness: KitHarness, source = harness.source) {
  await harness.addWallet("231880000000");
  const events: CheckoutFlowEvent[] = [];
  const onFailure = vi.fn();
  renderKit(
    harness,
    <CheckoutFlow source={source} onFailure={onFailure} onEvent={(e) => events.push(e)} />,
    { strict: true },
  );
  return { events, onFailure };
}

/** No session was opened and nothing was executed. */
const onlyReads = (harness: KitHarness) =>
  expect(harness.calls.filter((call) => /^\/v1\/(sessions|executions)\//.test(call.path))).toEqual(
    [],
  );

describe("CheckoutFlow: a source the proxy refuses", () => {
  it("403 (not the customer's, or unknown to the merchant): says so before Pay, and offers no Pay", async () => {
    const harness = createKitHarness();
    const { events, onFailure } = await setup(harness, { type: "INVOICE", id: 987_654 });
    const message = await line(FORBIDDEN);
    expect(message.closest('[data-slot="checkout-flow-status"]')).not.toBeNull();
    expect(flowRoot()?.dataset.state).toBe("selecting");
    expect(flowRoot()?.dataset.reason).toBe("forbidden");
    await waitFor(() => expect(announced()).toBe(FORBIDDEN));
    // Nothing to choose and nothing to press: the picker and Pay are not shown.
    expect(screen.queryByRole("button", { name: /^Pay/ })).toBeNull();
    expect(screen.queryByRole("radiogroup")).toBeNull();
    expect(harness.calls.some((call) => SOURCE_STATUS.test(call.path) && call.status === 403)).toBe(
      true,
    );
    onlyReads(harness);
    // Reported once for logs (StrictMode mounts twice), never as a payment failure.
    expect(events.filter((e) => e.type === "source_refused")).toEqual([
      { type: "source_refused", reason: "forbidden" },
    ]);
    expect(onFailure).not.toHaveBeenCalled();
  });

  it("404 (Dollr has no such source): says so before Pay", async () => {
    const harness = createKitHarness({ authorizeSource: () => true });
    const { events } = await setup(harness, { type: "ORDER", id: 987_654 });
    expect(await line(NOT_FOUND)).toBeTruthy();
    expect(flowRoot()?.dataset.reason).toBe("not_found");
    expect(harness.calls.some((call) => SOURCE_STATUS.test(call.path) && call.status === 404)).toBe(
      true,
    );
    expect(screen.queryByRole("button", { name: /^Pay/ })).toBeNull();
    expect(events).toContainEqual({ type: "source_refused", reason: "not_found" });
    onlyReads(harness);
  });

  it("composed by hand: the picker stays, but Pay never turns on for a refused source", async () => {
    const harness = createKitHarness();
    await harness.addWallet("231880000000");
    renderKit(
      harness,
      <CheckoutFlow.Root source={{ type: "INVOICE", id: 987_654 }}>
        <CheckoutFlow.Picker />
        <CheckoutFlow.Status />
        <CheckoutFlow.PayButton />
      </CheckoutFlow.Root>,
    );
    await line(FORBIDDEN);
    const [wallet] = await screen.findAllByRole("radio");
    await userEvent.click(wallet as HTMLElement);
    expect(wallet?.getAttribute("aria-checked")).toBe("true");
    expect(payButton().hasAttribute("disabled")).toBe(true);
    expect(payButton().dataset.state).toBe("idle");
    onlyReads(harness);
  });
});

describe("CheckoutFlow: Pay waits for the amount", () => {
  it("is off while the source is being read, and on once its amount is shown", async () => {
    const harness = createKitHarness();
    const release = harness.hold(SOURCE_STATUS);
    await setup(harness);
    const [wallet] = await screen.findAllByRole("radio");
    await userEvent.click(wallet as HTMLElement);
    // The account is chosen, but the amount is not known yet: no Pay.
    expect(wallet?.getAttribute("aria-checked")).toBe("true");
    expect(payButton().hasAttribute("disabled")).toBe(true);
    release();
    await waitFor(() => expect(payButton().hasAttribute("disabled")).toBe(false));
    expect(payButton().textContent).toMatch(/^Pay \$\d/);
  });

  it("a source status that fails for another reason (5xx) leaves Pay to the engine", async () => {
    const harness = createKitHarness();
    harness.failNext(SOURCE_STATUS, 503);
    await setup(harness);
    const [wallet] = await screen.findAllByRole("radio");
    await userEvent.click(wallet as HTMLElement);
    await waitFor(() => expect(payButton().hasAttribute("disabled")).toBe(false));
    expect(flowRoot()?.dataset.reason).toBeUndefined();
    expect(screen.queryByText(FORBIDDEN, { selector: "p" })).toBeNull();
  });
});
