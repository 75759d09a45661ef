import type { AuthenticationOutcome } from "@dollr-kit/core/internal";
import type { ComponentType } from "react";
import type { SavedPaymentAccount } from "../internal/client.ts";

// The card plug-in's shape, as the kit's non-card entries see it. Nothing here names a Stripe
// type: only `@dollr-kit/react/cards` does, so a mobile-money shop needs no Stripe package, not
// even for type-checking.

/** Where Stripe comes from, as read by `stripeCards(…)` from what it was given. */
export type CardsStripeSource =
  /** `stripeCards(null)`: cards off (or not loaded yet). */
  | { tag: "empty" }
  /** A Stripe instance. */
  | { tag: "sync"; stripe: object }
  /** A promise of one (Stripe.js requested up front). */
  | { tag: "async"; promise: PromiseLike<unknown> }
  /** A loader, called at the first card need only. */
  | { tag: "lazy"; load: () => unknown };

/** What the picker hands the card plug-in's add-card form. */
export interface CardFormSlotProps {
  /** Called with the saved card account. */
  onAdded?: ((account: SavedPaymentAccount) => void) | undefined;
  /** Shows a Cancel button that calls this. */
  onCancel?: (() => void) | undefined;
  className?: string | undefined;
}

/**
 * Card payments, for `<DollrCheckoutProvider cards={…}>`: made by `stripeCards(…)` from
 * `@dollr-kit/react/cards`. It carries the Stripe source, the add-card form (its code a lazy
 * chunk) and the 3D Secure step.
 */
export interface DollrCards {
  readonly kind: "dollr-kit:cards";
  /** Where Stripe comes from. */
  readonly stripe: CardsStripeSource;
  /** Whether a loaded value is a usable Stripe instance. */
  isStripe(value: unknown): boolean;
  /** The add-card form the picker shows. */
  readonly AddCardForm: ComponentType<CardFormSlotProps>;
  /** Runs Stripe's next action (3D Secure) for a client secret; never decides the payment. */
  authenticate(stripe: unknown, clientSecret: string): Promise<AuthenticationOutcome>;
}

/** Where the kit's Stripe stands. Cards are offered unless `none`. */
export type StripeState<S = unknown> =
  /** No `cards` was given (or `stripeCards(null)`): cards are off. */
  | { status: "none"; stripe: null }
  /**
   * A loader was given and not called yet: cards are offered, and Stripe.js is requested at the
   * first card need (`requestStripe()`).
   */
  | { status: "idle"; stripe: null }
  /** A promise was given (or the loader called) and has not settled. */
  | { status: "loading"; stripe: null }
  /** Stripe.js is there (typed as `Stripe` by `useCardStripe()` of `@dollr-kit/react/cards`). */
  | { status: "ready"; stripe: S }
  /**
   * The promise (or the loader) rejected or resolved to null (script blocked, offline, CSP).
   * `retryable`: a loader was given, so the next card need (`requestStripe()`) tries again.
   */
  | { status: "unavailable"; stripe: null; error: unknown; retryable: boolean };
