/**
 * The checkout state machine: a pure `reduce(state, event)` over a discriminated union. It
 * decides nothing that needs the network, the clock or storage — the runner does those and
 * reports what happened as events. An event that makes no sense in a state returns the SAME
 * state object (so subscribers see no change) and is reported in development builds.
 *
 * The states and events are named in `states.ts`, the table of moves between them (with its
 * diagram) is in `transitions.ts`; this file is the reducer the runner uses, which reports
 * invalid events, and the state an engine starts in.
 */
import type {
  CheckoutEvent,
  CheckoutState,
  InvalidTransitionHandler,
  LoadingState,
} from "./states.ts";
import { transition } from "./transitions.ts";

export * from "./states.ts";
export { transition } from "./transitions.ts";

// Written out literally so bundlers can replace `process.env.NODE_ENV`; guarded for browsers.
declare const process: { env: Record<string, string | undefined> };
function isDevelopment(): boolean {
  return typeof process !== "undefined" && process.env.NODE_ENV !== "production";
}

/** Options of `createReducer`. */
export interface ReducerOptions {
  /** Told about events that make no sense in a state (development builds only). */
  onInvalidTransition?: InvalidTransitionHandler;
}

/**
 * `transition` that reports invalid events in development builds (`NODE_ENV !== "production"`),
 * through `onInvalidTransition` (default: `console.warn`).
 */
export function createReducer(
  options: ReducerOptions = {},
): (state: CheckoutState, event: CheckoutEvent) => CheckoutState {
  const report =
    options.onInvalidTransition ??
    ((state: CheckoutState, event: CheckoutEvent) =>
      console.warn(`[dollr-kit] ignored ${event.type} in state ${state.kind}`));
  return (state, event) => {
    const next = transition(state, event);
    if (next === state && isDevelopment()) report(state, event);
    return next;
  };
}

/** `transition` with the default development warning. */
export const reduce: (state: CheckoutState, event: CheckoutEvent) => CheckoutState =
  /* @__PURE__ */ createReducer();

/** The state an engine starts in. */
export const INITIAL_STATE: LoadingState = Object.freeze({ kind: "loading" }) as LoadingState;
