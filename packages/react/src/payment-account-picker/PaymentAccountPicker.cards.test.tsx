import { cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createFakeStripe } from "../cards/fake-stripe.ts";
import { createKitHarness, renderKit } from "../test/kit-harness.tsx";
import { PaymentAccountPicker } from "./PaymentAccountPicker.tsx";

afterEach(cleanup);

const root = () => document.querySelector<HTMLElement>('[data-slot="payment-account-picker"]');

describe("PaymentAccountPicker: add a card", () => {
  it("offers cards only with Stripe, and saves a card through Elements and the proxy", async () => {
    const harness = createKitHarness();
    const fake = createFakeStripe({ simulator: harness.simulator.control });
    const onValueChange = vi.fn();
    renderKit(harness, <PaymentAccountPicker onValueChange={onValueChange} />, {
      stripe: fake.stripe,
      strict: true,
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Add a card" }));
    expect(root()?.dataset.state).toBe("adding-card");
    // The form's code is a lazy chunk: it appears once that has loaded.
    await user.type(await screen.findByLabelText("Name on the card"), "Ama Kollie");
    // StrictMode created, destroyed and created the card element: one live input on the page.
    await user.type(screen.getByLabelText("Card number"), "4242 4242 4242 4242");
    await user.click(screen.getByRole("button", { name: "Save card" }));
    const radio = await screen.findByRole("radio");
    expect(radio.textContent).toContain("Visa");
    expect(radio.textContent).toContain("4242");
    expect(fake.calls.filter((call) => call.method === "createPaymentMethod")).toHaveLength(1);
    expect(onValueChange).toHaveBeenCalledWith(
      radio.dataset.value,
      expect.objectContaining({ type: "CARD", last4: "4242" }),
    );
  });

  it("shows Stripe's own validation message and sends nothing for an incomplete card", async () => {
    const harness = createKitHarness();
    const fake = createFakeStripe();
    renderKit(harness, <PaymentAccountPicker defaultMode="add-card" />, { stripe: fake.stripe });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Name on the card"), "Ama");
    await user.type(screen.getByLabelText("Card number"), "4242");
    await user.click(screen.getByRole("button", { name: "Save card" }));
    expect(screen.getByText("Enter your card details.")).toBeTruthy();
    expect(fake.calls.some((call) => call.method === "createPaymentMethod")).toBe(false);
  });

  it("says cards are unavailable when the Stripe promise fails, and mobile money still works", async () => {
    const harness = createKitHarness();
    const failing = Promise.reject(new Error("blocked by an ad blocker"));
    failing.catch(() => {});
    renderKit(harness, <PaymentAccountPicker />, { stripe: failing });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Add a card" }));
    await waitFor(() =>
      expect(screen.getByText("Card payments are unavailable right now.")).toBeTruthy(),
    );
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.getByRole("button", { name: "Add mobile money" })).toBeTruthy();
  });
});
