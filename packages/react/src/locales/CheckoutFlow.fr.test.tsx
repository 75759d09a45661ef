import { act, cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CheckoutFlow } from "../checkout-flow/CheckoutFlow.tsx";
import { createKitHarness, type KitHarness, renderKit } from "../test/kit-harness.tsx";
import { fr } from "./fr.ts";
import { rw } from "./rw.ts";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

// Intl writes U+202F or U+00A0 inside French amounts: compare with plain spaces.
const plain = (text: string | null | undefined) => text?.replace(/[\u00a0\u202f]/g, " ");
const flowState = () =>
  document.querySelector<HTMLElement>('[data-slot="checkout-flow"]')?.dataset.state;
const waitForState = (state: string) =>
  waitFor(() => expect(flowState()).toBe(state), { timeout: 4_000 });
const summary = () =>
  document.querySelector<HTMLElement>('[data-slot="checkout-flow-summary"]') as HTMLElement;
const row = (name: string) =>
  plain(summary().querySelector(`[data-row="${name}"]`)?.textContent ?? null);

async function chooseFirstAccount(pay: RegExp) {
  const radios = await screen.findAllByRole("radio");
  await userEvent.click(radios[0] as HTMLElement);
  await waitFor(() =>
    expect(screen.getByRole("button", { name: pay }).hasAttribute("disabled")).toBe(false),
  );
}

function renderIn(harness: KitHarness, locale: string, messages: typeof fr) {
  return renderKit(harness, <CheckoutFlow source={harness.source} />, { locale, messages });
}

describe("<CheckoutFlow> with messages={fr}", () => {
  it("speaks French, writes amounts the French way, and shows both currencies when they differ", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const harness = createKitHarness({ processingMs: 90_000 });
    await harness.addWallet("231880000000");
    renderIn(harness, "fr-RW", fr);
    await waitForState("selecting");
    expect(screen.getByLabelText("Moyen de paiement")).toBeTruthy();
    await chooseFirstAccount(/^Payer/);
    await waitFor(() => expect(row("fee")).toBe("Frais0,25 $US"));
    expect(row("amount")).toBe("Montant12,50 $US");
    expect(row("total")).toBe("Total12,75 $US");
    expect(row("source-total")).toBeUndefined();
    expect(plain(screen.getByRole("button", { name: /^Payer/ }).textContent)).toBe(
      "Payer 12,75 $US",
    );

    // In Liberian dollars the source's price in US dollars stays beside the total.
    await userEvent.selectOptions(screen.getByLabelText("Payer en"), "LRD");
    await waitFor(() => expect(row("total")).toBe("Total2 422,50 LRD"));
    expect(row("source-total")).toBe("Prix en USD12,50 $US");

    await userEvent.click(screen.getByRole("button", { name: /^Payer/ }));
    await waitForState("processing");
    expect(
      screen.getByText("Validez le paiement sur votre téléphone", { selector: "p" }),
    ).toBeTruthy();
    await act(() => vi.advanceTimersByTimeAsync(95_000));
    await waitForState("succeeded");
    // Testing Library folds the no-break space before "!" into a space.
    expect(screen.getByText("Paiement reçu. Merci !", { selector: "p" })).toBeTruthy();
    expect(harness.executions()[0]?.currency).toBe("LRD");
  });

  it("writes Rwandan francs without a minor unit, in Kinyarwanda too", async () => {
    const harness = createKitHarness({
      currency: "RWF",
      items: [{ name: "Icyayi", amount: "15000" }],
    });
    await harness.addWallet("250781234567");
    renderIn(harness, "rw-RW", rw);
    await waitForState("selecting");
    expect(screen.getByLabelText("Uburyo bwo kwishyura")).toBeTruthy();
    await chooseFirstAccount(/^Ishyura/);
    await waitFor(() => expect(row("total")).toMatch(/^IgiteranyoRF 15,\d{3}$/));
    expect(row("source-total")).toBeUndefined();
  });
});
