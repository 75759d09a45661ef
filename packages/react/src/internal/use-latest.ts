import { useInsertionEffect, useRef } from "react";

/**
 * A ref that always holds the latest value, updated before layout effects run. Handlers read
 * `ref.current` when they fire, so a new inline callback on every render neither goes stale
 * (pain point: stale closures) nor re-subscribes anything.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useInsertionEffect(() => {
    ref.current = value;
  });
  return ref;
}
