import { type ComponentPropsWithoutRef, forwardRef } from "react";
import { ExecutionStatusView } from "../../execution-status/ExecutionStatus.tsx";
import { StatusPartsContext } from "../../execution-status/status-context.ts";
import { Button } from "../../internal/Button.tsx";
import { type AsChildProps, Part } from "../../internal/slot.tsx";
import type { MessageKey } from "../../messages.ts";
import type { DollrCheckoutContextValue } from "../../provider/context.ts";
import type { UseCheckoutFlowResult } from "../useCheckoutFlow.ts";
import { WaitHelp, type WaitHelpProps } from "../wait-help/WaitHelp.tsx";
import { reasonOf, useFlowContext, useFlowPart } from "./context.ts";

// --- Actions ---------------------------------------------------------------------------------

/** A button of the state shown: its `data-action`, what it does, and its label. */
type FlowAction = [action: string, onClick: () => void, label: MessageKey];

/** The buttons of the state shown: retry, another method, authenticate, check again, cancel. */
function flowActions(
  flow: UseCheckoutFlowResult,
  stripe: DollrCheckoutContextValue["stripe"],
): FlowAction[] {
  const { state } = flow;
  const anotherMethod: FlowAction[] = flow.canUseAnotherMethod
    ? [["use-another-method", flow.useAnotherMethod, "flow.useAnotherMethod"]]
    : [];
  // The wait (and a wait behind an error) offers only another method: "Check again" is its own.
  if (flow.status || state.kind === "verifying" || state.kind === "authenticating") {
    return anotherMethod;
  }
  if (state.kind === "requires_action") {
    const authentication = flow.authentication.state;
    if (authentication !== "needs_customer" && authentication !== "unavailable") return [];
    const cannotAuthenticate =
      authentication === "unavailable" && !(stripe.status === "unavailable" && stripe.retryable);
    return cannotAuthenticate
      ? anotherMethod
      : [["authenticate", flow.authentication.start, "flow.authenticate"], ...anotherMethod];
  }
  if (state.kind === "failed") {
    const another: FlowAction = ["another-method", flow.chooseAnotherMethod, "flow.anotherMethod"];
    // A used card cannot be paid with again: no "Try again".
    return state.reason === "card_used"
      ? [another]
      : [["retry", flow.retry, "flow.retry"], another];
  }
  if (state.kind === "busy") {
    return state.stalled ? [["check-again", flow.checkAgain, "flow.checkAgain"]] : [];
  }
  if (state.kind !== "recoverable") return [];
  return [
    [
      "check-again",
      flow.checkAgain,
      state.reason === "session_expired" ? "flow.retry" : "flow.checkAgain",
    ],
    ...anotherMethod,
    ...(state.resume.kind === "creating_session"
      ? [["cancel", flow.cancel, "flow.cancel"] satisfies FlowAction]
      : []),
  ];
}

export interface CheckoutFlowActionsProps extends ComponentPropsWithoutRef<"div">, AsChildProps {}

/**
 * `<div data-slot="checkout-flow-status-actions">` with what the customer can do now: "Try
 * again" and "Use another payment method" after a failure, "Check again", "Authenticate", …
 * Nothing when there is nothing to do.
 */
export const CheckoutFlowActions = /* @__PURE__ */ forwardRef<
  HTMLDivElement,
  CheckoutFlowActionsProps
>(function CheckoutFlowActions(props, ref) {
  const [flow, { t, stripe }] = useFlowPart("CheckoutFlow.Actions");
  const actions = flowActions(flow, stripe);
  return actions.length > 0 || props.children ? (
    <Part
      {...props}
      ref={ref}
      data-slot="checkout-flow-status-actions"
      fallback={actions.map(([action, onClick, label], index) => (
        <Button
          key={action}
          // The first is the main one; "Use another payment method" during a wait never is.
          variant={index > 0 || action === "use-another-method" ? "secondary" : "primary"}
          action={action}
          onClick={onClick}
        >
          {t(label)}
        </Button>
      ))}
    />
  ) : null;
});

