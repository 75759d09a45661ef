import { useCallback, useEffect, useMemo, useRef } from "react";
import type { SavedPaymentAccount } from "../internal/client.ts";
import { composeEventHandlers } from "../internal/compose.ts";
import { useControllableState } from "../internal/use-controllable-state.ts";
import { useLatest } from "../internal/use-latest.ts";
import {
  type UsePaymentAccountsResult,
  usePaymentAccounts,
} from "../payment-accounts/usePaymentAccounts.ts";
import { useDollrCheckoutContext } from "../provider/context.ts";
import { offeredAccounts, usePreselectMostRecent } from "./choice.ts";
import {
  type PaymentAccountPickerListState,
  type PickerGroupProps,
  type PickerItemProps,
  type PickerItemUserProps,
  radioAfterKey,
  setRef,
} from "./radio-group.ts";

export type {
  PaymentAccountPickerListState,
  PickerGroupProps,
  PickerItemProps,
  PickerItemUserProps,
};

/** The two kinds of payment account. */
export type PaymentAccountType = "MOBILE_MONEY" | "CARD";

/** What the picker shows: the list, or one of the add forms. */
export type PaymentAccountPickerMode = "list" | "add-mobile-money" | "add-card";

/**
 * Whether cards can be added: `none` (no `cards`), `idle` (offered; a loader in `cards` is called
 * when the customer opens "add a card" or chooses a saved card), `loading`, `ready`,
 * `unavailable`.
 */
export type CardAvailability = "none" | "idle" | "loading" | "ready" | "unavailable";

export interface UsePaymentAccountPickerOptions {
  /** The chosen account's id (controlled); `null` for none. */
  value?: string | null | undefined;
  /** The account chosen at first (uncontrolled). @default null */
  defaultValue?: string | null | undefined;
  /**
   * When nothing is chosen once the list has loaded, choose the customer's most recent saved
   * account (the latest `created_at`: the proxy keeps no "last used" date), once, so Pay is
   * ready while saved methods are listed. Calls `onValueChange` like a choice; a preselected
   * card does not load Stripe.js (choosing a card does; paying with it, the 3D Secure step does).
   * @default true
   */
  preselect?: boolean | undefined;
  /** Called when the customer chooses an account (or the chosen one is removed: `null`). */
  onValueChange?: ((value: string | null, account: SavedPaymentAccount | null) => void) | undefined;
  /** Offer only accounts that can pay in one of these currencies. @default every account */
  currencies?: readonly string[] | undefined;
  /** Offer only these kinds of account (and only these "add" forms). @default both */
  types?: readonly PaymentAccountType[] | undefined;
  /** Disables choosing and adding (e.g. while a payment is open). @default false */
  disabled?: boolean | undefined;
  /** Which arrow keys move between accounts. @default "vertical" (both pairs work) */
  orientation?: "vertical" | "horizontal" | undefined;
  /** Reading direction, for left/right arrows. @default "ltr" */
  dir?: "ltr" | "rtl" | undefined;
  /** What is shown (controlled). */
  mode?: PaymentAccountPickerMode | undefined;
  /** What is shown at first (uncontrolled). @default "list" */
  defaultMode?: PaymentAccountPickerMode | undefined;
  /** Called when the picker switches between the list and an add form. */
  onModeChange?: ((mode: PaymentAccountPickerMode) => void) | undefined;
}

export interface UsePaymentAccountPickerResult {
  /**
   * The accounts offered (after `currencies`/`types`, and without saved cards when cards are
   * off: no `cards` on the provider), in the proxy's order.
   */
  accounts: SavedPaymentAccount[];
  /** The chosen account's id, or null. */
  value: string | null;
  /** The chosen account, or null (also null while its id is not in the list). */
  selectedAccount: SavedPaymentAccount | null;
  listState: PaymentAccountPickerListState;
  mode: PaymentAccountPickerMode;
  cardAvailability: CardAvailability;
  /** Whether each add form may be offered (by `types`, and for cards, Stripe). */
  canAdd: { mobileMoney: boolean; card: boolean };
  disabled: boolean;
  /** The list query and its create/remove mutations. */
  paymentAccounts: UsePaymentAccountsResult;
  /** Chooses an account by id. */
  select: (id: string | null) => void;
  /** Opens an add form, or goes back to the list. */
  setMode: (mode: PaymentAccountPickerMode) => void;
  /** Call when a form saved an account: it is chosen and the list comes back. */
  accountAdded: (account: SavedPaymentAccount) => void;
  /** Removes a saved account. */
  remove: (id: string) => Promise<void>;
  /** Props for the radio group element. */
  getGroupProps: () => PickerGroupProps;
  /** Props for an account's radio (roving tabindex, arrow keys, Home/End). */
  getItemProps: (account: SavedPaymentAccount, user?: PickerItemUserProps) => PickerItemProps;
}

/**
 * The behaviour of `<PaymentAccountPicker>` without its markup: the saved accounts, the chosen
 * one (controlled or not), which form is open, and prop getters for a WAI-ARIA radio group with
 * a roving tabindex. Build your own picker on it.
 */
