/**
 * The loader form of `cards` (`stripeCards(() => loadStripe(key))`): Stripe.js is requested only at the
 * first card need — never for a mobile-money payment, once for a card, also under StrictMode.
 */
import type { Stripe } from "@stripe/stripe-js";
import { act, cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { type ReactNode, StrictMode, useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createFakeStripe, removeFakeStripeChallenges } from "../cards/fake-stripe.ts";
import { stripeCards } from "../cards/stripe-cards.ts";
import { CheckoutFlow } from "../checkout-flow/CheckoutFlow.tsx";
import { PaymentAccountPicker } from "../payment-account-picker/PaymentAccountPicker.tsx";
import { createKitHarness, type KitHarness, renderKit } from "../test/kit-harness.tsx";
import { DollrCheckoutProvider, useDollrCheckout } from "./DollrCheckoutProvider.tsx";

afterEach(() => {
  cleanup();
  removeFakeStripeChallenges();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const flowState = () =>
  document.querySelector<HTMLElement>('[data-slot="checkout-flow"]')?.dataset.state;
const waitForState = (state: string) =>
  waitFor(() => expect(flowState()).toBe(state), { timeout: 4_000 });
const payButton = () => screen.getByRole("button", { name: /^Pay/ });
const radioOf = async (type: "card" | "mobile-money") => {
  const radios = await screen.findAllByRole("radio");
  const radio = radios.find((candidate) => candidate.dataset.type === type);
  if (!radio) throw new Error(`no ${type} radio`);
  return radio;
};

/** A loader around a fake Stripe that counts its calls. */
function fakeLoader(harness: KitHarness) {
  const fake = createFakeStripe({ simulator: harness.simulator.control });
  const load = vi.fn(async (): Promise<Stripe | null> => fake.stripe);
  return { fake, load };
}

/** Makes `cards` with a new inline arrow on every render, as an app easily does. */
function InlineLoaderApp({
  harness,
  load,
  children,
}: {
  harness: KitHarness;
  load: () => Promise<Stripe | null>;
  children?: ReactNode;
}) {
  const [, setTick] = useState(0);
  return (
    <DollrCheckoutProvider
      client={harness.client}
      cards={stripeCards(() => load())}
      storage={harness.storage}
    >
      <button type="button" onClick={() => setTick((tick) => tick + 1)}>
        rerender
      </button>
      {children}
    </DollrCheckoutProvider>
  );
}

const probed = { status: "" };
function Probe() {
  probed.status = useDollrCheckout().stripe.status;
  return null;
}

function renderFlow(harness: KitHarness, stripe: unknown, strict = true) {
  const onSuccess = vi.fn();
  renderKit(
    harness,
    <CheckoutFlow source={harness.source} onSuccess={onSuccess} onFailure={() => {}} />,
    { stripe: stripe as never, strict },
  );
  return { onSuccess };
}

describe("stripe loader: mobile money never loads Stripe.js", () => {
  it("pays by wallet to success with a saved card on show and cards offered: 0 loader calls", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const harness = createKitHarness({ processingMs: 5_000 });
    await harness.addCard("pm_card_visa", "Ama Kollie", "4242");
    await harness.addWallet("231880000000");
    const { load } = fakeLoader(harness);
    const { onSuccess } = renderFlow(harness, load);

    await waitForState("selecting");
    // Cards are offered (the add button is there) and a saved card is shown, yet nothing loads.
    const addCard = screen.getByRole("button", { name: "Add a card" });
    expect(addCard.dataset.state).toBe("idle");
    expect(await radioOf("card")).toBeTruthy();
    await userEvent.click(await radioOf("mobile-money"));
    await waitFor(() => expect(payButton().hasAttribute("disabled")).toBe(false));
    await userEvent.click(payButton());
    await waitForState("processing");
    await act(() => vi.advanceTimersByTimeAsync(8_000));
    await waitForState("succeeded");
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(load).toHaveBeenCalledTimes(0);
  });
});

describe("stripe loader: the card path loads it once", () => {
  for (const strict of [false, true]) {
    it(`loads once when the customer opens "add a card", and saves the card${strict ? " (StrictMode)" : ""}`, async () => {
      const harness = createKitHarness();
      const { fake, load } = fakeLoader(harness);
      renderKit(harness, <PaymentAccountPicker />, { stripe: load, strict });
      const user = userEvent.setup();
      const addCard = await screen.findByRole("button", { name: "Add a card" });
      expect(load).toHaveBeenCalledTimes(0);
      await user.click(addCard);
      await user.type(await screen.findByLabelText("Name on the card"), "Ama Kollie");
      await user.type(screen.getByLabelText("Card number"), "4242 4242 4242 4242");
      await user.click(screen.getByRole("button", { name: "Save card" }));
      const radio = await screen.findByRole("radio");
      expect(radio.textContent).toContain("4242");
      expect(fake.calls.filter((call) => call.method === "createPaymentMethod")).toHaveLength(1);
      // Choosing the new card and opening the form again are card needs too: still one load.
      await user.click(screen.getByRole("button", { name: "Add a card" }));
      expect(await screen.findByLabelText("Card number")).toBeTruthy();
      expect(load).toHaveBeenCalledTimes(1);
    });
  }

  it("loads once for a saved 3D Secure card, when it pays, and runs the challenge", async () => {
    const harness = createKitHarness();
    await harness.addCard("pm_card_threeDSecure2Required", "Ama Kollie", "3220");
    const { fake, load } = fakeLoader(harness);
    const { onSuccess } = renderFlow(harness, load);
    await waitForState("selecting");
    const card = await radioOf("card");
    // The last saved method is preselected (Pay is ready), but shown is not a card need yet.
    await waitFor(() => expect(card.getAttribute("aria-checked")).toBe("true"));
    await waitFor(() => expect(payButton().hasAttribute("disabled")).toBe(false));
    expect(load).toHaveBeenCalledTimes(0);
    await userEvent.click(payButton());
    await waitFor(() => expect(load).toHaveBeenCalledTimes(1));
    const challenge = await screen.findByRole("dialog", { name: "Test 3D Secure authentication" });
    await userEvent.click(within(challenge).getByRole("button", { name: "Complete" }));
    await waitForState("succeeded");
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(fake.calls.filter((call) => call.method === "handleNextAction")).toHaveLength(1);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("a 3D Secure step loads it by itself (an open card attempt resumed, nothing chosen here)", async () => {
    const harness = createKitHarness();
    await harness.addCard("pm_card_threeDSecure2Required", "Ama Kollie", "3220");
    // First page: paid with the card while Stripe.js never finished loading (the 3DS step
    // waits for it).
    const first = renderKit(
      harness,
      <CheckoutFlow source={harness.source} onSuccess={() => {}} onFailure={() => {}} />,
      { stripe: (() => new Promise(() => {})) as never },
    );
    await waitForState("selecting");
    await userEvent.click(await radioOf("card"));
    await waitFor(() => expect(payButton().hasAttribute("disabled")).toBe(false));
    await userEvent.click(payButton());
    await waitForState("requires_action");
    first.unmount();

    // Reload: the open attempt resumes at requires_action; the step itself calls the loader.
    const { fake, load } = fakeLoader(harness);
    const { onSuccess } = renderFlow(harness, load);
    const challenge = await screen.findByRole(
      "dialog",
      { name: "Test 3D Secure authentication" },
      { timeout: 4_000 },
    );
    expect(load).toHaveBeenCalledTimes(1);
    await userEvent.click(within(challenge).getByRole("button", { name: "Complete" }));
    await waitForState("succeeded");
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(fake.calls.filter((call) => call.method === "handleNextAction")).toHaveLength(1);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("calls an inline loader (a new function on every render) once", async () => {
    const harness = createKitHarness();
    const fake = createFakeStripe();
    const calls = { count: 0 };
    const load = () => {
      calls.count += 1;
      return Promise.resolve(fake.stripe);
    };
    render(
      <StrictMode>
        <InlineLoaderApp harness={harness} load={load}>
          <PaymentAccountPicker defaultMode="add-card" />
        </InlineLoaderApp>
      </StrictMode>,
    );
    expect(await screen.findByLabelText("Card number")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "rerender" }));
    await userEvent.click(screen.getByRole("button", { name: "rerender" }));
    expect(screen.getByLabelText("Card number")).toBeTruthy();
    expect(calls.count).toBe(1);
  });
});

describe("stripe loader: failure", () => {
  it("says cards are unavailable, keeps mobile money, and tries again at the next card need", async () => {
    const harness = createKitHarness();
    const fake = createFakeStripe();
    const load = vi
      .fn<() => Promise<Stripe | null>>()
      .mockRejectedValueOnce(new Error("blocked by an ad blocker"))
      .mockResolvedValueOnce(null)
      .mockResolvedValue(fake.stripe);
    renderKit(harness, <PaymentAccountPicker />, { stripe: load, strict: true });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Add a card" }));
    expect(await screen.findByText("Card payments are unavailable right now.")).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(1);
    // Mobile money keeps working.
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.getByRole("button", { name: "Add mobile money" })).toBeTruthy();
    // Opening "add a card" again is the next card need: a second try (resolves to null).
    await user.click(screen.getByRole("button", { name: "Add a card" }));
    await waitFor(() => expect(load).toHaveBeenCalledTimes(2));
    expect(await screen.findByText("Card payments are unavailable right now.")).toBeTruthy();
    // "Try again" in the notice is one too: the third load succeeds.
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByLabelText("Card number")).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(3);
  });

  it("a loader that throws synchronously leaves cards unavailable", async () => {
    const harness = createKitHarness();
    const load = vi.fn((): Promise<Stripe | null> => {
      throw new Error("no key");
    });
    renderKit(
      harness,
      <>
        <Probe />
        <PaymentAccountPicker defaultMode="add-card" />
      </>,
      { stripe: load },
    );
    expect(await screen.findByText("Card payments are unavailable right now.")).toBeTruthy();
    expect(probed.status).toBe("unavailable");
    expect(load).toHaveBeenCalledTimes(1);
  });
});
