/**
 * The WAI-ARIA radio group under the picker, without React state: the prop shapes its getters
 * return, and where an arrow key (or Home/End) moves in the list.
 */
import type { KeyboardEvent, MouseEvent, Ref, RefCallback } from "react";

/** The list's state, shown as `data-state` on the group. */
export type PaymentAccountPickerListState = "loading" | "error" | "empty" | "ready";

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

/** Hands a node to a callback or object ref. */
export function setRef<T>(ref: Ref<T> | undefined, value: T | null) {
  if (typeof ref === "function") ref(value);
  else if (ref && typeof ref === "object") (ref as { current: T | null }).current = value;
}

/**
 * The id a key moves to from `id`: arrows wrap around (left and right swap in `rtl`), Home and
 * End jump to the ends. Null for any other key, or an id not in the list.
 */
export function radioAfterKey(
  ids: readonly string[],
  id: string,
  key: string,
  dir: "ltr" | "rtl",
): string | null {
  const index = ids.indexOf(id);
  if (index < 0) return null;
  const { length } = ids;
  const forward = dir === "rtl" ? "ArrowLeft" : "ArrowRight";
  const backward = dir === "rtl" ? "ArrowRight" : "ArrowLeft";
  let next: number;
  if (key === "Home") next = 0;
  else if (key === "End") next = length - 1;
  else if (key === "ArrowDown" || key === forward) next = (index + 1) % length;
  else if (key === "ArrowUp" || key === backward) next = (index - 1 + length) % length;
  else return null;
  return ids[next] ?? null;
}
