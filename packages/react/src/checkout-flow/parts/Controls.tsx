import { type ComponentPropsWithoutRef, forwardRef } from "react";
import { Button } from "../../internal/Button.tsx";
import { composeEventHandlers } from "../../internal/compose.ts";
import type { AsChildProps } from "../../internal/slot.tsx";
import {
  PaymentAccountPicker,
  type PaymentAccountPickerProps,
} from "../../payment-account-picker/PaymentAccountPicker.tsx";
import { CHOOSING, useFlowContext, useFlowPart } from "./context.ts";

// --- Picker ----------------------------------------------------------------------------------

export interface CheckoutFlowPickerProps
  extends Omit<
    PaymentAccountPickerProps,
    "value" | "defaultValue" | "onValueChange" | "preselect" | "disabled"
  > {}

/**
 * `<PaymentAccountPicker>` bound to the flow: choosing an account tells the engine. Shown while
 * the customer chooses and pays (`selecting`, `creating_session`, `executing`); its children
 * are a picker layout of your own (`PaymentAccountPicker.Group`, …).
 */
export function CheckoutFlowPicker(props: CheckoutFlowPickerProps) {
  const flow = useFlowContext("CheckoutFlow.Picker");
  if (!CHOOSING.has(flow.kind)) return null;
  return (
    <PaymentAccountPicker
      {...props}
      value={flow.accountId}
      preselect={flow.preselect}
      onValueChange={(_id, account) => flow.selectAccount(account)}
      disabled={flow.kind !== "selecting"}
    />
  );
}

// --- Pay button ------------------------------------------------------------------------------

export interface CheckoutFlowPayButtonProps
  extends Omit<ComponentPropsWithoutRef<"button">, "type">,
    AsChildProps {}

/**
 * Pay, shown while the customer chooses and pays. Enabled only when an account is chosen and no
 * attempt is open: a second attempt can never start from here (the engine decides; the button
 * shows it). While starting it stays focusable (`aria-disabled`) so focus is not lost.
 * `data-state`: `idle` | `ready` | `busy`.
 */
export const CheckoutFlowPayButton = /* @__PURE__ */ forwardRef<
  HTMLButtonElement,
  CheckoutFlowPayButtonProps
>(function CheckoutFlowPayButton({ onClick, disabled, ...rest }, ref) {
  const [flow, { t }] = useFlowPart("CheckoutFlow.PayButton");
  if (!CHOOSING.has(flow.kind)) return null;
  const busy = flow.kind !== "selecting";
  const unavailable = !flow.canPay || disabled === true;
  return (
    <Button
      {...rest}
      ref={ref}
      variant="primary"
      action="pay"
      kitClass="dollr-CheckoutFlow-pay"
      data-state={busy ? "busy" : flow.canPay ? "ready" : "idle"}
      aria-disabled={unavailable || undefined}
      aria-busy={busy || undefined}
      disabled={unavailable && !busy}
      onClick={composeEventHandlers(onClick, () => {
        if (flow.canPay) flow.pay();
      })}
      fallback={
        flow.summary.total ? t("flow.pay", { amount: flow.summary.total }) : t("flow.payNoAmount")
      }
    />
  );
});
