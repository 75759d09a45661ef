import { act, cleanup, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createFakeStripe } from "../cards/fake-stripe.ts";
import { createKitHarness, renderKit } from "../test/kit-harness.tsx";
import { PaymentAccountPicker } from "./PaymentAccountPicker.tsx";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const root = () => document.querySelector<HTMLElement>('[data-slot="payment-account-picker"]');

describe("PaymentAccountPicker: the list", () => {
  it("shows loading, then an empty state that invites adding a method", async () => {
    const harness = createKitHarness();
    renderKit(harness, <PaymentAccountPicker />);
    expect(root()?.dataset.state).toBe("loading");
    expect(screen.getByRole("status").textContent).toMatch(/Loading your saved payment methods/);
    expect(await screen.findByText(/no saved payment methods yet/)).toBeTruthy();
    expect(root()?.dataset.state).toBe("empty");
    expect(screen.getByRole("button", { name: "Add mobile money" })).toBeTruthy();
    // No stripe: no card button at all.
    expect(screen.queryByRole("button", { name: "Add a card" })).toBeNull();
  });

  it("shows wallets with operator and masked number, cards with brand and last 4", async () => {
    const harness = createKitHarness();
    await harness.addWallet("231880000000");
    await harness.addCard("pm_card_visa", "Ama Kollie", "4242");
    renderKit(harness, <PaymentAccountPicker />, { stripe: createFakeStripe().stripe });
    await screen.findAllByRole("radio");
    const group = screen.getByRole("radiogroup", { name: "Payment method" });
    const radios = within(group).getAllByRole("radio");
    expect(radios).toHaveLength(2);
    expect(radios[0]?.textContent).toContain("MTN Mobile Money (Liberia)");
    // Grouped as Liberian numbers are written, the calling code from the account's country.
    expect(radios[0]?.textContent).toContain("+231 •• ••• •000");
    expect(radios[0]?.textContent).not.toContain("231880000000");
    expect(radios[0]?.dataset.type).toBe("mobile-money");
    expect(radios[1]?.textContent).toContain("Visa");
    expect(radios[1]?.textContent).toContain("Card ending in 4242");
    expect(radios[1]?.dataset.type).toBe("card");
    // The accessible name reads as words, not "Liberia)Mobile", and a screen reader hears the
    // number's last digits, not five "bullet"s.
    expect(
      screen.getByRole("radio", {
        name: "MTN Mobile Money (Liberia) Mobile money number ending in 000",
      }),
    ).toBe(radios[0]);
    expect(root()?.dataset.state).toBe("ready");
  });

  it("shows an error with a retry when the list cannot load", async () => {
    const harness = createKitHarness();
    await harness.addWallet("231880000000");
    harness.failNext(/^\/kit\/payment-accounts$/, 500);
    renderKit(harness, <PaymentAccountPicker />);
    expect(await screen.findByText("We couldn't load your saved payment methods.")).toBeTruthy();
    expect(root()?.dataset.state).toBe("error");
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("radio")).toBeTruthy();
  });
});

