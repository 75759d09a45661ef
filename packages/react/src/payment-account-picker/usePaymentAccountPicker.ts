import {
  type KeyboardEvent,
  type MouseEvent,
  type Ref,
  type RefCallback,
  useCallback,
  useEffect,
  useMemo,
  useRef,
} from "react";
import type { SavedPaymentAccount } from "../internal/client.ts";
import { composeEventHandlers } from "../internal/compose.ts";
import { useControllableState } from "../internal/use-controllable-state.ts";
import { useLatest } from "../internal/use-latest.ts";
import {
  type UsePaymentAccountsResult,
  usePaymentAccounts,
} from "../payment-accounts/usePaymentAccounts.ts";
import { useDollrCheckoutContext } from "../provider/context.ts";

/** The two kinds of payment account. */
export type PaymentAccountType = "MOBILE_MONEY" | "CARD";

/** What the picker shows: the list, or one of the add forms. */
export type PaymentAccountPickerMode = "list" | "add-mobile-money" | "add-card";

/**
 * The list's state, shown as `data-state` on the picker's root:
 * `loading`, `error`, `empty` (nothing saved), `ready`.
 */
export type PaymentAccountPickerListState = "loading" | "error" | "empty" | "ready";

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

/** Props for the radio group element. */
export interface PickerGroupProps {
  role: "radiogroup";
  "aria-orientation": "vertical" | "horizontal";
  "aria-disabled": true | undefined;
  "aria-busy": true | undefined;
  "data-slot": "payment-account-picker-group";
  "data-state": PaymentAccountPickerListState;
  "data-disabled": "" | undefined;
  dir: "ltr" | "rtl";
}

/** Props for one account's radio (spread on a `<button>`). */
export interface PickerItemProps {
  type: "button";
  role: "radio";
  "aria-checked": boolean;
  tabIndex: 0 | -1;
  disabled: boolean | undefined;
  "data-slot": "payment-account-picker-item";
  "data-state": "checked" | "unchecked";
  "data-type": "mobile-money" | "card";
  "data-value": string;
  "data-disabled": "" | undefined;
  onClick: (event: MouseEvent<HTMLButtonElement>) => void;
  onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void;
  ref: RefCallback<HTMLButtonElement>;
}

/** What a consumer may pass to `getItemProps` to compose with the kit's behaviour. */
export interface PickerItemUserProps {
  onClick?: ((event: MouseEvent<HTMLButtonElement>) => void) | undefined;
  onKeyDown?: ((event: KeyboardEvent<HTMLButtonElement>) => void) | undefined;
  ref?: Ref<HTMLButtonElement> | undefined;
}

export interface UsePaymentAccountPickerResult {
  /** The accounts offered (after `currencies`/`types`), in the proxy's order. */
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

function setRef<T>(ref: Ref<T> | undefined, value: T | null) {
  if (typeof ref === "function") ref(value);
  else if (ref && typeof ref === "object") (ref as { current: T | null }).current = value;
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
  const accounts = useMemo(
    () =>
      paymentAccounts.accounts.filter(
        (account) =>
          (!types || types.includes(account.type)) &&
          (!currencies ||
            currencies.length === 0 ||
            account.currencies.some((currency) => currencies.includes(currency))),
      ),
    [paymentAccounts.accounts, types, currencies],
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

  // A chosen account that was removed (here or elsewhere) is no longer chosen.
  const listLoaded = paymentAccounts.status === "success";
  useEffect(() => {
    if (listLoaded && value !== null && !selectedAccount) setValueRaw(null);
  }, [listLoaded, value, selectedAccount, setValueRaw]);

  const listState: PaymentAccountPickerListState =
    paymentAccounts.status === "loading"
      ? "loading"
      : paymentAccounts.status === "error"
        ? "error"
        : accounts.length === 0
          ? "empty"
          : "ready";

  const cardAvailability: CardAvailability = context.stripe.status;
  // A chosen saved card is a card need: a loader in `cards` is called now (a card only shown in
  // the list is not), so Stripe.js is there if 3D Secure asks for it.
  const { requestStripe } = context;
  const cardChosen = selectedAccount?.type === "CARD";
  useEffect(() => {
    if (cardChosen) requestStripe();
  }, [cardChosen, requestStripe]);
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
    (id: string, key: string): string | null => {
      const list = accountsRef.current;
      const index = list.findIndex((account) => account.id === id);
      if (index < 0) return null;
      const { length } = list;
      const forward = dir === "rtl" ? "ArrowLeft" : "ArrowRight";
      const backward = dir === "rtl" ? "ArrowRight" : "ArrowLeft";
      let next: number;
      if (key === "Home") next = 0;
      else if (key === "End") next = length - 1;
      else if (key === "ArrowDown" || key === forward) next = (index + 1) % length;
      else if (key === "ArrowUp" || key === backward) next = (index - 1 + length) % length;
      else return null;
      return list[next]?.id ?? null;
    },
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
