/**
 * `asChild` on the add forms: the app's own form element holds the kit's fields, with the kit's
 * class, `data-slot`/`data-state` and submit handler merged in (the card form's root is in its
 * lazily loaded chunk, which gets the Slot handed in).
 */
import { cleanup, screen, waitFor } from "@testing-library/react";
import { type ComponentPropsWithoutRef, forwardRef } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { AddCardForm } from "../cards/AddCardForm.tsx";
import { createFakeStripe } from "../cards/fake-stripe.ts";
import { AddMobileMoneyForm } from "../payment-account-picker/AddMobileMoneyForm.tsx";
import { createKitHarness, renderKit } from "../test/kit-harness.tsx";

afterEach(cleanup);

// A design system's form: it forwards its ref and spreads what it is given.
const DsForm = forwardRef<HTMLFormElement, ComponentPropsWithoutRef<"form">>(
  function DsForm(props, ref) {
    return <form {...props} ref={ref} data-ds="" />;
  },
);

describe("asChild on the add forms", () => {
  it("AddMobileMoneyForm: the app's form holds the kit's fields", async () => {
    const harness = createKitHarness();
    renderKit(
      harness,
      <AddMobileMoneyForm className="mine" asChild>
        <DsForm className="ds-form" />
      </AddMobileMoneyForm>,
    );
    const form = document.querySelector("form") as HTMLFormElement;
    expect(form.dataset.ds).toBe("");
    expect(form.dataset.slot).toBe("add-mobile-money");
    expect(form.className).toBe("dollr-AddMobileMoney mine ds-form");
    expect(form.noValidate).toBe(true);
    expect(screen.getByRole("textbox", { name: /phone/i }).closest("form")).toBe(form);
  });

  it("AddCardForm: the app's form holds the card fields once the chunk is loaded", async () => {
    const harness = createKitHarness();
    const fake = createFakeStripe();
    renderKit(
      harness,
      <AddCardForm asChild>
        <DsForm className="ds-form" />
      </AddCardForm>,
      { stripe: fake.stripe },
    );
    await waitFor(() => expect(document.querySelector("form[data-ds]")).toBeTruthy(), {
      timeout: 4_000,
    });
    const form = document.querySelector("form") as HTMLFormElement;
    expect(form.dataset.slot).toBe("add-card");
    expect(form.dataset.state).toBe("editing");
    expect(form.className).toContain("dollr-AddCard");
    expect(form.querySelector('[data-slot="button"]')).toBeTruthy();
  });
});
