/**
 * `<AddCardForm>` and `useAddCard` around the lazily loaded card code: a failed download (with
 * Try again), an error of the form itself, and the headless hook. The chunk's import is mocked
 * so a test can make it fail as the network would.
 */
import { CardElement, Elements } from "@stripe/react-stripe-js";
import { act, cleanup, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Component, type ReactNode, Suspense } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { SavedPaymentAccount } from "../internal/client.ts";
import { PaymentAccountPicker } from "../payment-account-picker/PaymentAccountPicker.tsx";
import { createKitHarness, renderKit } from "../test/kit-harness.tsx";
import { type UseAddCardOptions, useAddCard } from "./AddCardForm.tsx";
import { importStripeCardForm } from "./card-form-chunk.ts";
import { createFakeStripe } from "./fake-stripe.ts";

// The network: the chunk's import, which a test can make fail.
vi.mock("./card-form-chunk.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./card-form-chunk.ts")>();
  return { ...actual, importStripeCardForm: vi.fn(actual.importStripeCardForm) };
});
const importChunk = vi.mocked(importStripeCardForm);
const offline = () =>
  new TypeError("Failed to fetch dynamically imported module: /assets/StripeCardForm-x1.js");

afterEach(() => {
  cleanup();
});

const addCardPart = () => document.querySelector<HTMLElement>('[data-slot="add-card"]');

/** Catches what the kit lets through, as an app's boundary would. */
class AppBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state = { error: null as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return <p role="note">{`app boundary: ${error instanceof Error ? error.name : "?"}`}</p>;
  }
}

/** A card form of the merchant's own, on the headless hook, in the merchant's `<Elements>`. */
function OwnCardForm(options: UseAddCardOptions) {
  const form = useAddCard(options);
  return (
    <form onSubmit={form.submit} data-state={form.state}>
      <input
        aria-label="Cardholder"
        value={form.name}
        onChange={(event) => form.setName(event.target.value)}
      />
      <CardElement onChange={form.onCardChange} />
      <button type="submit">Save my card</button>
    </form>
  );
}

describe("useAddCard: the card code fails to download", () => {
  it("throws it to the app's error boundary (the hook has no UI of its own)", async () => {
    const harness = createKitHarness();
    const fake = createFakeStripe();
    importChunk.mockRejectedValueOnce(offline());
    vi.spyOn(console, "error").mockImplementation(() => {});
    // Awaited: act then lets the suspended render retry once the import has failed.
    await act(async () => {
      renderKit(
        harness,
        <AppBoundary>
          <Elements stripe={fake.stripe}>
            <Suspense fallback={<p>loading my form</p>}>
              <OwnCardForm />
            </Suspense>
          </Elements>
        </AppBoundary>,
        { stripe: fake.stripe },
      );
    });
    expect((await screen.findByRole("note")).textContent).toBe("app boundary: CardFormLoadError");
    expect(importChunk).toHaveBeenCalledTimes(1);
  });
});

describe("AddCardForm: the card code fails to download", () => {
  it("says so with Try again (no blank form); reopening and Try again load it again", async () => {
    const harness = createKitHarness();
    const fake = createFakeStripe({ simulator: harness.simulator.control });
    importChunk.mockClear().mockRejectedValueOnce(offline()).mockRejectedValueOnce(offline());
    // React reports each error its boundaries catch; expected here.
    vi.spyOn(console, "error").mockImplementation(() => {});
    renderKit(harness, <PaymentAccountPicker />, { stripe: fake.stripe, strict: true });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Add a card" }));

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain(
      "We couldn't load the card form. Check your connection and try again.",
    );
    expect(addCardPart()?.dataset.state).toBe("unavailable");
    expect(screen.queryByLabelText("Name on the card")).toBeNull();
    expect(importChunk).toHaveBeenCalledTimes(1);

    // Opening the form again is a new card need: one more try (it fails again).
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    await user.click(screen.getByRole("button", { name: "Add a card" }));
    expect((await screen.findByRole("alert")).textContent).toContain("couldn't load the card form");
    expect(importChunk).toHaveBeenCalledTimes(2);

    // Try again: loading (the download held until the test lets it in), then the form, and the
    // card is saved.
    const download = importChunk.getMockImplementation();
    if (!download) throw new Error("the chunk's import has no implementation");
    let arrive = () => {};
    const arrived = new Promise<void>((resolve) => {
      arrive = resolve;
    });
    importChunk.mockImplementationOnce(() => arrived.then(download));
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(screen.getByRole("status").textContent).toContain("Loading card payments…");
    expect(screen.queryByRole("alert")).toBeNull();
    arrive();
    await user.type(await screen.findByLabelText("Name on the card"), "Ama Kollie");
    await user.type(screen.getByLabelText("Card number"), "4242 4242 4242 4242");
    await user.click(screen.getByRole("button", { name: "Save card" }));
    expect((await screen.findByRole("radio", { checked: true })).textContent).toContain("4242");
    expect(importChunk).toHaveBeenCalledTimes(3);
  });

  it("an error of the form itself reaches the app's boundary, not shown as a download failure", async () => {
    const harness = createKitHarness();
    const fake = createFakeStripe();
    const broken = {
      ...fake.stripe,
      elements: () => {
        throw new RangeError("elements() broke");
      },
    };
    vi.spyOn(console, "error").mockImplementation(() => {});
    renderKit(
      harness,
      <AppBoundary>
        <PaymentAccountPicker defaultMode="add-card" />
      </AppBoundary>,
      { stripe: broken },
    );
    expect((await screen.findByRole("note")).textContent).toBe("app boundary: RangeError");
    expect(screen.queryByText(/couldn't load the card form/)).toBeNull();
  });
});

describe("useAddCard: the headless hook", () => {
  it("saves a card from the merchant's own form, in the merchant's own <Elements>", async () => {
    const harness = createKitHarness();
    const fake = createFakeStripe();
    const added: SavedPaymentAccount[] = [];
    // Awaited: the hook may suspend on the card code (when this test runs alone).
    await act(async () => {
      renderKit(
        harness,
        <Elements stripe={fake.stripe}>
          <Suspense fallback={<p>loading my form</p>}>
            <OwnCardForm onAdded={(account) => added.push(account)} />
          </Suspense>
        </Elements>,
        { stripe: fake.stripe, strict: true },
      );
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Cardholder"), "Ama Kollie");
    await user.type(screen.getByLabelText("Card number"), "4242 4242 4242 4242");
    await user.click(screen.getByRole("button", { name: "Save my card" }));
    await vi.waitFor(() => expect(added).toHaveLength(1));
    expect(added[0]).toMatchObject({ type: "CARD", last4: "4242", account_name: "Ama Kollie" });
    expect(fake.calls.filter((call) => call.method === "createPaymentMethod")).toHaveLength(1);
  });
});
