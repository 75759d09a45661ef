import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PaymentReturn } from "../payment-return/PaymentReturn.tsx";
import { createHostedCheckout, payOnHostedPage } from "../test/hosted-checkout.ts";
import { createKitHarness, type KitHarness, renderKit } from "../test/kit-harness.tsx";
import { Receipt } from "./Receipt.tsx";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const RECEIPT = /^\/v1\/(invoices|orders)\/receipt\/\d+$/;
const LINK = /^\/v1\/links\/receipt$/;
const root = () => document.querySelector<HTMLElement>('[data-slot="receipt"]');
const row = (name: string) =>
  document.querySelector(`[data-row="${name}"] dd`)?.textContent?.replace(/\s/g, " ") ?? null;
const receiptCalls = (harness: KitHarness) =>
  harness.calls.filter((call) => RECEIPT.test(call.path)).length;

/** A harness whose invoice is paid with an MTN Liberia wallet (in `payerCurrency`). */
async function paidInvoice(options: Parameters<typeof createKitHarness>[0] = {}, payer?: string) {
  const harness = createKitHarness({ processingMs: 0, ...options });
  const account = await harness.addWallet(
    options.currency === "RWF" ? "250780000000" : "231880000000",
  );
  const { referenceId } = await harness.execute(account.id, payer);
  return { harness, referenceId };
}

