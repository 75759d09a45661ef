import type { Stripe } from "@stripe/stripe-js";
import { styleChallenge } from "./fake-stripe-challenge-look.ts";

/**
 * A fake of the parts of Stripe.js the kit uses, for tests, stories and the offline demo. No
 * network, no iframe: the card field is a real `<input>` in the page, and the 3D Secure challenge
 * is a `<dialog>` with "Complete" and "Fail" buttons that tells the simulator the outcome.
 *
 * It passes `@stripe/react-stripe-js`'s `isStripe` check (`elements`, `createToken`,
 * `createPaymentMethod`, `confirmCardPayment` are functions) and copes with StrictMode's
 * create → destroy → create of an element: `getElement` returns the latest live element.
 */

/** The simulator's test cards: what to type, and the payment method it becomes. */
export const FAKE_STRIPE_TEST_CARDS = Object.freeze([
  {
    number: "4242424242424242",
    paymentMethod: "pm_card_visa",
    brand: "visa",
    last4: "4242",
    description: "Succeeds",
  },
  {
    number: "4000000000003220",
    paymentMethod: "pm_card_threeDSecure2Required",
    brand: "visa",
    last4: "3220",
    description: "Asks for 3D Secure",
  },
  {
    number: "4000000000000002",
    paymentMethod: "pm_card_chargeDeclined",
    brand: "visa",
    last4: "0002",
    description: "Is declined",
  },
] as const);

/** What a challenge ends with. */
export type FakeAuthenticationOutcome = "succeeded" | "failed";

/** Something that can finish a 3DS challenge in the simulator (its `.control`, or your own). */
export interface FakeStripeSimulatorLink {
  authenticate(clientSecret: string, outcome: FakeAuthenticationOutcome): unknown;
}

export interface CreateFakeStripeOptions {
  /**
   * How a finished challenge reaches the simulator: its control object (in-process), or nothing
   * (then `baseUrl` is used, or the outcome is only returned to the caller).
   */
  simulator?: FakeStripeSimulatorLink;
  /**
   * A simulator (or proxy dev server) URL; the fake POSTs
   * `{ client_secret, outcome }` to `${baseUrl}/__simulator/authenticate`.
   */
  baseUrl?: string;
  /** The fetch used with `baseUrl` (default: the global one). */
  fetch?: typeof fetch;
  /** Where the challenge dialog is attached (default `document.body`). */
  challengeContainer?: () => HTMLElement;
  /** Milliseconds `createPaymentMethod` takes (default 0). */
  latencyMs?: number;
}

/** One recorded call into the fake. */
export interface FakeStripeCall {
  method: string;
  args: unknown[];
}

/** A 3DS challenge on screen (or waiting for one). */
export interface FakeChallenge {
  clientSecret: string;
  /** Finishes the challenge as if the customer pressed a button. */
  complete(outcome: FakeAuthenticationOutcome): Promise<void>;
  /** The dialog on screen, if any. */
  dialog: HTMLDialogElement | null;
}

/** What `createFakeStripe` returns. */
export interface FakeStripe {
  /** Hand this to `stripeCards(fake.stripe)` (from `@dollr-kit/react/cards`). */
  stripe: Stripe;
  /** Every call made into the fake, in order. */
  calls: FakeStripeCall[];
  /** Every element created, in order (destroyed ones included). */
  elements: FakeStripeElement[];
  /** The challenges not yet finished. */
  pendingChallenges(): FakeChallenge[];
  /** Finishes the oldest open challenge (for stories and tests without clicking). */
  completeChallenge(outcome: FakeAuthenticationOutcome): Promise<void>;
  /** The latest live element of a type. */
  getElement(type: string): FakeStripeElement | null;
  /** Removes every open challenge from the page (their promises stay pending). For test cleanup. */
  dispose(): void;
}

const liveChallengeDialogs = new Set<HTMLDialogElement>();

