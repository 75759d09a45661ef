"use client";
/**
 * `@dollr-kit/react/cards/testing`: a fake Stripe for tests, stories and an offline demo (hand
 * it to `stripeCards(fake.stripe)`). Not for production pages.
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
