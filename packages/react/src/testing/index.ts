"use client";
/**
 * `@dollr-kit/react/testing`: a fake Stripe and render helpers for tests, stories and the
 * offline demo. Not for production pages.
 */
export {
  type CreateFakeStripeOptions,
  createFakeStripe,
  FAKE_STRIPE_TEST_CARDS,
  type FakeAuthenticationOutcome,
  type FakeChallenge,
  type FakeStripe,
  type FakeStripeCall,
  FakeStripeElement,
  type FakeStripeSimulatorLink,
  readFakeCardInput,
  removeFakeStripeChallenges,
} from "./fake-stripe.ts";
export { createKitWrapper, type KitWrapperOptions, renderWithKit } from "./render.tsx";
