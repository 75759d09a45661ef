import { createContext, useContext } from "react";
import { useDollrCheckoutContext } from "../../provider/context.ts";
import type { UseCheckoutFlowResult } from "../useCheckoutFlow.ts";

export const FlowContext = createContext<UseCheckoutFlowResult | null>(null);
// For React DevTools only, so production builds leave the name out.
if (process.env.NODE_ENV !== "production") FlowContext.displayName = "CheckoutFlowContext";

export function useFlowContext(part: string): UseCheckoutFlowResult {
  const context = useContext(FlowContext);
  if (!context) {
    throw new Error(`<${part}> must be used within <CheckoutFlow.Root> (or <CheckoutFlow>).`);
  }
  return context;
}

/** A part's flow state and the provider's values; an error names the part. */
export function useFlowPart(part: string) {
  return [useFlowContext(part), useDollrCheckoutContext(`<${part}>`)] as const;
}

/** The states in which the customer chooses and pays (the picker and Pay are shown). */
export const CHOOSING = new Set(["selecting", "creating_session", "executing"]);

/**
 * `data-reason`: why a `failed` or `recoverable` state is so, or why `selecting` cannot pay (the
 * proxy refused the source: `forbidden`, `not_found`).
 */
export function reasonOf({ state, sourceRefused }: UseCheckoutFlowResult): string | undefined {
  if (state.kind === "failed" || state.kind === "recoverable") return state.reason;
  return state.kind === "selecting" ? (sourceRefused ?? undefined) : undefined;
}
