/**
 * The engine's clock and locks for tests and stories, given by `<CheckoutEngineTesting>` from
 * `@dollr-kit/react/testing` rather than as component props: a production page never sets them.
 */
import type { EngineClock, EngineLocks } from "@dollr-kit/core/internal";
import { createContext, useContext } from "react";

export interface CheckoutEngineTestingValue {
  /** The engine's clock (a manual clock, or one that follows the simulator's). */
  clock?: EngineClock | undefined;
  /** Cross-tab locks (memory locks: engines sharing them behave like tabs). */
  locks?: EngineLocks | undefined;
}

export const CheckoutEngineTestingContext =
  /* @__PURE__ */ createContext<CheckoutEngineTestingValue>({});

export const useCheckoutEngineTesting = (): CheckoutEngineTestingValue =>
  useContext(CheckoutEngineTestingContext);
