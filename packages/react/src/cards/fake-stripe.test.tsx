import { createSimulator } from "@dollr-kit/simulator";
import { CardElement, Elements, useElements, useStripe } from "@stripe/react-stripe-js";
import { act, cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { StrictMode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createKitHarness } from "../test/kit-harness.tsx";
import { createFakeStripe, readFakeCardInput, removeFakeStripeChallenges } from "./fake-stripe.ts";
import { isStripe } from "./stripe-cards.ts";

afterEach(() => {
  cleanup();
  removeFakeStripeChallenges();
  vi.restoreAllMocks();
});

const grabbed: { card?: () => unknown } = {};
function GrabCard() {
  const elements = useElements();
  grabbed.card = () => elements?.getElement(CardElement);
  return <CardElement />;
}

function MakePaymentMethod({ results }: { results: unknown[] }) {
  const stripe = useStripe();
  const elements = useElements();
  return (
    <button
      type="button"
      onClick={async () => {
        const card = elements?.getElement(CardElement);
        if (!stripe || !card) return;
        results.push(await stripe.createPaymentMethod({ type: "card", card }));
      }}
    >
      make
    </button>
  );
}

describe("createFakeStripe: what react-stripe-js needs", () => {
  it("passes react-stripe-js's isStripe duck typing", () => {
    const fake = createFakeStripe();
    expect(isStripe(fake.stripe)).toBe(true);
    for (const name of [
      "elements",
      "createToken",
      "createPaymentMethod",
      "confirmCardPayment",
    ] as const) {
      expect(typeof fake.stripe[name]).toBe("function");
    }
  });

  it("mounts one live card field under StrictMode's create, destroy, create", async () => {
    const fake = createFakeStripe();
    render(
      <StrictMode>
        <Elements stripe={fake.stripe}>
          <GrabCard />
        </Elements>
      </StrictMode>,
    );
    const cards = fake.elements.filter((element) => element.type === "card");
    expect(cards.length).toBe(2);
    expect(cards[0]?.destroyed).toBe(true);
    expect(cards[1]?.destroyed).toBe(false);
    expect(screen.getAllByLabelText("Card number")).toHaveLength(1);
    expect(grabbed.card?.()).toBe(cards[1]);
  });

  it("turns the simulator's test card numbers (or pm ids) into payment methods", async () => {
    const fake = createFakeStripe();
    const results: unknown[] = [];
    render(
      <Elements stripe={fake.stripe}>
        <CardElement />
        <MakePaymentMethod results={results} />
      </Elements>,
    );
    const user = userEvent.setup();
    const field = screen.getByLabelText("Card number");
    const cases: [string, string, string][] = [
      ["4242 4242 4242 4242", "pm_card_visa", "4242"],
      ["4000 0000 0000 3220", "pm_card_threeDSecure2Required", "3220"],
      ["4000 0000 0000 0002", "pm_card_chargeDeclined", "0002"],
      ["pm_card_visa", "pm_card_visa", "4242"],
    ];
    for (const [typed, id, last4] of cases) {
      await user.clear(field);
      await user.type(field, typed);
      await user.click(screen.getByRole("button", { name: "make" }));
      expect(results.at(-1)).toMatchObject({
        paymentMethod: { id, card: { brand: "visa", last4 } },
      });
    }
    await user.clear(field);
    await user.type(field, "4242");
    await user.click(screen.getByRole("button", { name: "make" }));
    expect(results.at(-1)).toMatchObject({ error: { code: "incomplete_number" } });
  });

  it("reports Stripe-like change events", () => {
    expect(readFakeCardInput("")).toMatchObject({ empty: true, complete: false });
    expect(readFakeCardInput("4242 42")).toMatchObject({ complete: false, error: undefined });
    expect(readFakeCardInput("1234 5678 9012 3456")).toMatchObject({
      complete: false,
      error: { code: "invalid_number" },
    });
    expect(readFakeCardInput("abc")).toMatchObject({ error: { code: "invalid_number" } });
  });
});

describe("createFakeStripe: the 3D Secure challenge", () => {
  it("shows an accessible challenge in the top layer and tells the simulator the outcome", async () => {
    const authenticate = vi.fn();
    const fake = createFakeStripe({ simulator: { authenticate } });
    const showModal = vi.spyOn(HTMLDialogElement.prototype, "showModal");
    let result: unknown;
    void fake.stripe.handleNextAction({ clientSecret: "pi_1_secret_abc" }).then((value) => {
      result = value;
    });
    const dialog = await screen.findByRole("dialog", { name: "Test 3D Secure authentication" });
    expect(showModal.mock.contexts).toContain(dialog);
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Complete" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Complete" }));
    expect(authenticate).toHaveBeenCalledWith("pi_1_secret_abc", "succeeded");
    expect(result).toMatchObject({ paymentIntent: { id: "pi_1", status: "processing" } });
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("answers an authentication error on Fail, and on Escape (the customer gave up)", async () => {
    const authenticate = vi.fn();
    const fake = createFakeStripe({ simulator: { authenticate } });
    const failed = fake.stripe.confirmCardPayment("pi_2_secret_x");
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Fail" }));
    expect(await failed).toMatchObject({
      error: { code: "payment_intent_authentication_failure" },
    });
    expect(authenticate).toHaveBeenLastCalledWith("pi_2_secret_x", "failed");

    const cancelled = fake.stripe.confirmCardPayment("pi_3_secret_y");
    const second = await screen.findByRole("dialog");
    act(() => {
      second.dispatchEvent(new Event("cancel", { cancelable: true }));
    });
    expect(await cancelled).toMatchObject({ error: { type: "card_error" } });
    expect(authenticate).toHaveBeenLastCalledWith("pi_3_secret_y", "failed");
  });

  it("can reach a simulator over HTTP through POST /__simulator/authenticate", async () => {
    const fetch = vi.fn(async () => new Response("{}", { status: 200 }));
    const fake = createFakeStripe({ baseUrl: "http://127.0.0.1:4010/", fetch });
    const pending = fake.stripe.handleNextAction({ clientSecret: "pi_4_secret_z" });
    await fake.completeChallenge("succeeded");
    await pending;
    expect(fetch).toHaveBeenCalledWith(
      "http://127.0.0.1:4010/__simulator/authenticate",
      expect.objectContaining({
        method: "POST",
        body: JSON.stringify({ client_secret: "pi_4_secret_z", outcome: "succeeded" }),
      }),
    );
  });

  it("finishes a real simulator's 3DS payment in process", async () => {
    const harness = createKitHarness();
    const card = await harness.addCard("pm_card_threeDSecure2Required");
    const { referenceId } = await harness.execute(card.id);
    const before = await harness.client.getCollectionStatus(referenceId);
    expect(before.requires_action).toBe(true);
    const fake = createFakeStripe({ simulator: harness.simulator.control });
    const pending = fake.stripe.handleNextAction({ clientSecret: String(before.client_secret) });
    expect(fake.pendingChallenges()).toHaveLength(1);
    await fake.completeChallenge("succeeded");
    expect(await pending).toMatchObject({ paymentIntent: { status: "processing" } });
    expect((await harness.client.getCollectionStatus(referenceId)).status).toBe("COMPLETED");
  });

  it("says it could not reach the simulator for a secret the simulator does not know", async () => {
    const simulator = createSimulator();
    const fake = createFakeStripe({ simulator: simulator.control });
    const pending = fake.stripe.handleNextAction({ clientSecret: "pi_unknown_secret_q" });
    await fake.completeChallenge("succeeded");
    expect(await pending).toMatchObject({ error: { type: "api_connection_error" } });
  });
});
