import { useEffect, useRef } from "react";
import { CHOOSING } from "./context.ts";

// Where focus goes after a change: the wait's status view, else a result's or error's message.
const STATUS = '[data-slot="execution-status"],[data-slot$="status-message"]';
// With no status to read (choosing again): the chosen radio, else the first usable button.
const CHOOSE = '[role="radio"][tabindex="0"],button:not([disabled])';

/**
 * Moves focus once per state change to where a keyboard or screen-reader user expects it: the
 * status after Pay, the result's message on success, the error's message (its action next) after
 * a failure; and back into the flow when a part that held focus unmounts (never left on
 * `<body>`). Only when focus was in the flow (or on `<body>`, as after a 3D Secure frame closes,
 * for a status): focus elsewhere on the page is left alone, and choosing is never focused on
 * load. The target is never a live region, so nothing is announced twice.
 */
export function useFlowFocus(kind: string) {
  const root = useRef<HTMLElement>(null);
  // States in which the customer acts: focus stays where it is, unless it was lost.
  const quiet = kind === "loading" || CHOOSING.has(kind);
  // Read while rendering the change, before it removes what held focus.
  const doc = root.current?.ownerDocument;
  const active = doc?.activeElement as Node | null | undefined;
  const inside = root.current?.contains(active as Node) || (active === doc?.body && !quiet);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per change of state, with what was read then
  useEffect(() => {
    const node = root.current;
    if (!inside || !node || (quiet && node.contains(node.ownerDocument.activeElement))) return;
    const target =
      node.querySelector<HTMLElement>(STATUS) ?? node.querySelector<HTMLElement>(CHOOSE);
    if (target) {
      // A message or the status view is focusable this way only (never a tab stop).
      if (!target.hasAttribute("tabindex")) target.tabIndex = -1;
      target.focus();
    }
  }, [kind]);
  return root;
}
