/** The picker's state, shared by its parts through context. */
import { createContext, useContext } from "react";
import { useDollrCheckoutContext } from "../provider/context.ts";
import type { UsePaymentAccountPickerResult } from "./usePaymentAccountPicker.ts";

export const PickerContext = createContext<UsePaymentAccountPickerResult | null>(null);
// For React DevTools only, so production builds leave the name out.
if (process.env.NODE_ENV !== "production")
  PickerContext.displayName = "PaymentAccountPickerContext";

export function usePickerContext(part: string): UsePaymentAccountPickerResult {
  const context = useContext(PickerContext);
  if (!context) {
    throw new Error(
      `<${part}> must be used within <PaymentAccountPicker.Root> (or <PaymentAccountPicker>).`,
    );
  }
  return context;
}

/** A part's picker state and the provider's values; an error names the part. */
export function usePickerPart(part: string) {
  return [usePickerContext(part), useDollrCheckoutContext(`<${part}>`)] as const;
}
