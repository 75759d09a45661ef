import type { ComponentPropsWithoutRef } from "react";
import { Button } from "../internal/Button.tsx";
import { type AsChildProps, Part } from "../internal/slot.tsx";
import type { CardFormSlotProps } from "../provider/cards.ts";
import { useDollrCheckoutContext } from "../provider/context.ts";
import { AddMobileMoneyForm, type AddMobileMoneyFormProps } from "./AddMobileMoneyForm.tsx";
import { usePickerContext, usePickerPart } from "./picker-context.ts";

// --- Actions ---------------------------------------------------------------------------------

export interface PaymentAccountPickerActionsProps
  extends ComponentPropsWithoutRef<"div">,
    AsChildProps {}

/** The "Add mobile money" and "Add a card" buttons (the card one only when `cards` was given). */
export function PaymentAccountPickerActions({
  children,
  ...rest
}: PaymentAccountPickerActionsProps) {
  const [picker, { t }] = usePickerPart("PaymentAccountPickerActions");
  if (picker.mode !== "list") return null;
  return (
    <Part
      {...rest}
      kitClass="dollr-PaymentAccountPicker-actions"
      data-slot="payment-account-picker-actions"
      fallback={
        <>
          {picker.canAdd.mobileMoney ? (
            <Button
              variant="secondary"
              action="add-mobile-money"
              disabled={picker.disabled}
              onClick={() => picker.setMode("add-mobile-money")}
            >
              {t("picker.addMobileMoney")}
            </Button>
          ) : null}
          {picker.canAdd.card ? (
            <Button
              variant="secondary"
              action="add-card"
              data-state={picker.cardAvailability}
              disabled={picker.disabled}
              onClick={() => picker.setMode("add-card")}
            >
              {t("picker.addCard")}
            </Button>
          ) : null}
        </>
      }
    >
      {children}
    </Part>
  );
}

// --- Add forms -------------------------------------------------------------------------------

export interface PaymentAccountPickerAddFormProps {
  className?: string | undefined;
  /** Milliseconds after the last keystroke before the operator is predicted (wallets). */
  predictDelayMs?: number | undefined;
  /** The countries whose mobile-money numbers the merchant takes. @default `["LR", "RW"]` */
  countries?: AddMobileMoneyFormProps["countries"];
}

/** The add form that is open (`mode`), wired to choose the new account and go back. */
export function PaymentAccountPickerAddForm({
  className,
  predictDelayMs,
  countries,
}: PaymentAccountPickerAddFormProps) {
  const picker = usePickerContext("PaymentAccountPickerAddForm");
  const back = () => picker.setMode("list");
  if (picker.mode === "add-mobile-money") {
    return (
      <AddMobileMoneyForm
        className={className}
        predictDelayMs={predictDelayMs}
        countries={countries}
        onAdded={picker.accountAdded}
        onCancel={back}
      />
    );
  }
  if (picker.mode === "add-card" && picker.canAdd.card) {
    return (
      <PaymentAccountPickerAddCard
        className={className}
        onAdded={picker.accountAdded}
        onCancel={back}
      />
    );
  }
  return null;
}

export interface PaymentAccountPickerAddCardProps extends CardFormSlotProps {}

/**
 * The card plug-in's add-card form (`cards` on the provider, from `@dollr-kit/react/cards`);
 * nothing without one. For Stripe's own options, render `<AddCardForm>` from
 * `@dollr-kit/react/cards` instead.
 */
export function PaymentAccountPickerAddCard(props: PaymentAccountPickerAddCardProps) {
  const { cards } = useDollrCheckoutContext("<PaymentAccountPicker.AddCard>");
  return cards ? <cards.AddCardForm {...props} /> : null;
}
