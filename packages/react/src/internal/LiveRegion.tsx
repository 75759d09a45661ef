import type { CSSProperties } from "react";

/** Visually hidden but read by screen readers (the usual "sr-only" rules, as a style attribute). */
export const visuallyHidden: CSSProperties = {
  position: "absolute",
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: "hidden",
  clip: "rect(0, 0, 0, 0)",
  whiteSpace: "nowrap",
  border: 0,
};

/**
 * The one polite live region of a component. Its text is derived from the state only (never
 * from a ticking clock), so React touches the DOM — and a screen reader speaks — once per change.
 */
export function LiveRegion({ slot, text }: { slot: string; text: string }) {
  return (
    <div
      data-slot={slot}
      role="status"
      aria-live="polite"
      aria-atomic="true"
      style={visuallyHidden}
    >
      {text}
    </div>
  );
}