/** Removes every fake 3DS challenge still on the page, from any fake (test cleanup). */
export function removeFakeStripeChallenges(): void {
  for (const dialog of liveChallengeDialogs) {
    if (dialog.open) dialog.close();
    dialog.remove();
  }
  liveChallengeDialogs.clear();
}

type Handler = (payload?: unknown) => void;

interface CardState {
  value: string;
  empty: boolean;
  complete: boolean;
  paymentMethod: string | null;
  brand: string;
  last4: string;
  error: { type: "validation_error"; code: string; message: string } | undefined;
}

/** Reads what was typed in the fake card field: a test card number or a `pm_…` id. */
export function readFakeCardInput(raw: string): CardState {
  const value = raw.trim();
  if (value === "") {
    return {
      value,
      empty: true,
      complete: false,
      paymentMethod: null,
      brand: "unknown",
      last4: "",
      error: undefined,
    };
  }
  if (/^pm_\w+$/.test(value)) {
    const known = FAKE_STRIPE_TEST_CARDS.find((card) => card.paymentMethod === value);
    return {
      value,
      empty: false,
      complete: true,
      paymentMethod: value,
      brand: known?.brand ?? "unknown",
      last4: known?.last4 ?? "0000",
      error: undefined,
    };
  }
  const digits = value.replace(/[\s-]/g, "");
  if (!/^\d+$/.test(digits)) {
    return {
      value,
      empty: false,
      complete: false,
      paymentMethod: null,
      brand: "unknown",
      last4: "",
      error: {
        type: "validation_error",
        code: "invalid_number",
        message: "Your card number is invalid.",
      },
    };
  }
  const known = FAKE_STRIPE_TEST_CARDS.find((card) => card.number === digits);
  if (known) {
    return {
      value,
      empty: false,
      complete: true,
      paymentMethod: known.paymentMethod,
      brand: known.brand,
      last4: known.last4,
      error: undefined,
    };
  }
  const brand = digits.startsWith("4") ? "visa" : digits.startsWith("5") ? "mastercard" : "unknown";
  if (digits.length < 16) {
    // As Stripe: no error while the number is still being typed, only `complete: false`.
    return {
      value,
      empty: false,
      complete: false,
      paymentMethod: null,
      brand,
      last4: "",
      error: undefined,
    };
  }
  return {
    value,
    empty: false,
    complete: false,
    paymentMethod: null,
    brand,
    last4: digits.slice(-4),
    error: {
      type: "validation_error",
      code: "invalid_number",
      message: "Use a test card: 4242 4242 4242 4242, 4000 0000 0000 3220 or 4000 0000 0000 0002.",
    },
  };
}

let fieldCounter = 0;

/** The fake card element: a labelled `<input>` mounted into the node react-stripe-js gives it. */
export class FakeStripeElement {
  readonly type: string;
  options: Record<string, unknown>;
  destroyed = false;
  mountedOn: HTMLElement | null = null;
  input: HTMLInputElement | null = null;
  state: CardState = readFakeCardInput("");
  private readonly handlers = new Map<string, Set<Handler>>();

  constructor(type: string, options: unknown) {
    this.type = type;
    this.options = (options && typeof options === "object" ? options : {}) as Record<
      string,
      unknown
    >;
  }

  mount(target: HTMLElement | string): void {
    if (this.destroyed) throw new Error("This Element has already been destroyed.");
    const node = typeof target === "string" ? document.querySelector<HTMLElement>(target) : target;
    if (!node)
      throw new Error(`The selector you specified (${String(target)}) applies to no DOM elements.`);
    this.unmount();
    const input = document.createElement("input");
    fieldCounter += 1;
    input.id = `dollr-fake-card-${fieldCounter}`;
    input.type = "text";
    input.inputMode = "numeric";
    input.autocomplete = "cc-number";
    input.setAttribute("aria-label", String(this.options.ariaLabel ?? "Card number"));
    input.setAttribute("data-fake-stripe-input", this.type);
    input.placeholder = String(this.options.placeholder ?? "4242 4242 4242 4242");
    if (this.options.disabled === true) input.disabled = true;
    input.addEventListener("input", this.onInput);
    input.addEventListener("focus", this.onFocus);
    input.addEventListener("blur", this.onBlur);
    node.setAttribute("data-fake-stripe", this.type);
    node.appendChild(input);
    this.mountedOn = node;
    this.input = input;
    queueMicrotask(() => {
      if (!this.destroyed && this.input === input) this.emit("ready", { elementType: this.type });
    });
  }

