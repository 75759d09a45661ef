// @vitest-environment node
import { createProxyClient } from "@dollr-kit/core/internal";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import * as cardsEntry from "./cards/index.ts";
import * as cardsTestingEntry from "./cards/testing.ts";
import * as checkoutFlowEntry from "./checkout-flow.ts";
import * as executionStatusEntry from "./execution-status.ts";
import * as rootEntry from "./index.ts";
import * as pickerEntry from "./payment-account-picker.ts";
import * as testingEntry from "./testing/index.ts";

function serverClient() {
  const fetch = vi.fn(async () => new Response("{}"));
  return { client: createProxyClient({ baseUrl: "https://shop.example/api/dollr", fetch }), fetch };
}

describe("server rendering (no window)", () => {
  it("runs in an environment without window or document", () => {
    expect(typeof window).toBe("undefined");
    expect(typeof document).toBe("undefined");
  });

  it("renders <CheckoutFlow> from the root entry in its loading state, with no request", () => {
    const { client, fetch } = serverClient();
    const { DollrCheckoutProvider, CheckoutFlow } = rootEntry;
    const html = renderToString(
      <DollrCheckoutProvider client={client} locale="en-US">
        <CheckoutFlow
          source={{ type: "INVOICE", id: 42 }}
          onSuccess={() => {}}
          onFailure={() => {}}
        />
      </DollrCheckoutProvider>,
    );
    expect(html).toContain('data-slot="checkout-flow"');
    expect(html).toContain('data-state="loading"');
    expect(html).toContain("Loading checkout…");
    expect(html).toContain('aria-live="polite"');
    expect(fetch).not.toHaveBeenCalled();
  });

  it("renders the checkout-flow entry with a pending Stripe promise", () => {
    const { client, fetch } = serverClient();
    const { DollrCheckoutProvider, CheckoutFlow } = checkoutFlowEntry;
    const html = renderToString(
      <DollrCheckoutProvider client={client} cards={cardsEntry.stripeCards(new Promise(() => {}))}>
        <CheckoutFlow.Root source={{ type: "ORDER", id: 7 }} className="mine">
          <CheckoutFlow.Status />
        </CheckoutFlow.Root>
      </DollrCheckoutProvider>,
    );
    expect(html).toContain('class="dollr-CheckoutFlow mine"');
    expect(fetch).not.toHaveBeenCalled();
  });

  it("renders the payment-account-picker entry (loading list, card form placeholder)", () => {
    const { client } = serverClient();
    const { DollrCheckoutProvider, PaymentAccountPicker } = pickerEntry;
    const { AddCardForm, stripeCards } = cardsEntry;
    const html = renderToString(
      <DollrCheckoutProvider client={client} cards={stripeCards(new Promise(() => {}))}>
        <PaymentAccountPicker />
        <AddCardForm />
      </DollrCheckoutProvider>,
    );
    expect(html).toContain('role="radiogroup"');
    expect(html).toContain('data-state="loading"');
    expect(html).toContain("Loading card payments…");
  });

  it("never calls a loader in `cards` during a server render, even with the card form open", () => {
    const { client } = serverClient();
    const { DollrCheckoutProvider, PaymentAccountPicker } = pickerEntry;
    const { AddCardForm, stripeCards } = cardsEntry;
    const load = vi.fn(() => new Promise<never>(() => {}));
    const html = renderToString(
      <DollrCheckoutProvider client={client} cards={stripeCards(load)}>
        <PaymentAccountPicker defaultMode="add-card" />
        <AddCardForm />
      </DollrCheckoutProvider>,
    );
    expect(html).toContain("Loading card payments…");
    expect(load).not.toHaveBeenCalled();
  });

  it("renders the execution-status entry without a clock mismatch (no elapsed time yet)", () => {
    const { client } = serverClient();
    const { DollrCheckoutProvider, ExecutionStatus } = executionStatusEntry;
    const html = renderToString(
      <DollrCheckoutProvider client={client}>
        <ExecutionStatus
          referenceId="0b7c6f2e-8f1d-4c1e-9a55-3f6d2c1b0a99"
          startedAt={Date.now() - 5 * 60_000}
          kind="MOBILE_MONEY"
        />
      </DollrCheckoutProvider>,
    );
    expect(html).toContain('data-slot="execution-status"');
    expect(html).toContain("Checking the payment…");
    expect(html).not.toContain("Waiting for");
  });

  it("imports the testing entries and makes a fake Stripe without a DOM", async () => {
    expect(typeof testingEntry.renderWithKit).toBe("function");
    const fake = cardsTestingEntry.createFakeStripe();
    expect(typeof fake.stripe.elements).toBe("function");
    const created = await fake.stripe.createPaymentMethod({ type: "card", card: {} as never });
    expect(created).toMatchObject({ error: { code: "element_not_mounted" } });
  });
});
