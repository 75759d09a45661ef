import type { Stripe } from "@stripe/stripe-js";
import { closeChallengeDialog } from "./fake-stripe-challenge-dialog.ts";
import { FakeStripeElement } from "./fake-stripe-element.ts";
import { paymentIntentId, runChallenge } from "./fake-stripe-payment-intent.ts";
import type {
  CreateFakeStripeOptions,
  FakeChallenge,
  FakeStripe,
  FakeStripeCall,
} from "./fake-stripe-types.ts";

/**
 * A fake of the parts of Stripe.js the kit uses, for tests, stories and the offline demo. No
 * network, no iframe: the card field is a real `<input>` in the page, and the 3D Secure challenge
 * is a `<dialog>` with "Complete" and "Fail" buttons that tells the simulator the outcome.
 *
 * It passes `@stripe/react-stripe-js`'s `isStripe` check (`elements`, `createToken`,
 * `createPaymentMethod`, `confirmCardPayment` are functions) and copes with StrictMode's
 * create → destroy → create of an element: `getElement` returns the latest live element.
 */

export { removeFakeStripeChallenges } from "./fake-stripe-challenge-dialog.ts";
export { FakeStripeElement } from "./fake-stripe-element.ts";
export { FAKE_STRIPE_TEST_CARDS, readFakeCardInput } from "./fake-stripe-test-cards.ts";
export type {
  CreateFakeStripeOptions,
  FakeAuthenticationOutcome,
  FakeChallenge,
  FakeStripe,
  FakeStripeCall,
  FakeStripeSimulatorLink,
} from "./fake-stripe-types.ts";

const delay = (ms: number) =>
  ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve();

/**
 * Makes a fake Stripe. Hand `fake.stripe` to `stripeCards(fake.stripe)` for the provider's `cards`.
 *
 * @example
 * const simulator = createSimulator();
 * const fake = createFakeStripe({ simulator: simulator.control });
 * <DollrCheckoutProvider client={client} cards={stripeCards(fake.stripe)}>…
 */
export function createFakeStripe(options: CreateFakeStripeOptions = {}): FakeStripe {
  const calls: FakeStripeCall[] = [];
  const created: FakeStripeElement[] = [];
  const challenges: FakeChallenge[] = [];
  const record = (method: string, args: unknown[]) => {
    calls.push({ method, args });
  };

  const latestElement = (type: string) => {
    for (let i = created.length - 1; i >= 0; i--) {
      const element = created[i];
      if (element && element.type === type && !element.destroyed) return element;
    }
    return null;
  };

  const elementType = (typeOrComponent: unknown): string | undefined => {
    if (typeof typeOrComponent === "string") return typeOrComponent;
    if (
      (typeof typeOrComponent === "function" || typeof typeOrComponent === "object") &&
      typeOrComponent !== null
    ) {
      const type = (typeOrComponent as { __elementType?: unknown }).__elementType;
      return typeof type === "string" ? type : undefined;
    }
    return undefined;
  };

  const elementsFactory = (elementsOptions?: unknown) => {
    record("elements", [elementsOptions]);
    return {
      create: (type: string, createOptions?: unknown) => {
        record("elements.create", [type, createOptions]);
        const element = new FakeStripeElement(type, createOptions);
        created.push(element);
        return element;
      },
      getElement: (typeOrComponent: unknown) => {
        const type = elementType(typeOrComponent);
        return type === undefined ? null : latestElement(type);
      },
      update: (updateOptions: unknown) => {
        record("elements.update", [updateOptions]);
      },
      submit: async () => ({}),
      fetchUpdates: async () => ({}),
    };
  };

  const raw = {
    elements: elementsFactory,
    async createToken(...args: unknown[]) {
      record("createToken", args);
      return {
        error: { type: "invalid_request_error", message: "The fake does not make tokens." },
      };
    },
    async createPaymentMethod(...args: unknown[]) {
      record("createPaymentMethod", args);
      await delay(options.latencyMs ?? 0);
      const data = (args[0] ?? {}) as {
        type?: string;
        card?: unknown;
        elements?: { getElement?: (type: string) => unknown };
        billing_details?: Record<string, unknown>;
        params?: { billing_details?: Record<string, unknown> };
      };
      const element =
        data.card instanceof FakeStripeElement
          ? data.card
          : (data.elements?.getElement?.("card") as FakeStripeElement | null | undefined);
      if (!(element instanceof FakeStripeElement) || element.destroyed) {
        return {
          error: {
            type: "invalid_request_error",
            code: "element_not_mounted",
            message: "The card field is not on the page.",
          },
        };
      }
      const state = element.state;
      if (!state.complete || !state.paymentMethod) {
        return {
          error: state.error ?? {
            type: "validation_error",
            code: "incomplete_number",
            message: "Your card number is incomplete.",
          },
        };
      }
      return {
        paymentMethod: {
          id: state.paymentMethod,
          object: "payment_method",
          type: "card",
          card: {
            brand: state.brand,
            last4: state.last4,
            exp_month: 12,
            exp_year: new Date().getFullYear() + 3,
            country: "US",
            funding: "credit",
          },
          billing_details: data.billing_details ?? data.params?.billing_details ?? {},
          created: Math.floor(Date.now() / 1000),
          livemode: false,
        },
      };
    },
    async confirmCardPayment(...args: unknown[]) {
      record("confirmCardPayment", args);
      const clientSecret = args[0];
      if (typeof clientSecret !== "string") {
        return {
          error: { type: "invalid_request_error", message: "A client secret is required." },
        };
      }
      return runChallenge(clientSecret, challenges, options);
    },
    async handleNextAction(...args: unknown[]) {
      record("handleNextAction", args);
      const clientSecret = (args[0] as { clientSecret?: unknown } | undefined)?.clientSecret;
      if (typeof clientSecret !== "string") {
        return {
          error: { type: "invalid_request_error", message: "A client secret is required." },
        };
      }
      return runChallenge(clientSecret, challenges, options);
    },
    async retrievePaymentIntent(...args: unknown[]) {
      record("retrievePaymentIntent", args);
      const clientSecret = String(args[0]);
      return {
        paymentIntent: {
          id: paymentIntentId(clientSecret),
          object: "payment_intent",
          client_secret: clientSecret,
          status: "processing",
        },
      };
    },
    _registerWrapper(...args: unknown[]) {
      record("_registerWrapper", args);
    },
    registerAppInfo(...args: unknown[]) {
      record("registerAppInfo", args);
    },
  };

  return {
    stripe: raw as unknown as Stripe,
    calls,
    elements: created,
    pendingChallenges: () => [...challenges],
    completeChallenge: async (outcome) => {
      const challenge = challenges[0];
      if (!challenge) throw new Error("No 3D Secure challenge is open.");
      await challenge.complete(outcome);
    },
    getElement: latestElement,
    dispose() {
      for (const challenge of challenges.splice(0)) closeChallengeDialog(challenge);
    },
  };
}
