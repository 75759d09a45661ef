import { type ComponentPropsWithoutRef, forwardRef, type ReactNode } from "react";
import { Button } from "../internal/Button.tsx";
import type { SavedPaymentAccount } from "../internal/client.ts";
import { visuallyHidden } from "../internal/LiveRegion.tsx";
import { type AsChildProps, Part } from "../internal/slot.tsx";
import { AddMobileMoneyForm } from "./AddMobileMoneyForm.tsx";
import { describeAccount } from "./format.ts";
import {
  PaymentAccountPickerActions,
  PaymentAccountPickerAddCard,
  PaymentAccountPickerAddForm,
  type PaymentAccountPickerAddFormProps,
} from "./PaymentAccountPickerActions.tsx";
import { PaymentAccountPickerIndicator } from "./PaymentAccountPickerIndicator.tsx";
import { PickerContext, usePickerContext, usePickerPart } from "./picker-context.ts";
import {
  type UsePaymentAccountPickerOptions,
  type UsePaymentAccountPickerResult,
  usePaymentAccountPicker,
} from "./usePaymentAccountPicker.ts";

export {
  PaymentAccountPickerActions,
  type PaymentAccountPickerActionsProps,
  PaymentAccountPickerAddCard,
  type PaymentAccountPickerAddCardProps,
  PaymentAccountPickerAddForm,
  type PaymentAccountPickerAddFormProps,
} from "./PaymentAccountPickerActions.tsx";
export {
  PaymentAccountPickerIndicator,
  type PaymentAccountPickerIndicatorProps,
} from "./PaymentAccountPickerIndicator.tsx";

/** The picker's whole state as one `data-state` word on the root. */
function rootState(picker: UsePaymentAccountPickerResult): string {
  if (picker.mode === "add-mobile-money") return "adding-mobile-money";
  if (picker.mode === "add-card") return "adding-card";
  return picker.listState;
}

// --- Root ------------------------------------------------------------------------------------

export interface PaymentAccountPickerRootProps
  extends UsePaymentAccountPickerOptions,
    Omit<ComponentPropsWithoutRef<"div">, "defaultValue" | "dir">,
    AsChildProps {}

/**
 * Holds the picker's state and renders its root `<div data-slot="payment-account-picker">`.
 * `data-state`: `loading` | `error` | `empty` | `ready` | `adding-mobile-money` | `adding-card`.
 */
export const PaymentAccountPickerRoot = /* @__PURE__ */ forwardRef<
  HTMLDivElement,
  PaymentAccountPickerRootProps
>(function PaymentAccountPickerRoot(props, ref) {
  const picker = usePaymentAccountPicker(props);
  // The rest are the div's own props.
  const {
    value,
    defaultValue,
    preselect,
    onValueChange,
    currencies,
    types,
    disabled,
    orientation,
    dir,
    mode,
    defaultMode,
    onModeChange,
    children,
    ...rest
  } = props;
  return (
    <PickerContext.Provider value={picker}>
      <Part
        {...rest}
        ref={ref}
        kitClass="dollr-PaymentAccountPicker"
        data-slot="payment-account-picker"
        data-state={rootState(picker)}
        data-disabled={picker.disabled ? "" : undefined}
      >
        {children}
      </Part>
    </PickerContext.Provider>
  );
});

// --- Group -----------------------------------------------------------------------------------

export interface PaymentAccountPickerGroupProps
  extends ComponentPropsWithoutRef<"div">,
    AsChildProps {
  /** Renders each account; default `<PaymentAccountPickerItem account={account} />`. */
  renderItem?: ((account: SavedPaymentAccount) => ReactNode) | undefined;
}

/**
 * The radio group of saved accounts (`role="radiogroup"`, labelled "Payment method" unless you
 * pass `aria-label`/`aria-labelledby`). Shows the loading, error and empty states in place.
 */
export const PaymentAccountPickerGroup = /* @__PURE__ */ forwardRef<
  HTMLDivElement,
  PaymentAccountPickerGroupProps
>(function PaymentAccountPickerGroup({ renderItem, children, asChild, ...rest }, ref) {
  const [picker, { t }] = usePickerPart("PaymentAccountPickerGroup");
  const ariaLabel =
    rest["aria-label"] ?? (rest["aria-labelledby"] === undefined ? t("picker.label") : undefined);
  // With `asChild`, children is your element; the kit's content goes in it when it has none.
  let content: ReactNode = asChild ? undefined : children;
  if (content === undefined) {
    if (picker.listState === "loading") {
      content = (
        <p data-slot="payment-account-picker-message" data-state="loading" role="status">
          {t("picker.loading")}
        </p>
      );
    } else if (picker.listState === "error") {
      content = (
        <div data-slot="payment-account-picker-message" data-state="error" role="alert">
          <p>{t("picker.loadFailed")}</p>
          <Button variant="secondary" onClick={picker.paymentAccounts.refetch}>
            {t("kit.retry")}
          </Button>
        </div>
      );
    } else if (picker.listState === "empty") {
      content = (
        <p data-slot="payment-account-picker-message" data-state="empty">
          {t("picker.empty")}
        </p>
      );
    } else {
      content = picker.accounts.map((account) =>
        renderItem ? (
          renderItem(account)
        ) : (
          <PaymentAccountPickerItem key={account.id} account={account} />
        ),
      );
    }
  }
  return (
    <Part
      {...rest}
      {...picker.getGroupProps()}
      role="radiogroup"
      aria-label={ariaLabel}
      ref={ref}
      kitClass="dollr-PaymentAccountPicker-group"
      asChild={asChild}
      fallback={content}
    >
      {children}
    </Part>
  );
});

