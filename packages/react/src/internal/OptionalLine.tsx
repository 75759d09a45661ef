import type { ReactNode } from "react";

/** One optional line of a status view (`<p data-slot={slot}>`): nothing when it is empty. */
export function OptionalLine({ slot, children }: { slot: string; children: ReactNode }) {
  return children ? <p data-slot={slot}>{children}</p> : null;
}