// --- Wait help -------------------------------------------------------------------------------

export interface CheckoutFlowWaitHelpProps
  extends Omit<
    WaitHelpProps,
    "operator" | "country" | "promptExpiresAt" | "waitingSince" | "now"
  > {}

/** "Didn't get the prompt?" under a mobile-money wait (`<WaitHelp>` bound to the flow). */
export const CheckoutFlowWaitHelp = /* @__PURE__ */ forwardRef<
  HTMLDivElement,
  CheckoutFlowWaitHelpProps
>(function CheckoutFlowWaitHelp(props, ref) {
  const { state, account, now } = useFlowContext("CheckoutFlow.WaitHelp");
  return state.kind === "processing" && account?.type === "MOBILE_MONEY" ? (
    <WaitHelp
      {...props}
      ref={ref}
      operator={account.method}
      promptExpiresAt={state.attempt.sessionExpiresAt}
      waitingSince={state.attempt.createdAt}
      now={now}
    />
  ) : null;
});

// --- Status ----------------------------------------------------------------------------------

export interface CheckoutFlowStatusProps extends ComponentPropsWithoutRef<"div">, AsChildProps {}

/**
 * What is happening now and what the customer can do: the wait (as `<ExecutionStatus>` shows
 * it), 3D Secure, success, failure with "Try again" and "Use another payment method", expiry
 * with "Check again", recoverable errors, a payment in progress elsewhere (`busy`) and an
 * already paid source. While choosing, only a notice (the source is free again, or the proxy
 * refuses it: `data-reason` `forbidden` or `not_found`), if any. Its children are a layout of
 * your own: `ExecutionStatusIcon`, `ExecutionStatusTitle`, `ExecutionStatusDescription`, … show any state's words there,
 * with `CheckoutFlow.WaitHelp` and `CheckoutFlow.Actions`.
 */
export const CheckoutFlowStatus = /* @__PURE__ */ forwardRef<
  HTMLDivElement,
  CheckoutFlowStatusProps
>(function CheckoutFlowStatus(props, ref) {
  const flow = useFlowContext("CheckoutFlow.Status");
  const { state, detail, status } = flow;
  if (state.kind === "selecting" && !flow.message) return null;
  const indicator = state.kind === "busy" && state.stalled ? "stalled" : state.kind;
  // What `ExecutionStatusIcon`, `ExecutionStatusTitle`, … show in a layout of the app's own: any state's words.
  const words = {
    ...(status ?? { phase: indicator, message: flow.message, reason: detail }),
    onCheckAgain: state.kind === "expired" ? flow.checkAgain : undefined,
  };
  return (
    <StatusPartsContext.Provider value={words}>
      <Part
        {...props}
        ref={ref}
        kitClass="dollr-CheckoutFlow-status"
        data-slot="checkout-flow-status"
        data-state={state.kind}
        data-reason={status ? undefined : reasonOf(flow)}
        fallback={
          <>
            {status ? (
              <ExecutionStatusView
                status={status}
                announce={false}
                onCheckAgain={words.onCheckAgain}
              />
            ) : (
              <>
                {state.kind === "selecting" ? null : (
                  <span
                    data-slot="checkout-flow-status-indicator"
                    data-state={indicator}
                    aria-hidden="true"
                  />
                )}
                {flow.message ? (
                  <p data-slot="checkout-flow-status-message">{flow.message}</p>
                ) : null}
                {detail ? <p data-slot="checkout-flow-status-detail">{detail}</p> : null}
              </>
            )}
            {/* Only during a mobile-money wait. */}
            <CheckoutFlowWaitHelp />
            {flow.leaveNotice ? (
              <p data-slot="checkout-flow-status-leave-notice">{flow.leaveNotice}</p>
            ) : null}
            <CheckoutFlowActions />
          </>
        }
      />
    </StatusPartsContext.Provider>
  );
});