// --- Item ------------------------------------------------------------------------------------

export interface PaymentAccountPickerItemProps
  extends Omit<ComponentPropsWithoutRef<"button">, "value" | "type" | "role">,
    AsChildProps {
  /** The account this radio stands for. */
  account: SavedPaymentAccount;
}

/**
 * One saved account as a radio (`<button role="radio">`): operator and masked number for a
 * wallet, brand and last 4 for a card. `data-state`: `checked` | `unchecked`; `data-type`:
 * `mobile-money` | `card`.
 */
export const PaymentAccountPickerItem = /* @__PURE__ */ forwardRef<
  HTMLButtonElement,
  PaymentAccountPickerItemProps
>(function PaymentAccountPickerItem(
  { account, children, onClick, onKeyDown, asChild, ...rest },
  ref,
) {
  const [picker, { t }] = usePickerPart("PaymentAccountPickerItem");
  const { title, detail, spokenDetail } = describeAccount(account, t);
  const itemProps = picker.getItemProps(account, { onClick, onKeyDown, ref });
  return (
    <Part
      as="button"
      {...rest}
      {...itemProps}
      kitClass="dollr-PaymentAccountPicker-item"
      asChild={asChild}
      fallback={
        <>
          <span
            data-slot="payment-account-picker-indicator"
            data-state={itemProps["data-state"]}
            aria-hidden="true"
          />
          <span data-slot="payment-account-picker-item-text">
            <span data-slot="payment-account-picker-item-title">{title}</span>{" "}
            <span data-slot="payment-account-picker-item-detail">
              {spokenDetail ? (
                <>
                  <span aria-hidden="true">{detail}</span>
                  <span style={visuallyHidden}>{spokenDetail}</span>
                </>
              ) : (
                detail
              )}
            </span>
          </span>
          {account.single_use ? (
            <>
              {" "}
              <span data-slot="payment-account-picker-item-badge">{t("picker.singleUse")}</span>
            </>
          ) : null}
        </>
      }
    >
      {children}
    </Part>
  );
});

// --- The assembled picker --------------------------------------------------------------------

export interface PaymentAccountPickerProps extends PaymentAccountPickerRootProps {
  /** Milliseconds after the last keystroke before the operator is predicted. @default 300 */
  predictDelayMs?: number | undefined;
  /** The countries whose mobile-money numbers the merchant takes. @default `["LR", "RW"]` */
  countries?: PaymentAccountPickerAddFormProps["countries"];
  /** A class for the radio group. */
  groupClassName?: string | undefined;
}

/**
 * The customer's saved payment accounts as a WAI-ARIA radio group (arrow keys, Home/End, roving
 * tabindex), plus "add mobile money" and "add card". The most recent saved account is chosen
 * when nothing is (`preselect`); saved cards are listed only when the provider has `cards`. For your own layout, compose
 * `PaymentAccountPicker.Root`, `.Group`, `.Item`, `.Actions` and `.AddForm`, or use
 * `usePaymentAccountPicker`.
 */
function PaymentAccountPickerImpl({
  predictDelayMs,
  countries,
  groupClassName,
  children,
  "aria-label": ariaLabel,
  "aria-labelledby": ariaLabelledBy,
  ...rootProps
}: PaymentAccountPickerProps) {
  return (
    <PaymentAccountPickerRoot {...rootProps}>
      {children ?? (
        <>
          <PaymentAccountPickerView
            groupClassName={groupClassName}
            ariaLabel={ariaLabel}
            ariaLabelledBy={ariaLabelledBy}
          />
          <PaymentAccountPickerActions />
          <PaymentAccountPickerAddForm predictDelayMs={predictDelayMs} countries={countries} />
        </>
      )}
    </PaymentAccountPickerRoot>
  );
}

function PaymentAccountPickerView({
  groupClassName,
  ariaLabel,
  ariaLabelledBy,
}: {
  groupClassName: string | undefined;
  ariaLabel: string | undefined;
  ariaLabelledBy: string | undefined;
}) {
  const picker = usePickerContext("PaymentAccountPicker");
  if (picker.mode !== "list") return null;
  return (
    <PaymentAccountPickerGroup
      className={groupClassName}
      aria-label={ariaLabel}
      aria-labelledby={ariaLabelledBy}
    />
  );
}

export const PaymentAccountPicker = /* @__PURE__ */ Object.assign(PaymentAccountPickerImpl, {
  Root: PaymentAccountPickerRoot,
  Group: PaymentAccountPickerGroup,
  Item: PaymentAccountPickerItem,
  Indicator: PaymentAccountPickerIndicator,
  Actions: PaymentAccountPickerActions,
  AddForm: PaymentAccountPickerAddForm,
  AddMobileMoney: AddMobileMoneyForm,
  AddCard: PaymentAccountPickerAddCard,
});

/** The picker's state for parts you write yourself (inside `PaymentAccountPicker.Root`). */
export function usePaymentAccountPickerContext(): UsePaymentAccountPickerResult {
  return usePickerContext("usePaymentAccountPickerContext");
}
