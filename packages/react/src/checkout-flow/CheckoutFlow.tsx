import { type ComponentPropsWithoutRef, forwardRef } from "react";
import { LiveRegion } from "../internal/LiveRegion.tsx";
import { type AsChildProps, Part, useComposedRefs } from "../internal/slot.tsx";
import { useDollrCheckoutContext } from "../provider/context.ts";
import {
  CheckoutFlowPayButton,
  type CheckoutFlowPayButtonProps,
  CheckoutFlowPicker,
  type CheckoutFlowPickerProps,
} from "./parts/Controls.tsx";
import { FlowContext, reasonOf, useFlowContext } from "./parts/context.ts";
import { useFlowFocus } from "./parts/focus.ts";
import {
  CheckoutFlowActions,
  type CheckoutFlowActionsProps,
  CheckoutFlowStatus,
  type CheckoutFlowStatusProps,
  CheckoutFlowWaitHelp,
  type CheckoutFlowWaitHelpProps,
} from "./parts/Status.tsx";
import { CheckoutFlowSummary, type CheckoutFlowSummaryProps } from "./parts/Summary.tsx";
import {
  type UseCheckoutFlowOptions,
  type UseCheckoutFlowResult,
  useCheckoutFlow,
} from "./useCheckoutFlow.ts";

export {
  CheckoutFlowActions,
  type CheckoutFlowActionsProps,
  CheckoutFlowPayButton,
  type CheckoutFlowPayButtonProps,
  CheckoutFlowPicker,
  type CheckoutFlowPickerProps,
  CheckoutFlowStatus,
  type CheckoutFlowStatusProps,
  CheckoutFlowSummary,
  type CheckoutFlowSummaryProps,
  CheckoutFlowWaitHelp,
  type CheckoutFlowWaitHelpProps,
};

/** The flow's state for parts you write yourself (inside `CheckoutFlow.Root`). */
export function useCheckoutFlowContext(): UseCheckoutFlowResult {
  return useFlowContext("useCheckoutFlowContext");
}

// --- Root ------------------------------------------------------------------------------------

export interface CheckoutFlowRootProps
  extends UseCheckoutFlowOptions,
    Omit<ComponentPropsWithoutRef<"div">, "onFailure">,
    AsChildProps {}

/**
 * Runs the checkout (`useCheckoutFlow`) and renders its root:
 * `<div data-slot="checkout-flow" data-state="{engine state}">`, then the flow's one polite live
 * region. `data-state`: `loading` | `selecting` | `creating_session` | `executing` |
 * `requires_action` | `authenticating` | `processing` | `verifying` | `succeeded` | `failed` |
 * `expired` | `recoverable` | `busy` (a payment for the source is in progress elsewhere) |
 * `already_paid`; `data-reason` says why for `failed` and `recoverable`. Moves focus on each
 * change to the status, the result or the error (see docs/composition.md).
 */
export const CheckoutFlowRoot = /* @__PURE__ */ forwardRef<HTMLDivElement, CheckoutFlowRootProps>(
  function CheckoutFlowRoot(props, ref) {
    const flow = useCheckoutFlow(props);
    const { realtime } = useDollrCheckoutContext("<CheckoutFlow>");
    const focusRoot = useFlowFocus(flow.kind);
    // The rest are the div's own props.
    const {
      source,
      onSuccess,
      onFailure,
      onAlreadyPaid,
      onEvent,
      policy,
      confirmLeave,
      longWaitAfterMs,
      ...rest
    } = props;
    return (
      <FlowContext.Provider value={flow}>
        <Part
          {...rest}
          ref={useComposedRefs(ref, focusRoot)}
          kitClass="dollr-CheckoutFlow"
          data-slot="checkout-flow"
          data-state={flow.kind}
          data-reason={reasonOf(flow)}
          data-attempt-open={flow.attemptOpen ? "" : undefined}
        />
        {realtime ? (
          <realtime.Hints engine={flow.engine} sourceType={source.type} onEvent={onEvent} />
        ) : null}
        <LiveRegion slot="checkout-flow-announcer" text={flow.announcement} />
      </FlowContext.Provider>
    );
  },
);

// --- The assembled flow ----------------------------------------------------------------------

export interface CheckoutFlowProps extends CheckoutFlowRootProps {
  /** Milliseconds after the last keystroke before a new wallet's operator is predicted. */
  predictDelayMs?: number | undefined;
  /** The countries whose mobile-money numbers you take (e.g. `["LR"]`). @default `["LR", "RW"]` */
  countries?: CheckoutFlowPickerProps["countries"];
}

/**
 * The whole payment for one invoice or order: choose or add a payment account, see the total
 * with the fee, pay once, pass 3D Secure, wait for mobile money, see the result, retry.
 * Children are your own layout of its parts (`CheckoutFlow.Summary`, `.Picker`, `.PayButton`,
 * `.Status`, `.WaitHelp`, `.Actions`; each shows itself when it has something to show), or
 * build on `useCheckoutFlow`.
 *
 * @example
 * <CheckoutFlow source={{ type: "INVOICE", id: 42 }} onSuccess={(r) => navigate(`/paid/${r.referenceId}`)} onFailure={log} />
 */
function CheckoutFlowImpl({
  predictDelayMs,
  countries,
  children,
  ...rootProps
}: CheckoutFlowProps) {
  return (
    <CheckoutFlowRoot {...rootProps}>
      {children ?? (
        <CheckoutFlowDefaultLayout predictDelayMs={predictDelayMs} countries={countries} />
      )}
    </CheckoutFlowRoot>
  );
}

function CheckoutFlowDefaultLayout(
  picker: Pick<CheckoutFlowProps, "predictDelayMs" | "countries">,
) {
  // A source the proxy refuses cannot be paid: its message alone, no picker, no Pay.
  const refused = useFlowContext("CheckoutFlow").sourceRefused;
  return (
    <>
      <CheckoutFlowSummary />
      {refused ? null : <CheckoutFlowPicker {...picker} />}
      <CheckoutFlowStatus />
      {refused ? null : <CheckoutFlowPayButton />}
    </>
  );
}

export const CheckoutFlow = /* @__PURE__ */ Object.assign(CheckoutFlowImpl, {
  Root: CheckoutFlowRoot,
  Summary: CheckoutFlowSummary,
  Picker: CheckoutFlowPicker,
  PayButton: CheckoutFlowPayButton,
  Status: CheckoutFlowStatus,
  WaitHelp: CheckoutFlowWaitHelp,
  Actions: CheckoutFlowActions,
});
