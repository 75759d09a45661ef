import { cleanup, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CheckoutFlow } from "../checkout-flow/CheckoutFlow.tsx";
import { createKitHarness, renderKit } from "../test/kit-harness.tsx";
import { AddMobileMoneyForm } from "./AddMobileMoneyForm.tsx";
import { PaymentAccountPicker } from "./PaymentAccountPicker.tsx";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const phoneInput = () => screen.getByLabelText<HTMLInputElement>("Phone number");
const shown = () => document.querySelector('[data-slot="phone-shown"]')?.textContent ?? "";
const fieldError = () => document.querySelector('[data-slot="field-error"]')?.textContent ?? null;

describe("AddMobileMoneyForm: numbers as people write them", () => {
  it.each([
    ["0886123456", "088 612 3456", "Liberia", "+231 88 612 3456", "231886123456", "•456"],
    ["078 123 4567", "0781 234 567", "Rwanda", "+250 781 234 567", "250781234567", " 567"],
  ])(
    "saves %j as %s and shows it grouped",
    async (typed, regrouped, country, international, digits, tail) => {
      const harness = createKitHarness();
      const predict = vi.spyOn(harness.client, "predictProvider");
      const create = vi.spyOn(harness.client, "createPaymentAccount");
      const onValueChange = vi.fn();
      renderKit(harness, <PaymentAccountPicker predictDelayMs={0} onValueChange={onValueChange} />);
      const user = userEvent.setup();
      await user.click(await screen.findByRole("button", { name: "Add mobile money" }));
      await user.type(phoneInput(), typed);
      expect(shown()).toBe(`Number in ${country}: ${international}`);
      expect(await screen.findByText(/^Operator: /)).toBeTruthy();
      // Leaving the field writes the number as the country does, in the form typed.
      await user.click(screen.getByLabelText("Name on the account"));
      expect(phoneInput().value).toBe(regrouped);
      expect(phoneInput().getAttribute("aria-invalid")).toBeNull();
      await user.type(screen.getByLabelText("Name on the account"), "Ama Kollie");
      await user.click(screen.getByRole("button", { name: "Save wallet" }));
      const radio = await screen.findByRole("radio");
      expect(radio.textContent).toContain(`${international.slice(0, 4)} `);
      expect(radio.textContent).toContain(tail);
      // The proxy got E.164 digits, never the text typed; the prediction ran on them once.
      expect(create).toHaveBeenCalledTimes(1);
      expect(create.mock.calls[0]?.[0]).toMatchObject({ type: "MOBILE_MONEY", phone: digits });
      expect(predict.mock.calls.map((call) => call[0])).toEqual([digits]);
      expect(onValueChange).toHaveBeenCalledWith(
        radio.dataset.value,
        expect.objectContaining({ country_code: country === "Liberia" ? "LR" : "RW" }),
      );
    },
  );

  it("hints national examples of the merchant's countries, not the country code", async () => {
    const harness = createKitHarness();
    renderKit(harness, <AddMobileMoneyForm />);
    expect(screen.getByText("For example 088 612 3456 or 0781 234 567.")).toBeTruthy();
    cleanup();
    renderKit(harness, <AddMobileMoneyForm countries={["RW"]} />);
    expect(screen.getByText("For example 0781 234 567.")).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/country code/);
  });
});

