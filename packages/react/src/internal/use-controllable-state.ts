import { useCallback, useRef, useState } from "react";
import { devWarnOnce } from "./dev.ts";
import { useLatest } from "./use-latest.ts";

export interface UseControllableStateOptions<T> {
  /** The controlled value; `undefined` means uncontrolled. */
  prop: T | undefined;
  /** The initial value when uncontrolled. */
  defaultProp: T;
  /** Called with every new value (controlled or not), never with the same value twice in a row. */
  onChange?: ((value: T) => void) | undefined;
  /** The component's name, for the development warning. */
  caller: string;
}

/**
 * Warns (development only) when a component switches between controlled and uncontrolled. In
 * production builds it is a no-op, so its ref and message are stripped.
 */
const useDevModeSwitchWarning: (isControlled: boolean, caller: string) => void =
  process.env.NODE_ENV === "production"
    ? () => {}
    : (isControlled, caller) => {
        const wasControlled = useRef(isControlled);
        if (wasControlled.current !== isControlled) {
          const from = wasControlled.current ? "controlled" : "uncontrolled";
          const to = isControlled ? "controlled" : "uncontrolled";
          devWarnOnce(
            `${caller} is changing from ${from} to ${to}. Decide between using a controlled or uncontrolled value for the lifetime of the component.`,
          );
          wasControlled.current = isControlled;
        }
      };

/**
 * One helper for controlled and uncontrolled state (`value` / `defaultValue` / `onValueChange`),
 * as Radix's `useControllableState`. Warns in development when a component switches between the
 * two modes.
 */
export function useControllableState<T>({
  prop,
  defaultProp,
  onChange,
  caller,
}: UseControllableStateOptions<T>): [T, (next: T) => void] {
  const [uncontrolled, setUncontrolled] = useState<T>(defaultProp);
  const isControlled = prop !== undefined;
  const value = isControlled ? (prop as T) : uncontrolled;
  useDevModeSwitchWarning(isControlled, caller);
  const onChangeRef = useLatest(onChange);
  const valueRef = useLatest(value);
  const isControlledRef = useLatest(isControlled);
  const setValue = useCallback(
    (next: T) => {
      if (Object.is(next, valueRef.current)) return;
      if (!isControlledRef.current) setUncontrolled(next);
      onChangeRef.current?.(next);
    },
    [onChangeRef, valueRef, isControlledRef],
  );
  return [value, setValue];
}
