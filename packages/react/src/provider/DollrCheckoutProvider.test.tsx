import type { Stripe } from "@stripe/stripe-js";
import { QueryClient, QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import { act, cleanup, render, renderHook, screen, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFakeStripe } from "../cards/fake-stripe.ts";
import { stripeCards } from "../cards/stripe-cards.ts";
import { useCheckoutFlow } from "../checkout-flow/useCheckoutFlow.ts";
import { useExecutionStatus } from "../execution-status/useExecutionStatus.ts";
import { resetDevWarnings } from "../internal/dev.ts";
import { usePaymentAccountPicker } from "../payment-account-picker/usePaymentAccountPicker.ts";
import { usePaymentAccounts } from "../payment-accounts/usePaymentAccounts.ts";
import { createKitHarness } from "../test/kit-harness.tsx";
import {
  DollrCheckoutProvider,
  type DollrCheckoutProviderProps,
  useDollrCheckout,
} from "./DollrCheckoutProvider.tsx";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
beforeEach(() => resetDevWarnings());

const probed = { status: "" };
function Probe() {
  probed.status = useDollrCheckout().stripe.status;
  return null;
}

function silenceErrors() {
  return vi.spyOn(console, "error").mockImplementation(() => {});
}

describe("DollrCheckoutProvider: missing provider", () => {
  const hooks: [string, () => unknown][] = [
    ["useCheckoutFlow", () => useCheckoutFlow({ source: { type: "INVOICE", id: 1 } })],
    ["usePaymentAccountPicker", () => usePaymentAccountPicker()],
    ["useExecutionStatus", () => useExecutionStatus({ referenceId: "x" })],
    ["usePaymentAccounts", () => usePaymentAccounts()],
    ["useDollrCheckout", () => useDollrCheckout()],
  ];
  for (const [name, hook] of hooks) {
    it(`${name} names the missing provider`, () => {
      silenceErrors();
      expect(() => renderHook(hook)).toThrow(`${name} must be used within <DollrCheckoutProvider>`);
    });
  }

  it("refuses a missing client with a message that says what to pass", () => {
    silenceErrors();
    expect(() =>
      render(
        <DollrCheckoutProvider client={undefined as never}>
          <p>x</p>
        </DollrCheckoutProvider>,
      ),
    ).toThrow(/needs a `client`/);
  });
});

describe("DollrCheckoutProvider: QueryClient", () => {
  it("uses the host app's QueryClient when there is one above it", () => {
    const harness = createKitHarness();
    const host = new QueryClient();
    const { result } = renderHook(() => useDollrCheckout().queryClient, {
      wrapper: ({ children }: { children?: ReactNode }) => (
        <QueryClientProvider client={host}>
          <DollrCheckoutProvider client={harness.client}>{children}</DollrCheckoutProvider>
        </QueryClientProvider>
      ),
    });
    expect(result.current).toBe(host);
  });

  it("makes its own without one, and never changes the QueryClient the app's own parts see", () => {
    const harness = createKitHarness();
    const host = new QueryClient();
    const mine = new QueryClient();
    const { result } = renderHook(
      () => ({ kit: useDollrCheckout().queryClient, app: useQueryClient() }),
      {
        wrapper: ({ children }: { children?: ReactNode }) => (
          <QueryClientProvider client={host}>
            <DollrCheckoutProvider client={harness.client} queryClient={mine}>
              {children}
            </DollrCheckoutProvider>
          </QueryClientProvider>
        ),
      },
    );
    expect(result.current.kit).toBe(mine);
    expect(result.current.app).toBe(host);

    const alone = renderHook(() => useDollrCheckout().queryClient, {
      wrapper: ({ children }: { children?: ReactNode }) => (
        <DollrCheckoutProvider client={harness.client}>{children}</DollrCheckoutProvider>
      ),
    });
    expect(alone.result.current).toBeInstanceOf(QueryClient);
    const first = alone.result.current;
    alone.rerender();
    expect(alone.result.current).toBe(first);
  });
});

describe("DollrCheckoutProvider: cards", () => {
  const wrapperWith =
    (stripe: Stripe | PromiseLike<Stripe | null> | null) =>
    ({ children }: { children?: ReactNode }) => (
      <DollrCheckoutProvider client={createKitHarness().client} cards={stripeCards(stripe)}>
        {children}
      </DollrCheckoutProvider>
    );

  it("treats no cards, null cards and stripeCards(null) as cards off", () => {
    const client = createKitHarness().client;
    for (const cards of [undefined, null, stripeCards(null)]) {
      const { result } = renderHook(() => useDollrCheckout(), {
        wrapper: ({ children }) => (
          <DollrCheckoutProvider client={client} cards={cards}>
            {children}
          </DollrCheckoutProvider>
        ),
      });
      expect(result.current.stripe.status).toBe("none");
      expect(result.current.cards).toBe(cards ?? null);
    }
  });

  it("is ready at once with an instance", () => {
    const fake = createFakeStripe();
    const { result } = renderHook(() => useDollrCheckout().stripe, {
      wrapper: wrapperWith(fake.stripe),
    });
    expect(result.current).toEqual({ status: "ready", stripe: fake.stripe });
  });

  it("waits for a promise, then is ready; a failed load leaves cards unavailable", async () => {
    const fake = createFakeStripe();
    let resolve: (value: Stripe | null) => void = () => {};
    const promise = new Promise<Stripe | null>((done) => {
      resolve = done;
    });
    const loading = renderHook(() => useDollrCheckout().stripe.status, {
      wrapper: wrapperWith(promise),
    });
    expect(loading.result.current).toBe("loading");
    await act(async () => resolve(fake.stripe));
    expect(loading.result.current).toBe("ready");

    const nothing = renderHook(() => useDollrCheckout().stripe.status, {
      wrapper: wrapperWith(Promise.resolve(null)),
    });
    await waitFor(() => expect(nothing.result.current).toBe("unavailable"));
  });

  it("throws a helpful error for something that is not Stripe", () => {
    expect(() => stripeCards({ nope: true } as never)).toThrow(
      /Invalid argument to `stripeCards`.*@stripe\/stripe-js\/pure/,
    );
  });

  it("refuses cards that are not a plug-in, and the old `stripe` prop, saying where it went", () => {
    silenceErrors();
    const client = createKitHarness().client;
    const fake = createFakeStripe();
    expect(() =>
      render(<DollrCheckoutProvider client={client} cards={fake.stripe as never} />),
    ).toThrow(/Invalid prop `cards`.*stripeCards.*@dollr-kit\/react\/cards/);
    const legacy = { client, stripe: fake.stripe } as unknown as DollrCheckoutProviderProps;
    expect(() => render(<DollrCheckoutProvider {...legacy} />)).toThrow(
      /the `stripe` prop moved there/,
    );
  });

  it("warns in development when the Stripe of cards or client change after mount", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const first = createKitHarness().client;
    const second = createKitHarness().client;
    const a = createFakeStripe().stripe;
    const b = createFakeStripe().stripe;
    const view = render(
      <DollrCheckoutProvider client={first} cards={stripeCards(a)}>
        <p>child</p>
      </DollrCheckoutProvider>,
    );
    expect(warn).not.toHaveBeenCalled();
    view.rerender(
      <DollrCheckoutProvider client={second} cards={stripeCards(b)}>
        <p>child</p>
      </DollrCheckoutProvider>,
    );
    const messages = warn.mock.calls.map((call) => String(call[0]));
    expect(
      messages.some((message) => message.includes("cannot change the Stripe of `cards`")),
    ).toBe(true);
    expect(
      messages.some((message) => message.includes("the `client` prop changed after mount")),
    ).toBe(true);
    expect(screen.getByText("child")).toBeTruthy();
  });

  it("allows cards to go from null to an instance without a warning", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const client = createKitHarness().client;
    const fake = createFakeStripe();
    const view = render(
      <DollrCheckoutProvider client={client} cards={null}>
        <Probe />
      </DollrCheckoutProvider>,
    );
    expect(probed.status).toBe("none");
    view.rerender(
      <DollrCheckoutProvider client={client} cards={stripeCards(fake.stripe)}>
        <Probe />
      </DollrCheckoutProvider>,
    );
    expect(probed.status).toBe("ready");
    expect(warn).not.toHaveBeenCalled();
  });
});

describe("DollrCheckoutProvider: messages and locale", () => {
  it("replaces any message per key, as a template or a function, and formats in the locale", () => {
    const client = createKitHarness().client;
    const { result } = renderHook(() => useDollrCheckout(), {
      wrapper: ({ children }: { children?: ReactNode }) => (
        <DollrCheckoutProvider
          client={client}
          locale="fr-FR"
          messages={{
            "flow.pay": "Payer {amount}",
            "status.succeeded": (values) => `Reçu (${Object.keys(values).length})`,
          }}
        >
          {children}
        </DollrCheckoutProvider>
      ),
    });
    expect(result.current.t("flow.pay", { amount: "12,50 $US" })).toBe("Payer 12,50 $US");
    expect(result.current.t("status.succeeded")).toBe("Reçu (0)");
    expect(result.current.t("flow.retry")).toBe("Try again");
    expect(result.current.locale).toBe("fr-FR");
  });
});
