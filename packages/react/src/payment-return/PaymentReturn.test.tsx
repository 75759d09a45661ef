import { focusManager, onlineManager } from "@tanstack/react-query";
import { act, cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createHostedCheckout, payOnHostedPage, SHOP_ORIGIN } from "../test/hosted-checkout.ts";
import { createKitHarness, type KitHarness, renderKit } from "../test/kit-harness.tsx";
import { PaymentReturn } from "./PaymentReturn.tsx";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  focusManager.setFocused(undefined);
  onlineManager.setOnline(true);
  window.history.replaceState(null, "", "/");
});

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const root = () => document.querySelector<HTMLElement>('[data-slot="payment-return"]');
const message = () => document.querySelector('[data-slot="payment-return-message"]')?.textContent;
const announced = () =>
  document.querySelector('[data-slot="payment-return-announcer"]')?.textContent ?? "";
const sourceCalls = (harness: KitHarness) =>
  harness.calls.filter((call) => call.path === "/v1/status/source").length;
const focusAgain = () =>
  act(() => {
    focusManager.setFocused(false);
    focusManager.setFocused(true);
  });

/** The customer's payment lands while the page is open (time moves on while it is sent). */
async function payMeanwhile(harness: KitHarness, accountId: string) {
  const paying = harness.execute(accountId);
  await advance(100);
  await paying;
}

const CHECKING = "Checking whether your payment went through…";
const NOT_STARTED = "Your payment hasn't started or was cancelled on Dollr's page";