export function usePaymentAccountPicker(
  options: UsePaymentAccountPickerOptions = {},
): UsePaymentAccountPickerResult {
  const context = useDollrCheckoutContext("usePaymentAccountPicker");
  const paymentAccounts = usePaymentAccounts();
  const orientation = options.orientation ?? "vertical";
  const dir = options.dir ?? "ltr";
  const disabled = options.disabled ?? false;

  const types = options.types;
  const currencies = options.currencies;
  const cardsOff = context.stripe.status === "none";
  const accounts = useMemo(
    () => offeredAccounts(paymentAccounts.accounts, { types, currencies, cardsOff }),
    [paymentAccounts.accounts, types, currencies, cardsOff],
  );

  const accountsRef = useLatest(accounts);
  // An account a form just saved is chosen before the list re-renders with it.
  const justAdded = useRef<SavedPaymentAccount | null>(null);
  const onValueChange = options.onValueChange;
  const [value, setValueRaw] = useControllableState<string | null>({
    prop: options.value,
    defaultProp: options.defaultValue ?? null,
    onChange: useCallback(
      (next: string | null) =>
        onValueChange?.(
          next,
          next === null
            ? null
            : (accountsRef.current.find((a) => a.id === next) ??
                (justAdded.current?.id === next ? justAdded.current : null)),
        ),
      [onValueChange, accountsRef],
    ),
    caller: "PaymentAccountPicker",
  });
  const [mode, setMode] = useControllableState<PaymentAccountPickerMode>({
    prop: options.mode,
    defaultProp: options.defaultMode ?? "list",
    onChange: options.onModeChange,
    caller: "PaymentAccountPicker (mode)",
  });

  const selectedAccount = useMemo(
    () => (value === null ? null : (accounts.find((account) => account.id === value) ?? null)),
    [accounts, value],
  );

  // A chosen account that was removed (here or elsewhere) is no longer chosen. A disabled
  // picker changes nothing (an open payment's account stays as it is).
  const listLoaded = paymentAccounts.status === "success";
  useEffect(() => {
    if (listLoaded && !disabled && value !== null && !selectedAccount) setValueRaw(null);
  }, [listLoaded, disabled, value, selectedAccount, setValueRaw]);

  const preselectedId = usePreselectMostRecent({
    enabled: options.preselect ?? true,
    disabled,
    listLoaded,
    value,
    accounts,
    choose: setValueRaw,
  });

  const listState: PaymentAccountPickerListState =
    paymentAccounts.status === "loading"
      ? "loading"
      : paymentAccounts.status === "error"
        ? "error"
        : accounts.length === 0
          ? "empty"
          : "ready";

  const cardAvailability: CardAvailability = context.stripe.status;
  // A saved card the customer chose is a card need: a loader in `cards` is called now (a card
  // only shown in the list, or only preselected, is not), so Stripe.js is there if 3D Secure
  // asks for it. Paying with a preselected card still loads it (the 3D Secure step asks).
  const { requestStripe } = context;
  const chosenCardId = selectedAccount?.type === "CARD" ? selectedAccount.id : null;
  useEffect(() => {
    if (chosenCardId !== null && chosenCardId !== preselectedId.current) requestStripe();
  }, [chosenCardId, preselectedId, requestStripe]);
  const canAdd = {
    mobileMoney: !types || types.includes("MOBILE_MONEY"),
    card: (!types || types.includes("CARD")) && cardAvailability !== "none",
  };

  const select = useCallback(
    (id: string | null) => {
      if (!disabled) setValueRaw(id);
    },
    [disabled, setValueRaw],
  );

  const accountAdded = useCallback(
    (account: SavedPaymentAccount) => {
      justAdded.current = account;
      setValueRaw(account.id);
      setMode("list");
    },
    [setValueRaw, setMode],
  );

  const nodes = useRef(new Map<string, HTMLButtonElement>());
  const tabbableId = selectedAccount ? value : accounts[0]?.id;

  const moveFrom = useCallback(
    (id: string, key: string): string | null =>
      radioAfterKey(
        accountsRef.current.map((account) => account.id),
        id,
        key,
        dir,
      ),
    [accountsRef, dir],
  );

  const getGroupProps = useCallback(
    (): PickerGroupProps => ({
      role: "radiogroup",
      "aria-orientation": orientation,
      "aria-disabled": disabled || undefined,
      "aria-busy": listState === "loading" || undefined,
      "data-slot": "payment-account-picker-group",
      "data-state": listState,
      "data-disabled": disabled ? "" : undefined,
      dir,
    }),
    [orientation, disabled, listState, dir],
  );

  const getItemProps = useCallback(
    (account: SavedPaymentAccount, user: PickerItemUserProps = {}): PickerItemProps => {
      const checked = account.id === value;
      return {
        type: "button",
        role: "radio",
        "aria-checked": checked,
        tabIndex: account.id === tabbableId ? 0 : -1,
        disabled: disabled || undefined,
        "data-slot": "payment-account-picker-item",
        "data-state": checked ? "checked" : "unchecked",
        "data-type": account.type === "CARD" ? "card" : "mobile-money",
        "data-value": account.id,
        "data-disabled": disabled ? "" : undefined,
        onClick: composeEventHandlers(user.onClick, () => select(account.id)),
        onKeyDown: composeEventHandlers(user.onKeyDown, (event) => {
          const next = moveFrom(account.id, event.key);
          if (next === null) return;
          event.preventDefault();
          select(next);
          nodes.current.get(next)?.focus();
        }),
        ref: (node: HTMLButtonElement | null) => {
          if (node) nodes.current.set(account.id, node);
          else nodes.current.delete(account.id);
          setRef(user.ref, node);
        },
      };
    },
    [value, tabbableId, disabled, select, moveFrom],
  );

  return {
    accounts,
    value,
    selectedAccount,
    listState,
    mode,
    cardAvailability,
    canAdd,
    disabled,
    paymentAccounts,
    select,
    setMode,
    accountAdded,
    remove: paymentAccounts.remove,
    getGroupProps,
    getItemProps,
  };
}
