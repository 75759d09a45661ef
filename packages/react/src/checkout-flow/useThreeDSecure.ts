import type {
  AuthenticationOutcome,
  CheckoutEngine,
  CheckoutState,
} from "@dollr-kit/core/internal";
import { useCallback, useEffect, useRef, useState } from "react";
import { useLatest } from "../internal/use-latest.ts";
import type { DollrCheckoutContextValue } from "../provider/context.ts";

/**
 * Where the card's 3D Secure step stands on this page:
 * - `idle`: nothing to do;
 * - `waiting_for_stripe`: Stripe.js is still loading (a loader in `cards` is called for it);
 * - `running`: Stripe's next action is on screen;
 * - `needs_customer`: it ended without success; the customer may start it again;
 * - `unavailable`: there is no Stripe on this page (no `cards`, or it failed to load; with a
 *   loader, `start` tries loading it again).
 */
export type ThreeDSecureState =
  | "idle"
  | "waiting_for_stripe"
  | "running"
  | "needs_customer"
  | "unavailable";

/**
 * On `requires_action`, runs Stripe's next action once per client secret and tells the engine
 * how it ended. Stripe's result never decides the payment: the engine goes back to Dollr's
 * status either way. If the same secret comes back after a failed challenge, the customer
 * starts it again by hand (no challenge loops).
 */
export function useThreeDSecure(
  engine: CheckoutEngine,
  state: CheckoutState,
  { cards, stripe, requestStripe }: DollrCheckoutContextValue,
  onAuthentication?: (phase: "started" | "finished", outcome?: AuthenticationOutcome) => void,
): { state: ThreeDSecureState; start: () => void } {
  const attempted = useRef(new Set<string>());
  const plugin = useLatest(cards);
  const [running, setRunning] = useState<string | null>(null);
  const report = useLatest(onAuthentication);
  const clientSecret =
    state.kind === "requires_action" || state.kind === "authenticating" ? state.clientSecret : null;

  const run = useCallback(
    (secret: string, instance: unknown) => {
      attempted.current.add(secret);
      engine.beginAuthentication();
      report.current?.("started");
      setRunning(secret);
      // Stripe is ready, so the card plug-in is there: it runs Stripe's next action.
      (plugin.current as NonNullable<typeof cards>)
        .authenticate(instance, secret)
        .catch((): AuthenticationOutcome => "failed")
        .then((outcome) => {
          setRunning((current) => (current === secret ? null : current));
          report.current?.("finished", outcome);
          engine.authenticationFinished(outcome);
        });
    },
    [engine, report, plugin],
  );

  // A 3D Secure step is a card need: a loader in `cards` that was not called yet is called now.
  const needsStripe = clientSecret !== null && stripe.status === "idle";
  useEffect(() => {
    if (needsStripe) requestStripe();
  }, [needsStripe, requestStripe]);

  useEffect(() => {
    if (state.kind !== "requires_action") return;
    if (stripe.status !== "ready") return;
    if (attempted.current.has(state.clientSecret)) return;
    run(state.clientSecret, stripe.stripe);
  }, [state, stripe, run]);

  const start = useCallback(() => {
    if (state.kind !== "requires_action") return;
    if (stripe.status !== "ready") {
      // A loader that failed: try loading again; the step runs once Stripe is there.
      if (stripe.status === "unavailable" && stripe.retryable) requestStripe();
      return;
    }
    run(state.clientSecret, stripe.stripe);
  }, [state, stripe, run, requestStripe]);

  let result: ThreeDSecureState = "idle";
  if (clientSecret !== null) {
    if (running === clientSecret || state.kind === "authenticating") result = "running";
    else if (stripe.status === "loading" || stripe.status === "idle") result = "waiting_for_stripe";
    else if (stripe.status !== "ready") result = "unavailable";
    else if (attempted.current.has(clientSecret)) result = "needs_customer";
    else result = "running";
  }
  return { state: result, start };
}