describe("Receipt", () => {
  it("shows what a customer keeps a receipt for, and nothing more", async () => {
    const { harness, referenceId } = await paidInvoice();
    renderKit(harness, <Receipt source={harness.source} />, { strict: true });
    expect(root()?.dataset.state).toBe("loading");
    await waitFor(() => expect(root()?.dataset.state).toBe("ready"));
    expect(row("amount-paid")).toBe("$12.75");
    expect(row("fee")).toBe("$0.25");
    expect(row("order-total")).toBe("$12.50");
    expect(row("exchange-rate")).toBeNull();
    expect(row("number")).toMatch(/^INV-\d{4}-\d+$/);
    expect(screen.getByText("Invoice number")).toBeTruthy();
    expect(row("payment-method")).toBe("MTN Liberia ending in 0000");
    expect(row("reference")).toBe(referenceId);
    const time = document.querySelector<HTMLTimeElement>('[data-row="paid-at"] time');
    expect(Number.isNaN(Date.parse(time?.dateTime ?? ""))).toBe(false);
    expect(time?.textContent).toMatch(/\d{4}/);
    const items = screen.getByRole("list", { name: "Items" });
    expect(items.textContent?.replace(/\s+/g, " ").trim()).toBe("Tea $12.50");
    // Never the whole phone number, never Dollr's raw words.
    expect(document.body.textContent).not.toContain("231880000000");
    expect(document.body.textContent).not.toMatch(/PAWAPAY|MTN_MOMO_LBR|PAID\b/);
    expect(document.querySelector('[data-slot="receipt-announcer"]')?.textContent).toBe(
      "Your receipt: $12.75 paid.",
    );
    // One read: a receipt does not change.
    expect(receiptCalls(harness)).toBe(1);
    expect(screen.queryByRole("link")).toBeNull();
  });

  it("writes RWF without a minor unit", async () => {
    const { harness } = await paidInvoice({
      currency: "RWF",
      items: [{ name: "Milk", amount: "1000" }],
    });
    renderKit(harness, <Receipt source={harness.source} />);
    await waitFor(() => expect(root()?.dataset.state).toBe("ready"));
    expect(row("amount-paid")).toBe("RWF 1,020");
    expect(row("fee")).toBe("RWF 20");
    expect(row("payment-method")).toBe("MTN Rwanda ending in 0000");
  });

  it("shows the exchange rate of a payment made in another currency", async () => {
    const { harness } = await paidInvoice({}, "LRD");
    renderKit(harness, <Receipt source={harness.source} />);
    await waitFor(() => expect(root()?.dataset.state).toBe("ready"));
    expect(row("amount-paid")).toMatch(/^LRD [\d,]+\.\d{2}$/);
    expect(row("exchange-rate")).toMatch(/^1 USD = [\d.,]+ LRD$/);
    expect(row("order-total")).toBe("$12.50");
  });

  it("lists an order's items, from a hosted checkout made from a cart", async () => {
    const harness = createKitHarness({ processingMs: 0 });
    const checkout = await createHostedCheckout(harness, {
      lines: [
        { name: "Tea", unitAmount: "2.50", qty: 3 },
        { name: "Cake", unitAmount: "4.00", qty: 1 },
      ],
    });
    await payOnHostedPage(harness, checkout.url);
    renderKit(harness, <Receipt source={checkout.source} />);
    await waitFor(() => expect(root()?.dataset.state).toBe("ready"));
    expect(screen.getByText("Order number")).toBeTruthy();
    expect(row("number")).toBe(checkout.source.number);
    const lines = [...document.querySelectorAll('[data-slot="receipt-item"]')].map((item) =>
      item.textContent?.replace(/\s+/g, " ").trim(),
    );
    // Dollr's checkout items carry no quantity: the server names a line "3 × Tea".
    expect(lines).toEqual(["3 × Tea $7.50", "Cake $4.00"]);
  });

  it("before the payment is complete: says the receipt will be ready, then shows it once paid", async () => {
    const harness = createKitHarness({ processingMs: 20_000 });
    const account = await harness.addWallet("231880000000");
    vi.useFakeTimers();
    renderKit(
      harness,
      <>
        <PaymentReturn source={harness.source} />
        <Receipt source={harness.source} />
      </>,
    );
    await act(() => vi.advanceTimersByTimeAsync(50));
    expect(root()?.dataset.state).toBe("not_ready");
    expect(
      screen.getByText("Your receipt will be ready once the payment is complete", {
        selector: "p",
      }),
    ).toBeTruthy();
    expect(harness.calls.find((call) => RECEIPT.test(call.path))?.status).toBe(409);
    expect(document.body.textContent).not.toMatch(/409|Conflict|is ACTIVE/);

    const paying = harness.execute(account.id);
    await act(() => vi.advanceTimersByTimeAsync(100));
    await paying;
    // The return page sees PAID and the receipt reads itself again.
    await act(() => vi.advanceTimersByTimeAsync(25_000));
    // (React 18 renders PAID only at the end of that act: the receipt's read follows it.)
    await act(() => vi.advanceTimersByTimeAsync(50));
    expect(root()?.dataset.state).toBe("ready");
    expect(row("amount-paid")).toBe("$12.75");
    expect(receiptCalls(harness)).toBe(2);
  });

  it("links to Dollr's own receipt in a new tab, only over https", async () => {
    const { harness } = await paidInvoice();
    const page = "https://pay.dollr.example/receipt/rcpt_0123456789abcdef";
    harness.answerNext(LINK, 200, { url: page });
    renderKit(harness, <Receipt source={harness.source} showDollrReceiptLink />);
    const link = await screen.findByRole("link", { name: /View Dollr's receipt/ });
    expect(link.getAttribute("href")).toBe(page);
    expect(link.getAttribute("target")).toBe("_blank");
    expect(link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(link.textContent).toBe("View Dollr's receipt (opens in a new tab)");
  });

  it("renders no link when Dollr's link is not https (the dev backend's http://simulator.local)", async () => {
    const { harness } = await paidInvoice();
    renderKit(harness, <Receipt source={harness.source} showDollrReceiptLink />);
    const linkAnswered = () => harness.calls.some((call) => LINK.test(call.path));
    await waitFor(() => expect(linkAnswered()).toBe(true));
    // Let React take the link's answer in.
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    expect(root()?.dataset.state).toBe("ready");
    expect(screen.queryByRole("link")).toBeNull();
  });

  it("forbidden and unknown sources: plain words, no HTTP", async () => {
    const forbidden = createKitHarness({ authorizeSource: () => false });
    renderKit(forbidden, <Receipt source={forbidden.source} />);
    await waitFor(() => expect(root()?.dataset.state).toBe("forbidden"));
    expect(
      screen.getByText(
        "You can't view this receipt from your account. Sign in with the account that placed the order.",
        { selector: "p" },
      ),
    ).toBeTruthy();
    cleanup();

    const unknown = createKitHarness({ authorizeSource: () => true });
    renderKit(unknown, <Receipt source={{ type: "INVOICE", id: 424_242 }} />);
    await waitFor(() => expect(root()?.dataset.state).toBe("not_found"));
    expect(
      screen.getByText("We couldn't find a receipt for this order. Check the link you followed.", {
        selector: "p",
      }),
    ).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/\b(403|404)\b|Forbidden|Not Found/);

    cleanup();
    const garbled = createKitHarness();
    renderKit(garbled, <Receipt source={{ type: "INVOICE", id: 0 }} />);
    expect(root()?.dataset.state).toBe("not_found");
    expect(garbled.calls).toEqual([]);
  });

  it("a failed read says so with what to do, and Try again reads it", async () => {
    const { harness } = await paidInvoice();
    harness.failNext(RECEIPT, 503);
    renderKit(harness, <Receipt source={harness.source} />);
    await waitFor(() => expect(root()?.dataset.state).toBe("error"));
    expect(screen.getByText("We couldn't load your receipt.", { selector: "p" })).toBeTruthy();
    expect(screen.getByText("Try again in a few minutes.", { selector: "p" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(root()?.dataset.state).toBe("ready"));
  });
});
