/**
 * How the fake Stripe confirms a payment intent: every confirmation is a 3D Secure challenge, and
 * its outcome goes to the simulator before the caller gets Stripe.js's answer.
 */
import { closeChallengeDialog, openChallengeDialog } from "./fake-stripe-challenge-dialog.ts";
import type {
  CreateFakeStripeOptions,
  FakeAuthenticationOutcome,
  FakeChallenge,
} from "./fake-stripe-types.ts";

/** The options confirmation reads (at the time it needs them). */
export type FakeConfirmOptions = Pick<
  CreateFakeStripeOptions,
  "simulator" | "baseUrl" | "fetch" | "challengeContainer"
>;

/** What `confirmCardPayment` and `handleNextAction` resolve with, as Stripe.js shapes it. */
export type FakeConfirmResult =
  | { paymentIntent: Record<string, unknown>; error?: undefined }
  | { error: Record<string, unknown>; paymentIntent?: undefined };

/** The payment intent id in a client secret (`pi_…_secret_…`). */
export function paymentIntentId(clientSecret: string): string {
  const at = clientSecret.indexOf("_secret_");
  return at > 0 ? clientSecret.slice(0, at) : clientSecret;
}

/** Sends a challenge's outcome to the simulator: in-process, over HTTP, or nowhere. */
async function tellSimulator(
  options: FakeConfirmOptions,
  clientSecret: string,
  outcome: FakeAuthenticationOutcome,
): Promise<void> {
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
}

/**
 * Opens a 3DS challenge for the payment intent (added to `challenges` until it is finished) and
 * resolves once it is finished, by a button, `complete` or Escape.
 */
export function runChallenge(
  clientSecret: string,
  challenges: FakeChallenge[],
  options: FakeConfirmOptions,
): Promise<FakeConfirmResult> {
  return new Promise<FakeConfirmResult>((resolve) => {
    let settled = false;
    const challenge: FakeChallenge = {
      clientSecret,
      dialog: null,
      complete: async (outcome) => {
        if (settled) return;
        settled = true;
        const index = challenges.indexOf(challenge);
        if (index >= 0) challenges.splice(index, 1);
        closeChallengeDialog(challenge);
        const id = paymentIntentId(clientSecret);
        try {
          await tellSimulator(options, clientSecret, outcome);
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
    openChallengeDialog(challenge, paymentIntentId(clientSecret), options);
  });
}