describe("AddMobileMoneyForm: a wrong number", () => {
  it("says what is wrong through the field's error and loses nothing typed", async () => {
    const harness = createKitHarness();
    renderKit(harness, <AddMobileMoneyForm predictDelayMs={0} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Name on the account"), "Ama Kollie");
    await user.type(phoneInput(), "088 612 345");
    await user.click(screen.getByRole("button", { name: "Save wallet" }));
    const message = "This number is too short. Numbers in Liberia have 9 digits after the 0.";
    expect(fieldError()).toBe(message);
    const input = phoneInput();
    expect(input.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (input.getAttribute("aria-describedby") ?? "").split(" ");
    const error = document.querySelector('[data-slot="field-error"]');
    expect(describedBy).toContain(error?.id);
    // Nothing typed is lost, nothing is sent or predicted, nothing is shown back.
    expect(input.value).toBe("088 612 345");
    expect(screen.getByLabelText<HTMLInputElement>("Name on the account").value).toBe("Ama Kollie");
    // Only the form's settings were read: no prediction, no save.
    expect(harness.calls.map((call) => call.path)).toEqual(["/kit/config"]);
    expect(shown()).toBe("");
    // One more digit and it is a number: the message goes.
    await user.type(input, "6");
    expect(fieldError()).toBeNull();
    expect(shown()).toBe("Number in Liberia: +231 88 612 3456");
  });

  it.each([
    ["088 612 3456 7", "This number is too long. Numbers in Liberia have 9 digits after the 0."],
    ["+231 88 612 345", "This number is too short. Numbers in Liberia have 9 digits after +231."],
    [
      "0991234567",
      "No mobile money operator in Liberia or Rwanda uses numbers starting 09. Check the number.",
    ],
    [
      "+250 771 234 567",
      "No mobile money operator in Rwanda uses numbers starting +250 77. Check the number.",
    ],
    [
      "+233 24 123 4567",
      "You can pay with a mobile money number from Liberia or Rwanda only. Check the country code.",
    ],
    ["088 612 34S6", "A phone number has no letters. Check the number."],
    ["٠٨٨٦١٢٣٤٥٦", "Type the number with the digits 0 to 9."],
    ["088#612#3456", "Use only digits, spaces and dashes, with a + only at the start."],
    [
      "\u202e0886123456",
      "The number has hidden characters, perhaps from copying it. Type it again.",
    ],
  ])("%j → %j", async (typed, message) => {
    const harness = createKitHarness();
    renderKit(harness, <AddMobileMoneyForm predictDelayMs={0} />);
    const user = userEvent.setup();
    await user.click(phoneInput());
    await user.paste(typed);
    await user.tab();
    expect(fieldError()).toBe(message);
    expect(phoneInput().value).toBe(typed);
  });

  it("names the country when the merchant does not take it", async () => {
    const harness = createKitHarness();
    renderKit(harness, <AddMobileMoneyForm predictDelayMs={0} countries={["RW"]} />);
    const user = userEvent.setup();
    await user.type(phoneInput(), "0886123456");
    await user.tab();
    expect(fieldError()).toBe(
      "This is a number from Liberia. You can pay with a mobile money number from Rwanda only.",
    );
    // Only the form's settings were read: no prediction, no save.
    expect(harness.calls.map((call) => call.path)).toEqual(["/kit/config"]);
  });

  it("takes the merchant's countries from <CheckoutFlow countries> in its default layout", async () => {
    const harness = createKitHarness();
    renderKit(
      harness,
      <CheckoutFlow source={harness.source} predictDelayMs={0} countries={["RW"]} />,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Add mobile money" }));
    await user.type(phoneInput(), "0886123456");
    await user.tab();
    expect(fieldError()).toBe(
      "This is a number from Liberia. You can pay with a mobile money number from Rwanda only.",
    );
  });

  it("takes the merchant's countries from the proxy's /kit/config when no prop names them", async () => {
    const harness = createKitHarness({ mobileMoneyCountries: ["RW"] });
    renderKit(harness, <AddMobileMoneyForm predictDelayMs={0} />);
    // The hint names Rwanda's example only once the proxy's setting is read.
    await screen.findByText("For example 0781 234 567.");
    const user = userEvent.setup();
    await user.type(phoneInput(), "0886123456");
    await user.tab();
    expect(fieldError()).toBe(
      "This is a number from Liberia. You can pay with a mobile money number from Rwanda only.",
    );
  });

  it("asks for the number when the field is left empty", async () => {
    const harness = createKitHarness();
    renderKit(harness, <AddMobileMoneyForm />);
    await userEvent.click(screen.getByRole("button", { name: "Save wallet" }));
    expect(fieldError()).toBe("Enter your mobile money number.");
  });

  it("refuses a huge paste with a clear message and logs no number", async () => {
    const logged = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation(() => {}),
    );
    const harness = createKitHarness();
    renderKit(harness, <AddMobileMoneyForm />);
    const user = userEvent.setup();
    await user.click(phoneInput());
    await user.paste("0886123456".repeat(10_000));
    await user.tab();
    expect(fieldError()).toBe("That's too long for a phone number. Check the number.");
    expect(phoneInput().value).toHaveLength(100_000);
    for (const spy of logged) {
      expect(JSON.stringify(spy.mock.calls)).not.toMatch(/886123456/);
    }
  });
});
