import { createContext } from "react";
import type { ExecutionStatusModel } from "./describe.ts";

/** The words the status parts show: a payment's wait, or (in `<CheckoutFlow.Status>`) any state. */
export interface StatusPartsWords
  extends Partial<
    Pick<
      ExecutionStatusModel,
      "reason" | "hint" | "elapsedMs" | "elapsedText" | "longWaitText" | "connectionText"
    >
  > {
  /** The indicator's `data-state`: the phase, or the flow's state. */
  phase: string;
  message: string | null;
}

/** The words, and what "Check again" does. */
export interface StatusPartsValue extends StatusPartsWords {
  /** Shows "Check again" in `ExecutionStatusActions` once `expired`. */
  onCheckAgain?: (() => void) | undefined;
}

/**
 * What `ExecutionStatusIcon`, `ExecutionStatusTitle`, … read: given by `<ExecutionStatus>` and by
 * `<CheckoutFlow.Status>`. Its own module so a page that never renders the parts does not
 * download them.
 */
export const StatusPartsContext = createContext<StatusPartsValue | null>(null);