  unmount(): void {
    if (this.input) {
      this.input.removeEventListener("input", this.onInput);
      this.input.removeEventListener("focus", this.onFocus);
      this.input.removeEventListener("blur", this.onBlur);
      this.input.remove();
    }
    this.mountedOn?.removeAttribute("data-fake-stripe");
    this.input = null;
    this.mountedOn = null;
  }

  destroy(): void {
    this.unmount();
    this.destroyed = true;
    this.handlers.clear();
  }

  update(options: Record<string, unknown>): void {
    this.options = { ...this.options, ...options };
    if (this.input && "disabled" in options) this.input.disabled = options.disabled === true;
  }

  on(event: string, handler: Handler): this {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
    }
    set.add(handler);
    return this;
  }

  once(event: string, handler: Handler): this {
    const wrapped: Handler = (payload) => {
      this.off(event, wrapped);
      handler(payload);
    };
    return this.on(event, wrapped);
  }

  off(event: string, handler?: Handler): this {
    if (handler) this.handlers.get(event)?.delete(handler);
    else this.handlers.delete(event);
    return this;
  }

  focus(): void {
    this.input?.focus();
  }

  blur(): void {
    this.input?.blur();
  }

  clear(): void {
    if (this.input) this.input.value = "";
    this.setValue("");
  }

  /** Types a value as the customer would (for tests that do not drive the DOM). */
  setValue(value: string): void {
    if (this.input && this.input.value !== value) this.input.value = value;
    this.state = readFakeCardInput(value);
    this.emit("change", {
      elementType: this.type,
      empty: this.state.empty,
      complete: this.state.complete,
      brand: this.state.brand,
      error: this.state.error,
      value: { postalCode: "" },
    });
  }

  emit(event: string, payload?: unknown): void {
    for (const handler of [...(this.handlers.get(event) ?? [])]) handler(payload);
  }

  private readonly onInput = (event: Event) => {
    this.setValue((event.target as HTMLInputElement).value);
  };
  private readonly onFocus = () => this.emit("focus", { elementType: this.type });
  private readonly onBlur = () => this.emit("blur", { elementType: this.type });
}

