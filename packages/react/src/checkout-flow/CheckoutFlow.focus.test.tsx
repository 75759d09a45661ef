/**
 * Focus goes where a keyboard or screen-reader user expects it (in the `react` and `react-18`
 * projects): after Pay to the wait's status view, on success to the result's message, after an
 * error to its message with its action the next tab stop; never left on <body> when a part that
 * held it unmounts; never taken on load or from elsewhere on the page. Moving focus never makes
 * a second announcement: the one live region says each change once.
 */
import { act, cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createKitHarness, type KitHarness, renderKit } from "../test/kit-harness.tsx";
import { CheckoutFlow } from "./CheckoutFlow.tsx";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const flowState = () =>
  document.querySelector<HTMLElement>('[data-slot="checkout-flow"]')?.dataset.state;
const waitForState = (state: string) =>
  waitFor(() => expect(flowState()).toBe(state), { timeout: 4_000 });
const payButton = () => screen.getByRole("button", { name: /^Pay/ });
const active = () => document.activeElement as HTMLElement;

/** Every text the flow's live region took, in order (a screen reader speaks each once). */
function recordAnnouncements(): string[] {
  const region = document.querySelector('[data-slot="checkout-flow-announcer"]') as HTMLElement;
  const heard: string[] = [];
  new MutationObserver(() => {
    if (region.textContent) heard.push(region.textContent);
  }).observe(region, { childList: true, characterData: true, subtree: true });
  return heard;
}

/** The focused element speaks only when focused: it is not, and is not in, a live region. */
function expectNotLive(element: HTMLElement) {
  expect(element.closest('[aria-live],[role="status"],[role="alert"]')).toBeNull();
}

async function payWithFirstWallet(
  harness: KitHarness,
  page = <CheckoutFlow source={harness.source} />,
) {
  renderKit(harness, page);
  await waitForState("selecting");
  const [wallet] = await screen.findAllByRole("radio");
  await userEvent.click(wallet as HTMLElement);
  await waitFor(() => expect(payButton().hasAttribute("disabled")).toBe(false));
  expect(active()).toBe(wallet);
  // Tab past "Add mobile money" to Pay, and press it from the keyboard.
  await userEvent.tab();
  await userEvent.tab();
  expect(active()).toBe(payButton());
  await userEvent.keyboard("{Enter}");
}

describe("CheckoutFlow: focus", () => {
  it("after Pay, focus is on the status view; on success, on the result's message; each change said once", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const harness = createKitHarness({ processingMs: 30_000 });
    await harness.addWallet("231880000000");
    renderKit(harness, <CheckoutFlow source={harness.source} />);
    await waitForState("selecting");
    // Nothing is focused on load.
    expect(active()).toBe(document.body);
    const heard = recordAnnouncements();
    const [wallet] = await screen.findAllByRole("radio");
    await userEvent.click(wallet as HTMLElement);
    await waitFor(() => expect(payButton().hasAttribute("disabled")).toBe(false));
    await userEvent.click(payButton());

    await waitForState("processing");
    await waitFor(() => expect(active().dataset.slot).toBe("execution-status"));
    expect(active().tabIndex).toBe(-1);
    expect(active().textContent).toContain("Approve the payment on your phone");
    expectNotLive(active());

    await advance(35_000);
    await waitForState("succeeded");
    await waitFor(() => expect(active().textContent).toBe("Payment received. Thank you!"));
    expect(active().dataset.slot).toBe("checkout-flow-status-message");
    expect(active().tabIndex).toBe(-1);
    expectNotLive(active());
    // Each announcement once, in order: moving focus added none.
    expect(heard.filter((text) => text.startsWith("Payment received"))).toHaveLength(1);
    expect(heard.every((text, index) => index === 0 || heard[index - 1] !== text)).toBe(true);
    expect(new Set(heard).size).toBe(heard.length);
  });

  it("pressing Pay from the keyboard keeps focus on it while starting, then moves it to the wait", async () => {
    const harness = createKitHarness({ processingMs: 60_000 });
    await harness.addWallet("231880000000");
    await payWithFirstWallet(harness);
    await waitForState("processing");
    await waitFor(() => expect(active().dataset.slot).toBe("execution-status"));
  });

  it("after a decline, focus is on the error's message and its action is the next tab stop", async () => {
    const harness = createKitHarness();
    await harness.addWallet("231880000003", "Declines");
    await payWithFirstWallet(harness);
    await waitForState("failed");
    await waitFor(() => expect(active().textContent).toBe("The payment didn't go through."));
    expectNotLive(active());
    await userEvent.tab();
    expect(active()).toBe(screen.getByRole("button", { name: "Try again" }));

    // The button that held focus unmounts with the status: focus comes back to the picker.
    await userEvent.tab();
    await userEvent.keyboard("{Enter}");
    await waitForState("selecting");
    await waitFor(() => expect(active().getAttribute("role")).toBe("radio"));
    expect(active()).not.toBe(document.body);
  });

  it("leaves focus alone when it is elsewhere on the page", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const harness = createKitHarness({ processingMs: 30_000 });
    await harness.addWallet("231880000000");
    await payWithFirstWallet(
      harness,
      <>
        <input aria-label="Order note" />
        <CheckoutFlow source={harness.source} />
      </>,
    );
    await waitForState("processing");
    const note = screen.getByRole("textbox", { name: "Order note" });
    note.focus();
    await advance(35_000);
    await waitForState("succeeded");
    expect(active()).toBe(note);
  });

  it("in a layout of the app's own, focus finds the parts there too", async () => {
    const harness = createKitHarness();
    await harness.addWallet("231880000003", "Declines");
    renderKit(
      harness,
      <CheckoutFlow source={harness.source}>
        <CheckoutFlow.PayButton />
        <CheckoutFlow.Picker />
        <CheckoutFlow.Status className="mine" />
      </CheckoutFlow>,
    );
    await waitForState("selecting");
    const [wallet] = await screen.findAllByRole("radio");
    await userEvent.click(wallet as HTMLElement);
    await waitFor(() => expect(payButton().hasAttribute("disabled")).toBe(false));
    await userEvent.click(payButton());
    await waitForState("failed");
    await waitFor(() => expect(active().dataset.slot).toBe("checkout-flow-status-message"));
  });
});
