import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { devWarn } from "../internal/dev.ts";
import { isServer } from "../internal/env.ts";
import { useLatest } from "../internal/use-latest.ts";
import type { CardsStripeSource, DollrCards, StripeState } from "./cards.ts";

const NO_STRIPE = "Stripe.js did not load (it gave null).";
const EMPTY: CardsStripeSource = { tag: "empty" };
const IDLE: StripeState = { status: "idle", stripe: null };
const LOADING: StripeState = { status: "loading", stripe: null };

const ready = (stripe: unknown): StripeState => ({ status: "ready", stripe });

const unavailable = (error: unknown, retryable: boolean): StripeState => ({
  status: "unavailable",
  stripe: null,
  error,
  retryable,
});

/** A state update that keeps a Stripe that is ready: a late or second result never replaces it. */
const unlessReady = (next: StripeState) => (current: StripeState) =>
  current.status === "ready" ? current : next;

function initialState(source: CardsStripeSource): StripeState {
  if (source.tag === "sync") return ready(source.stripe);
  if (source.tag === "async") return LOADING;
  if (source.tag === "lazy") return IDLE;
  return { status: "none", stripe: null };
}

/** What a source is, for change detection: its instance, its promise, or just "a loader". */
const identityOf = (source: CardsStripeSource): unknown =>
  source.tag === "sync" ? source.stripe : source.tag === "async" ? source.promise : source.tag;

function usePrevious<T>(value: T): T | undefined {
  const ref = useRef<T | undefined>(undefined);
  useEffect(() => {
    ref.current = value;
  }, [value]);
  return ref.current;
}

/**
 * Warns (development only) when the card plug-in's Stripe changes after it loaded. In production
 * builds it is a no-op, so the previous-value tracking is stripped with the message.
 */
const useDevStripeChangeWarning: (identity: unknown, status: StripeState["status"]) => void =
  process.env.NODE_ENV === "production"
    ? () => {}
    : (identity, status) => {
        const previous = usePrevious(identity);
        useEffect(() => {
          // A new loader (e.g. an inline arrow) is the same loader: it is never called again.
          if (previous === undefined || previous === identity || status !== "ready") return;
          if (previous === "empty") return;
          devWarn(
            "Unsupported prop change on <DollrCheckoutProvider>: you cannot change the Stripe of `cards` after it has loaded. Create `stripeCards(…)` once, outside render (module scope or useState).",
          );
        }, [identity, previous, status]);
      };

/**
 * The card plug-in's Stripe, loaded as its source says: an instance is ready at once, a promise
 * is awaited, a loader is called at the first card need only (`requestStripe`), once, and again
 * after a failed load. A plug-in made anew on every render keeps its state as long as its
 * instance (or promise) is the same, and a loader is always the same loader.
 */
export function useStripeState(cards: DollrCards | null): {
  /** `cards`, the same object for as long as its Stripe and its form are the same. */
  cards: DollrCards | null;
  stripe: StripeState;
  requestStripe: () => void;
} {
  const given = cards?.stripe ?? EMPTY;
  const identity = identityOf(given);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by what the source holds, not by the object.
  const source = useMemo(() => given, [identity]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the same, so context readers do not re-render for a new but equal plug-in.
  const stableCards = useMemo(() => cards, [identity, cards?.AddCardForm]);
  const [state, setState] = useState<StripeState>(() => initialState(source));
  // A loader and the instance check are read through refs when used: an inline
  // `stripeCards(() => loadStripe(key))` is still the same loader, never called again for it.
  const loader = useLatest(given.tag === "lazy" ? given.load : null);
  const isStripe = useLatest((value: unknown) => cards?.isStripe(value) === true);
  const latestState = useLatest(state);
  /** The loader's promise while it runs and after it succeeded; null again after a failure. */
  const loaded = useRef<PromiseLike<unknown> | null>(null);

  useEffect(() => {
    if (source.tag === "empty") return;
    if (source.tag === "lazy") {
      setState((current) =>
        current.status === "ready" || loaded.current !== null ? current : IDLE,
      );
      return;
    }
    if (source.tag === "sync") {
      setState(unlessReady(ready(source.stripe)));
      return;
    }
    let live = true;
    setState((current) =>
      current.status === "ready" || current.status === "loading" ? current : LOADING,
    );
    Promise.resolve(source.promise).then(
      (value) => {
        if (!live) return;
        setState(
          unlessReady(
            isStripe.current(value) ? ready(value) : unavailable(new Error(NO_STRIPE), false),
          ),
        );
      },
      (error: unknown) => {
        if (live) setState(unlessReady(unavailable(error, false)));
      },
    );
    return () => {
      live = false;
    };
  }, [source, isStripe]);

  const requestStripe = useCallback(() => {
    const load = loader.current;
    if (!load || loaded.current !== null || isServer()) return;
    if (latestState.current.status === "ready") return;
    let result: unknown;
    try {
      result = load();
    } catch (error) {
      result = Promise.reject(error);
    }
    const promise = Promise.resolve(result);
    loaded.current = promise;
    setState(unlessReady(LOADING));
    const failed = (error: unknown) => {
      if (loaded.current === promise) loaded.current = null;
      // The plug-in no longer has a loader (cards turned off, or another Stripe given): not ours.
      if (loader.current) setState(unlessReady(unavailable(error, true)));
    };
    promise.then((value) => {
      if (!isStripe.current(value)) {
        failed(new Error(NO_STRIPE));
        return;
      }
      if (loader.current) setState(unlessReady(ready(value)));
    }, failed);
  }, [loader, latestState, isStripe]);

  useDevStripeChangeWarning(identity, state.status);
  return { cards: stableCards, stripe: state, requestStripe };
}
