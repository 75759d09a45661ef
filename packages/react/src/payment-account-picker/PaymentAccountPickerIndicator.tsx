import type { ComponentPropsWithoutRef } from "react";
import { type AsChildProps, Part } from "../internal/slot.tsx";

export interface PaymentAccountPickerIndicatorProps
  extends ComponentPropsWithoutRef<"span">,
    AsChildProps {
  /** Whether the radio it sits in is checked. */
  checked: boolean;
}

/** The round mark of a radio, for custom item layouts. Decorative (`aria-hidden`). */
export function PaymentAccountPickerIndicator({
  checked,
  ...rest
}: PaymentAccountPickerIndicatorProps) {
  return (
    <Part
      as="span"
      aria-hidden="true"
      {...rest}
      kitClass="dollr-PaymentAccountPicker-indicator"
      data-slot="payment-account-picker-indicator"
      data-state={checked ? "checked" : "unchecked"}
    />
  );
}
