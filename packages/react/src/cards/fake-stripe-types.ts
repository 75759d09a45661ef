/** The fake Stripe's public types: its options, what it returns, and its 3D Secure challenges. */
import type { Stripe } from "@stripe/stripe-js";
import type { FakeStripeElement } from "./fake-stripe-element.ts";

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
