import type { SyntheticEvent } from "react";

/**
 * Calls the consumer's handler first, then ours unless the consumer called
 * `event.preventDefault()` (Radix's `composeEventHandlers`).
 */
export function composeEventHandlers<E extends SyntheticEvent | Event>(
  theirs: ((event: E) => void) | undefined,
  ours: (event: E) => void,
): (event: E) => void {
  return (event: E) => {
    theirs?.(event);
    // `?.`: a composed prop may be a callback given no event (asChild merges every `on…`).
    if (!event?.defaultPrevented) ours(event);
  };
}

/** Joins class names, skipping empty ones. The consumer's class comes last so it can win. */
export function cx(...names: Array<string | false | null | undefined>): string | undefined {
  return names.filter(Boolean).join(" ") || undefined;
}