function paymentIntentId(clientSecret: string): string {
  const at = clientSecret.indexOf("_secret_");
  return at > 0 ? clientSecret.slice(0, at) : clientSecret;
}

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

  const tellSimulator = async (clientSecret: string, outcome: FakeAuthenticationOutcome) => {
    if (options.simulator) {
      await options.simulator.authenticate(clientSecret, outcome);
      return;
    }
    if (options.baseUrl !== undefined) {
      const doFetch = options.fetch ?? globalThis.fetch;
      const response = await doFetch(
        `${options.baseUrl.replace(/\/$/, "")}/__simulator/authenticate`,
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ client_secret: clientSecret, outcome }),
        },
      );
      if (!response.ok) throw new Error(`The simulator answered ${response.status}.`);
    }
  };

  const runChallenge = (clientSecret: string) =>
    new Promise<
      | { paymentIntent: Record<string, unknown>; error?: undefined }
      | { error: Record<string, unknown>; paymentIntent?: undefined }
    >((resolve) => {
      let settled = false;
      const challenge: FakeChallenge = {
        clientSecret,
        dialog: null,
        complete: async (outcome) => {
          if (settled) return;
          settled = true;
          const index = challenges.indexOf(challenge);
          if (index >= 0) challenges.splice(index, 1);
          closeDialog();
          const id = paymentIntentId(clientSecret);
          try {
            await tellSimulator(clientSecret, outcome);
          } catch (cause) {
            resolve({
              error: {
                type: "api_connection_error",
                message: `The fake could not reach the simulator: ${String(cause)}`,
              },
            });
            return;
          }
          if (outcome === "succeeded") {
            resolve({
              paymentIntent: {
                id,
                object: "payment_intent",
                client_secret: clientSecret,
                status: "processing",
              },
            });
          } else {
            resolve({
              error: {
                type: "card_error",
                code: "payment_intent_authentication_failure",
                message:
                  "We are unable to authenticate your payment method. Please choose a different payment method and try again.",
                payment_intent: {
                  id,
                  object: "payment_intent",
                  client_secret: clientSecret,
                  status: "requires_payment_method",
                },
              },
            });
          }
        },
      };
      challenges.push(challenge);

      const closeDialog = () => {
        const dialog = challenge.dialog;
        if (!dialog) return;
        challenge.dialog = null;
        liveChallengeDialogs.delete(dialog);
        if (dialog.open) dialog.close();
        dialog.remove();
      };

      if (typeof document === "undefined") return;
      const dialog = document.createElement("dialog");
      const titleId = `${paymentIntentId(clientSecret)}-fake-3ds-title`;
      const textId = `${paymentIntentId(clientSecret)}-fake-3ds-text`;
      dialog.setAttribute("data-fake-stripe-challenge", "");
      dialog.setAttribute("aria-labelledby", titleId);
      dialog.setAttribute("aria-describedby", textId);
      const title = document.createElement("h2");
      title.id = titleId;
      title.textContent = "Test 3D Secure authentication";
      const text = document.createElement("p");
      text.id = textId;
      text.textContent =
        "This is a test payment page from the Dollr kit's fake Stripe. Choose how the bank answers.";
      const complete = document.createElement("button");
      complete.type = "button";
      complete.textContent = "Complete";
      complete.setAttribute("data-outcome", "succeeded");
      complete.addEventListener("click", () => void challenge.complete("succeeded"));
      const fail = document.createElement("button");
      fail.type = "button";
      fail.textContent = "Fail";
      fail.setAttribute("data-outcome", "failed");
      fail.addEventListener("click", () => void challenge.complete("failed"));
      // Escape closes a modal dialog ("cancel"): the customer abandoned the challenge.
      dialog.addEventListener("cancel", (event) => {
        event.preventDefault();
        void challenge.complete("failed");
      });
      dialog.append(title, text, complete, fail);
      styleChallenge({ dialog, title, text, complete, fail });
      challenge.dialog = dialog;
      liveChallengeDialogs.add(dialog);

      // The top layer: `showModal()` puts the challenge above everything, including a modal
      // `<dialog>` the checkout itself sits in (stripe-js#599). Where it is missing, the
      // challenge goes inside the nearest open dialog so it is not made inert.
      const openDialogs = [...document.querySelectorAll<HTMLDialogElement>("dialog[open]")];
      const host =
        options.challengeContainer?.() ??
        (typeof dialog.showModal === "function" ? document.body : openDialogs.at(-1)) ??
        document.body;
      host.appendChild(dialog);
      if (typeof dialog.showModal === "function") {
        try {
          dialog.showModal();
        } catch {
          dialog.setAttribute("open", "");
        }
      } else {
        dialog.setAttribute("open", "");
      }
      complete.focus();
    });

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
      return runChallenge(clientSecret);
    },
    async handleNextAction(...args: unknown[]) {
      record("handleNextAction", args);
      const clientSecret = (args[0] as { clientSecret?: unknown } | undefined)?.clientSecret;
      if (typeof clientSecret !== "string") {
        return {
          error: { type: "invalid_request_error", message: "A client secret is required." },
        };
      }
      return runChallenge(clientSecret);
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
      for (const challenge of challenges.splice(0)) {
        const dialog = challenge.dialog;
        challenge.dialog = null;
        if (!dialog) continue;
        liveChallengeDialogs.delete(dialog);
        if (dialog.open) dialog.close();
        dialog.remove();
      }
    },
  };
}
