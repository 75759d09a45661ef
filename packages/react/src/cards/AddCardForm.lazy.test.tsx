/**
 * The card form's code (with @stripe/react-stripe-js) is a lazy chunk: nothing on the
 * mobile-money path imports it; opening "Add a card" does. The tests run in order in one module
 * graph (a file is its own), so the first sees nothing imported yet.
 */
import type { Stripe } from "@stripe/stripe-js";
import { act, cleanup, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PaymentAccountPicker } from "../payment-account-picker.ts";
import { createKitHarness, renderKit } from "../test/kit-harness.tsx";
import { createFakeStripe } from "./fake-stripe.ts";

/** Which card modules were evaluated (a mock factory runs at a module's first import). */
const imported = vi.hoisted(() => new Set<string>());
vi.mock("@stripe/react-stripe-js", async (importOriginal) => {
  imported.add("@stripe/react-stripe-js");
  return importOriginal();
});
vi.mock("./StripeCardForm.tsx", async (importOriginal) => {
  imported.add("StripeCardForm");
  return importOriginal();
});

afterEach(() => {
  cleanup();
});

describe("AddCardForm: the card form loads only when a card is added", () => {
  it("a mobile-money customer, with cards offered and a saved card shown, imports none of it", async () => {
    const harness = createKitHarness();
    await harness.addCard("pm_card_visa", "Ama Kollie", "4242");
    const fake = createFakeStripe();
    const load = vi.fn(async (): Promise<Stripe | null> => fake.stripe);
    renderKit(harness, <PaymentAccountPicker predictDelayMs={0} />, { stripe: load, strict: true });
    const user = userEvent.setup();
    expect(await screen.findByRole("radio")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Add a card" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Add mobile money" }));
    await user.type(screen.getByLabelText("Phone number"), "231880000000");
    expect(await screen.findByText("Operator: MTN Mobile Money (Liberia)")).toBeTruthy();
    await user.type(screen.getByLabelText("Name on the account"), "Ama Kollie");
    await user.click(screen.getByRole("button", { name: "Save wallet" }));
    const wallet = await screen.findByRole("radio", { checked: true });
    expect(wallet.dataset.type).toBe("mobile-money");
    expect([...imported]).toEqual([]);
    expect(load).not.toHaveBeenCalled();
  });

  it("opening 'Add a card' loads it (beside Stripe.js), then the card is saved", async () => {
    const harness = createKitHarness();
    const fake = createFakeStripe({ simulator: harness.simulator.control });
    const onValueChange = vi.fn();
    let resolveStripe: (stripe: Stripe) => void = () => {};
    const stripeLoaded = new Promise<Stripe>((resolve) => {
      resolveStripe = resolve;
    });
    renderKit(harness, <PaymentAccountPicker onValueChange={onValueChange} />, {
      stripe: () => stripeLoaded,
      strict: true,
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Add a card" }));
    // The chunk is fetched while Stripe.js is still loading, not after it.
    await vi.waitFor(() => expect(imported.has("StripeCardForm")).toBe(true));
    expect(screen.getByRole("status").textContent).toContain("Loading card payments…");
    expect(screen.queryByLabelText("Name on the card")).toBeNull();
    await act(async () => resolveStripe(fake.stripe));
    const name = await screen.findByLabelText("Name on the card");
    expect([...imported].sort()).toEqual(["@stripe/react-stripe-js", "StripeCardForm"]);
    await user.type(name, "Ama Kollie");
    await user.type(screen.getByLabelText("Card number"), "4242 4242 4242 4242");
    await user.click(screen.getByRole("button", { name: "Save card" }));
    const radio = await screen.findByRole("radio", { checked: true });
    expect(radio.textContent).toContain("4242");
    expect(fake.calls.filter((call) => call.method === "createPaymentMethod")).toHaveLength(1);
    expect(onValueChange).toHaveBeenCalledWith(
      radio.dataset.value,
      expect.objectContaining({ type: "CARD", last4: "4242" }),
    );
  });
});