describe("PaymentAccountPicker: keyboard (WAI-ARIA radio group)", () => {
  async function setup(props: Parameters<typeof PaymentAccountPicker>[0] = {}) {
    const harness = createKitHarness();
    await harness.addWallet("231880000000", "One");
    await harness.addWallet("231770000000", "Two");
    await harness.addWallet("231880000010", "Three");
    const onValueChange = vi.fn();
    // Nothing chosen at first: the most recent account is not preselected here.
    renderKit(
      harness,
      <PaymentAccountPicker preselect={false} onValueChange={onValueChange} {...props} />,
    );
    const radios = await screen.findAllByRole("radio");
    return { radios, onValueChange, harness };
  }

  it("has one tab stop: the first radio when none is chosen", async () => {
    const { radios } = await setup();
    expect(radios.map((radio) => radio.tabIndex)).toEqual([0, -1, -1]);
    await userEvent.tab();
    expect(document.activeElement).toBe(radios[0]);
  });

  it("arrow keys move focus and choose, wrapping around; Home and End jump", async () => {
    const { radios, onValueChange } = await setup();
    const user = userEvent.setup();
    await user.tab();
    await user.keyboard("{ArrowDown}");
    expect(document.activeElement).toBe(radios[1]);
    expect(radios[1]?.getAttribute("aria-checked")).toBe("true");
    expect(radios.map((radio) => radio.tabIndex)).toEqual([-1, 0, -1]);
    await user.keyboard("{ArrowRight}");
    expect(document.activeElement).toBe(radios[2]);
    await user.keyboard("{ArrowDown}");
    expect(document.activeElement).toBe(radios[0]);
    await user.keyboard("{ArrowUp}");
    expect(document.activeElement).toBe(radios[2]);
    await user.keyboard("{Home}");
    expect(document.activeElement).toBe(radios[0]);
    await user.keyboard("{End}");
    expect(document.activeElement).toBe(radios[2]);
    expect(radios[2]?.dataset.state).toBe("checked");
    expect(onValueChange).toHaveBeenLastCalledWith(
      radios[2]?.dataset.value,
      expect.objectContaining({ account_name: "Three" }),
    );
  });

  it("Tab leaves the group from the chosen radio; Space chooses the focused one", async () => {
    const { radios } = await setup();
    const user = userEvent.setup();
    await user.click(radios[1] as HTMLElement);
    expect(radios.map((radio) => radio.tabIndex)).toEqual([-1, 0, -1]);
    await user.tab();
    expect(radios).not.toContain(document.activeElement);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(radios[1]);
    (radios[2] as HTMLElement).focus();
    await user.keyboard(" ");
    expect(radios[2]?.getAttribute("aria-checked")).toBe("true");
  });

  it("left and right swap in a right-to-left layout", async () => {
    const { radios } = await setup({ dir: "rtl" });
    const user = userEvent.setup();
    await user.tab();
    await user.keyboard("{ArrowLeft}");
    expect(document.activeElement).toBe(radios[1]);
    await user.keyboard("{ArrowRight}");
    expect(document.activeElement).toBe(radios[0]);
  });

  it("is controllable: value wins, and a disabled picker ignores keys", async () => {
    const harness = createKitHarness();
    const first = await harness.addWallet("231880000000", "One");
    await harness.addWallet("231770000000", "Two");
    const onValueChange = vi.fn();
    const { rerenderKit } = renderKit(
      harness,
      <PaymentAccountPicker value={first.id} onValueChange={onValueChange} />,
    );
    const radios = await screen.findAllByRole("radio");
    expect(radios[0]?.getAttribute("aria-checked")).toBe("true");
    await userEvent.click(radios[1] as HTMLElement);
    expect(onValueChange).toHaveBeenCalledTimes(1);
    // Controlled: nothing changes until the parent says so.
    expect(radios[0]?.getAttribute("aria-checked")).toBe("true");
    rerenderKit(<PaymentAccountPicker value={first.id} onValueChange={onValueChange} disabled />);
    await userEvent.click(radios[1] as HTMLElement);
    expect(onValueChange).toHaveBeenCalledTimes(1);
    expect(root()?.dataset.disabled).toBe("");
  });
});

