/** Asks before the page is left while a payment of this page's is half-way (`beforeunload`). */
import type { CheckoutState, CheckoutStateKind } from "@dollr-kit/core/internal";
import { useEffect } from "react";
import { useLatest } from "../internal/use-latest.ts";
import type { Translate } from "../messages.ts";

const PAYMENT_UNDERWAY = new Set<CheckoutStateKind>([
  "creating_session",
  "executing",
  "requires_action",
  "authenticating",
  "processing",
  "verifying",
]);

/** Whether leaving the page now would leave a payment of this page's half-way (asks first). */
export function shouldConfirmLeave(state: CheckoutState): boolean {
  return state.kind === "recoverable"
    ? state.resume.kind === "processing" || state.resume.kind === "verifying"
    : PAYMENT_UNDERWAY.has(state.kind);
}

export function useLeaveGuard(
  state: CheckoutState,
  enabled: boolean,
  t: Translate,
  onPrompt: (state: CheckoutStateKind) => void,
): void {
  const leaving = enabled && shouldConfirmLeave(state);
  const kindRef = useLatest(state.kind);
  const promptRef = useLatest(onPrompt);
  useEffect(() => {
    if (!leaving || typeof window === "undefined") return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers need a returnValue; the text itself is not shown by any current one.
      const warning = t("flow.leaveWarning");
      event.returnValue = warning;
      promptRef.current(kindRef.current);
      return warning;
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [leaving, t, kindRef, promptRef]);
}