describe("PaymentReturn: the source's status, from the proxy only", () => {
  it("after paying on Dollr's page: PROCESSING, then PAID, onPaid once, then no more asking", async () => {
    const harness = createKitHarness({ processingMs: 60_000 });
    const checkout = await createHostedCheckout(harness, {
      successUrl: `${SHOP_ORIGIN}/thanks?order=42`,
    });
    const paid = await payOnHostedPage(harness, checkout.url);
    expect(paid.status).toBe(303);
    vi.useFakeTimers();
    const onPaid = vi.fn();
    renderKit(harness, <PaymentReturn source={checkout.source} onPaid={onPaid} />, {
      strict: true,
    });
    expect(root()?.dataset.state).toBe("loading");
    expect(message()).toBe("Checking your payment…");

    await advance(50);
    expect(root()?.dataset.state).toBe("processing");
    expect(root()?.dataset.checking).toBe("");
    expect(message()).toBe("We're confirming your payment…");
    expect(
      screen.getByText("This can take a few minutes. We'll show the result here."),
    ).toBeTruthy();
    expect(
      screen.getByText(`Order ${checkout.source.number}: $7.50`, { selector: "p" }),
    ).toBeTruthy();
    expect(announced()).toContain("We're confirming your payment…");

    await advance(61_000);
    expect(root()?.dataset.state).toBe("paid");
    expect(root()?.dataset.checking).toBeUndefined();
    expect(message()).toBe("Payment received");
    expect(announced()).toBe("Payment received");
    expect(onPaid).toHaveBeenCalledTimes(1);
    expect(onPaid.mock.calls[0]?.[0]).toMatchObject({
      source_id: String(checkout.source.id),
      status: "PAID",
      total_amount: "7.5",
    });
    expect(screen.queryByRole("button", { name: "Check again" })).toBeNull();

    const calls = sourceCalls(harness);
    await advance(20 * 60_000);
    await focusAgain();
    await advance(1_000);
    expect(sourceCalls(harness)).toBe(calls);
    expect(onPaid).toHaveBeenCalledTimes(1);
  });

  it("never trusts the URL: a forged ?status=PAID shows nothing paid", async () => {
    const harness = createKitHarness();
    const checkout = await createHostedCheckout(harness);
    // The customer (or anyone) edits the return address; nothing was paid.
    window.history.replaceState(null, "", "/thanks?status=PAID&source_status=PAID&paid=true");
    vi.useFakeTimers();
    const onPaid = vi.fn();
    renderKit(harness, <PaymentReturn source={checkout.source} onPaid={onPaid} />);
    await advance(50);
    expect(root()?.dataset.state).toBe("active");
    expect(message()).toBe(CHECKING);
    await advance(31_000);
    expect(root()?.dataset.state).toBe("active");
    expect(message()).toBe(NOT_STARTED);
    expect(document.body.textContent).not.toContain("Payment received");
    expect(onPaid).not.toHaveBeenCalled();
    expect(harness.calls.every((call) => !call.path.includes("status=PAID"))).toBe(true);
  });

  it("asks an ACTIVE source for a short while after the return, then stops and says so", async () => {
    const harness = createKitHarness();
    vi.useFakeTimers();
    renderKit(harness, <PaymentReturn source={harness.source} />);
    await advance(50);
    expect(root()?.dataset.checking).toBe("");
    expect(screen.queryByRole("button", { name: "Check again" })).toBeNull();
    await advance(30_000);
    expect(root()?.dataset.checking).toBeUndefined();
    expect(message()).toBe(NOT_STARTED);
    expect(
      screen.getByText(
        "If you've just paid, check again in a moment. Otherwise, go back to the shop to pay.",
      ),
    ).toBeTruthy();
    // The default policy: every 2 s for ten seconds, then every 3 s.
    const asked = sourceCalls(harness);
    expect(asked).toBeGreaterThanOrEqual(10);
    expect(asked).toBeLessThanOrEqual(14);
    await advance(10 * 60_000);
    expect(sourceCalls(harness)).toBe(asked);
    expect(screen.getByRole("button", { name: "Check again" })).toBeTruthy();
  });

  it("sees a payment that lands just after the return, and follows it to PAID", async () => {
    const harness = createKitHarness({ processingMs: 40_000 });
    const account = await harness.addWallet("231880000000");
    vi.useFakeTimers();
    const onPaid = vi.fn();
    renderKit(harness, <PaymentReturn source={harness.source} onPaid={onPaid} />);
    await advance(50);
    expect(root()?.dataset.state).toBe("active");
    await payMeanwhile(harness, account.id);
    await advance(3_000);
    expect(root()?.dataset.state).toBe("processing");
    // The wait for PROCESSING is its own: past the ACTIVE grace it keeps asking.
    await advance(45_000);
    expect(root()?.dataset.state).toBe("paid");
    expect(onPaid).toHaveBeenCalledTimes(1);
  });

  it("looks again on focus after it stopped, and Check again restarts the asking", async () => {
    const harness = createKitHarness({ processingMs: 20_000 });
    const account = await harness.addWallet("231880000000");
    vi.useFakeTimers();
    renderKit(harness, <PaymentReturn source={harness.source} />);
    await advance(31_000);
    expect(message()).toBe(NOT_STARTED);
    const stopped = sourceCalls(harness);

    await payMeanwhile(harness, account.id);
    await focusAgain();
    await advance(50);
    expect(sourceCalls(harness)).toBe(stopped + 1);
    expect(root()?.dataset.state).toBe("processing");
    await advance(25_000);
    expect(root()?.dataset.state).toBe("paid");

    // Check again on an ACTIVE source of its own: asks now, then for the grace again.
    cleanup();
    const other = createKitHarness();
    renderKit(other, <PaymentReturn source={other.source} />);
    await advance(31_000);
    const before = sourceCalls(other);
    fireEvent.click(screen.getByRole("button", { name: "Check again" }));
    await advance(50);
    expect(sourceCalls(other)).toBe(before + 1);
    expect(message()).toBe(CHECKING);
    await advance(10_000);
    expect(sourceCalls(other)).toBeGreaterThan(before + 3);
  });

  it("says a cancelled order is cancelled, calls onCanceled, and stops", async () => {
    const harness = createKitHarness();
    const token = harness.simulator.control.issueToken();
    const cancel = await harness.simulator(
      new Request(`http://127.0.0.1:4010/v1/invoices/cancel/${harness.source.id}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    expect(cancel.status).toBe(200);
    vi.useFakeTimers();
    const onCanceled = vi.fn();
    const onPaid = vi.fn();
    renderKit(
      harness,
      <PaymentReturn source={harness.source} onCanceled={onCanceled} onPaid={onPaid} />,
    );
    await advance(50);
    expect(root()?.dataset.state).toBe("canceled");
    expect(message()).toBe("This order was cancelled");
    expect(screen.getByText("Contact the shop if you think this is a mistake.")).toBeTruthy();
    expect(onCanceled).toHaveBeenCalledTimes(1);
    expect(onPaid).not.toHaveBeenCalled();
    await advance(60_000);
    expect(sourceCalls(harness)).toBe(1);
  });

  it("stops at the polling cap while PROCESSING: expired, never failed", async () => {
    // A wallet that stays PROCESSING while its session lives (an hour here).
    const harness = createKitHarness({ sessionTtlMs: 60 * 60_000 });
    const account = await harness.addWallet("231880000002");
    await harness.execute(account.id);
    vi.useFakeTimers();
    renderKit(harness, <PaymentReturn source={harness.source} />);
    await advance(10 * 60_000 + 1_000);
    expect(root()?.dataset.state).toBe("expired");
    expect(message()).toBe("We stopped checking automatically. Your payment may still complete.");
    const calls = sourceCalls(harness);
    expect(calls).toBeLessThanOrEqual(60);
    await advance(5 * 60_000);
    expect(sourceCalls(harness)).toBe(calls);
    fireEvent.click(screen.getByRole("button", { name: "Check again" }));
    await advance(50);
    expect(root()?.dataset.state).toBe("processing");
    expect(sourceCalls(harness)).toBe(calls + 1);
  });
});