describe("PaymentAccountPicker: add mobile money", () => {
  it("normalises the phone, predicts the operator once typing settles, saves and chooses the wallet", async () => {
    const harness = createKitHarness();
    const onValueChange = vi.fn();
    renderKit(harness, <PaymentAccountPicker onValueChange={onValueChange} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Add mobile money" }));
    expect(root()?.dataset.state).toBe("adding-mobile-money");
    await user.type(screen.getByLabelText("Phone number"), "+231 88-000 0000");
    expect(await screen.findByText("Operator: MTN Mobile Money (Liberia)")).toBeTruthy();
    await user.type(screen.getByLabelText("Name on the account"), "Ama Kollie");
    await user.click(screen.getByRole("button", { name: "Save wallet" }));
    const radio = await screen.findByRole("radio");
    expect(radio.getAttribute("aria-checked")).toBe("true");
    expect(onValueChange).toHaveBeenCalledWith(
      radio.dataset.value,
      expect.objectContaining({ method: "MTN_MOMO_LBR", masked_number: "*********000" }),
    );
    const posted = harness.calls.filter(
      (call) => call.path === "/kit/payment-accounts" && call.method === "POST",
    );
    expect(posted).toHaveLength(1);
    const predictions = harness.calls.filter(
      (call) => call.path === "/v1/predictions/mmo-provider-info",
    );
    expect(predictions).toHaveLength(1);
  });

  it("lets the customer override the operator for a ported number", async () => {
    const harness = createKitHarness();
    renderKit(harness, <PaymentAccountPicker predictDelayMs={0} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Add mobile money" }));
    await user.type(screen.getByLabelText("Phone number"), "231880000000");
    const select = await screen.findByLabelText("Operator");
    // Only the predicted country's operators are offered.
    const options = within(select)
      .getAllByRole("option")
      .map((option) => option.textContent);
    expect(options).toEqual(["Detected (MTN Mobile Money (Liberia))", "Orange Money (Liberia)"]);
    await user.selectOptions(select, "ORANGE_MONEY_LBR");
    expect(screen.getByText("Operator: Orange Money (Liberia)")).toBeTruthy();
    await user.type(screen.getByLabelText("Name on the account"), "Ama");
    await user.click(screen.getByRole("button", { name: "Save wallet" }));
    const radio = await screen.findByRole("radio");
    expect(radio.textContent).toContain("Orange Money (Liberia)");
  });

  it("asks for the operator when the number's operator cannot be predicted", async () => {
    const harness = createKitHarness();
    renderKit(harness, <PaymentAccountPicker predictDelayMs={0} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Add mobile money" }));
    // A Lonestar Cell MTN number (0555) the simulated Dollr cannot place.
    await user.type(screen.getByLabelText("Phone number"), "0555 123 456");
    expect(await screen.findByText(/couldn't tell this number's operator/)).toBeTruthy();
    await user.type(screen.getByLabelText("Name on the account"), "Ama");
    await user.click(screen.getByRole("button", { name: "Save wallet" }));
    expect(
      screen.getByText("Choose your operator.", { selector: "[data-slot=field-error]" }),
    ).toBeTruthy();
    expect(harness.calls.some((call) => call.method === "POST")).toBe(false);
  });

  it("validates the phone and the name before sending anything", async () => {
    const harness = createKitHarness();
    renderKit(harness, <PaymentAccountPicker predictDelayMs={0} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Add mobile money" }));
    await user.type(screen.getByLabelText("Phone number"), "0880");
    await user.click(screen.getByRole("button", { name: "Save wallet" }));
    const phone = screen.getByLabelText("Phone number");
    expect(phone.getAttribute("aria-invalid")).toBe("true");
    expect(
      screen.getByText(/too short\. Numbers in Liberia have 9 digits after the 0\./),
    ).toBeTruthy();
    expect(screen.getByText("Enter the name on the account.")).toBeTruthy();
    expect(harness.calls.filter((call) => call.path.startsWith("/v1/predictions"))).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(root()?.dataset.state).toBe("empty");
  });
});

describe("PaymentAccountPicker: compound parts", () => {
  it("renders with a custom layout from its parts", async () => {
    const harness = createKitHarness();
    await harness.addWallet("231880000000", "One");
    renderKit(
      harness,
      <PaymentAccountPicker.Root className="mine">
        <PaymentAccountPicker.Group
          aria-label="Pay with"
          renderItem={(account) => (
            <PaymentAccountPicker.Item key={account.id} account={account} className="row">
              {account.account_name}
            </PaymentAccountPicker.Item>
          )}
        />
      </PaymentAccountPicker.Root>,
    );
    const radio = await screen.findByRole("radio", { name: "One" });
    expect(radio.className).toContain("row");
    expect(screen.getByRole("radiogroup", { name: "Pay with" })).toBeTruthy();
    expect(root()?.className).toContain("mine");
    await act(async () => {
      await userEvent.click(radio);
    });
    expect(radio.dataset.state).toBe("checked");
  });
});
