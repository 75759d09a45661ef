import type { ReactNode } from "react";
import {
  CheckoutEngineTestingContext,
  type CheckoutEngineTestingValue,
} from "../internal/engine-testing.ts";

export type CheckoutEngineTestingProps = CheckoutEngineTestingValue & { children?: ReactNode };

/**
 * Gives every checkout below it a test clock and test locks (stories that move the simulator's
 * clock, tests that play two tabs with memory locks). Tests and stories only.
 */
export function CheckoutEngineTesting({ clock, locks, children }: CheckoutEngineTestingProps) {
  return (
    <CheckoutEngineTestingContext.Provider value={{ clock, locks }}>
      {children}
    </CheckoutEngineTestingContext.Provider>
  );
}
