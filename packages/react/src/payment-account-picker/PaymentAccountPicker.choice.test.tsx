import type { SavedPaymentAccount } from "@dollr-kit/core/internal";
import { cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createFakeStripe } from "../cards/fake-stripe.ts";
import { mostRecentAccount } from "../payment-accounts/most-recent.ts";
import { createKitHarness, type KitHarness, renderKit } from "../test/kit-harness.tsx";
import { PaymentAccountPicker } from "./PaymentAccountPicker.tsx";

afterEach(cleanup);

const checkedNames = () =>
  screen
    .getAllByRole("radio")
    .filter((radio) => radio.getAttribute("aria-checked") === "true")
    .map((radio) => radio.textContent);

/** Saves wallets a minute apart on the simulator's clock, oldest first. */
async function savedOverTime(harness: KitHarness, ...names: string[]) {
  const saved: SavedPaymentAccount[] = [];
  for (const [index, name] of names.entries()) {
    saved.push(await harness.addWallet(`23188000001${index}`, name));
    harness.simulator.control.advance(60_000);
  }
  return saved;
}

describe("PaymentAccountPicker: the last used method is chosen at first", () => {
  it("chooses the most recent saved account when nothing is chosen, once", async () => {
    const harness = createKitHarness();
    const [, , latest] = await savedOverTime(harness, "One", "Two", "Three");
    const onValueChange = vi.fn();
    renderKit(harness, <PaymentAccountPicker onValueChange={onValueChange} />);
    await waitFor(() => expect(onValueChange).toHaveBeenCalledTimes(1));
    expect(onValueChange).toHaveBeenCalledWith(
      latest?.id,
      expect.objectContaining({ account_name: "Three" }),
    );
    expect(checkedNames()).toEqual([expect.stringContaining("ending in 012")]);
    // The chosen radio is the group's tab stop.
    const checked = screen.getByRole("radio", { checked: true });
    expect(checked.tabIndex).toBe(0);
  });

  it("tells a controlled parent, and never re-chooses after the parent clears the choice", async () => {
    const harness = createKitHarness();
    const [, latest] = await savedOverTime(harness, "One", "Two");
    const onValueChange = vi.fn();
    const { rerenderKit } = renderKit(
      harness,
      <PaymentAccountPicker value={null} onValueChange={onValueChange} />,
    );
    await waitFor(() => expect(onValueChange).toHaveBeenCalledWith(latest?.id, expect.anything()));
    rerenderKit(<PaymentAccountPicker value={latest?.id ?? null} onValueChange={onValueChange} />);
    rerenderKit(<PaymentAccountPicker value={null} onValueChange={onValueChange} />);
    await screen.findAllByRole("radio");
    expect(onValueChange).toHaveBeenCalledTimes(1);
    expect(checkedNames()).toEqual([]);
  });

  it("keeps a given choice, waits while disabled, and can be turned off", async () => {
    const harness = createKitHarness();
    const [first] = await savedOverTime(harness, "One", "Two");
    const onValueChange = vi.fn();
    renderKit(
      harness,
      <PaymentAccountPicker defaultValue={first?.id} onValueChange={onValueChange} />,
    );
    await screen.findAllByRole("radio");
    expect(checkedNames()).toEqual([expect.stringContaining("ending in 010")]);
    cleanup();

    const disabled = renderKit(
      harness,
      <PaymentAccountPicker disabled onValueChange={onValueChange} />,
    );
    await screen.findAllByRole("radio");
    expect(checkedNames()).toEqual([]);
    disabled.rerenderKit(<PaymentAccountPicker onValueChange={onValueChange} />);
    await waitFor(() => expect(checkedNames()).toEqual([expect.stringContaining("ending in 011")]));
    cleanup();

    onValueChange.mockClear();
    renderKit(harness, <PaymentAccountPicker preselect={false} />);
    await screen.findAllByRole("radio");
    expect(checkedNames()).toEqual([]);
    expect(onValueChange).not.toHaveBeenCalled();
  });

  it("reads the latest created_at, whatever the list order; ties go to the later one", () => {
    const account = (id: string, created_at: string) =>
      ({ id, created_at }) as unknown as SavedPaymentAccount;
    expect(
      mostRecentAccount([
        account("b", "2026-06-02T00:00:00Z"),
        account("c", "2026-06-03T00:00:00Z"),
        account("a", "2026-06-01T00:00:00Z"),
      ])?.id,
    ).toBe("c");
    expect(
      mostRecentAccount([
        account("a", "2026-06-01T00:00:00Z"),
        account("b", "2026-06-01T00:00:00Z"),
      ])?.id,
    ).toBe("b");
    expect(
      mostRecentAccount([account("a", "2026-06-01T00:00:00Z"), account("b", "junk")])?.id,
    ).toBe("a");
    expect(mostRecentAccount([])).toBeNull();
  });
});

describe("PaymentAccountPicker: saved cards need cards on", () => {
  async function walletThenCard() {
    const harness = createKitHarness();
    await savedOverTime(harness, "Wallet");
    await harness.addCard("pm_card_visa", "Ama Kollie", "4242");
    return harness;
  }

  it("hides saved cards without the cards plug-in, and chooses the wallet instead", async () => {
    const harness = await walletThenCard();
    renderKit(harness, <PaymentAccountPicker />);
    await waitFor(() => expect(checkedNames()).toHaveLength(1));
    expect(screen.getAllByRole("radio")).toHaveLength(1);
    expect(screen.queryByText(/Visa|4242/)).toBeNull();
    expect(checkedNames()[0]).toContain("Mobile money");
  });

  it("lists them with the cards plug-in, the card (saved last) chosen", async () => {
    const harness = await walletThenCard();
    renderKit(harness, <PaymentAccountPicker />, { stripe: createFakeStripe().stripe });
    await waitFor(() => expect(checkedNames()).toHaveLength(1));
    expect(screen.getAllByRole("radio")).toHaveLength(2);
    expect(checkedNames()[0]).toContain("Card ending in 4242");
  });

  it("loads Stripe.js when the customer chooses a card, not for its own preselection", async () => {
    const harness = await walletThenCard();
    const fake = createFakeStripe();
    const load = vi.fn(async () => fake.stripe);
    renderKit(harness, <PaymentAccountPicker />, { stripe: load, strict: true });
    await waitFor(() => expect(checkedNames()[0]).toContain("Card ending in 4242"));
    expect(load).not.toHaveBeenCalled();
    const [wallet, card] = screen.getAllByRole("radio");
    await userEvent.click(wallet as HTMLElement);
    await userEvent.click(card as HTMLElement);
    await waitFor(() => expect(load).toHaveBeenCalledTimes(1));
  });
});

describe("PaymentAccountPicker: a refused wallet is explained in plain words", () => {
  it.each([
    [
      422,
      { detail: [{ loc: ["body", "phone"], msg: "<img src=x onerror=alert(1)> 231880000000" }] },
      "We couldn't save this wallet. This phone number wasn't accepted. Check the number and its country code, then try again.",
    ],
    [
      500,
      { detail: "Traceback (most recent call last): psycopg.OperationalError" },
      "We couldn't save this wallet. The payment service isn't working right now. Try again in a few minutes.",
    ],
  ])("HTTP %s", async (status, body, words) => {
    const harness = createKitHarness();
    renderKit(harness, <PaymentAccountPicker defaultMode="add-mobile-money" predictDelayMs={0} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Phone number"), "231880000000");
    await screen.findByText("Operator: MTN Mobile Money (Liberia)");
    await user.type(screen.getByLabelText("Name on the account"), "Ama Kollie");
    harness.answerNext(/^\/kit\/payment-accounts$/, status, body);
    await user.click(screen.getByRole("button", { name: "Save wallet" }));
    expect(await screen.findByText(words)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/HTTP|img|Traceback|psycopg|\b(422|500)\b/);
    expect(document.querySelector("img")).toBeNull();
  });
});
