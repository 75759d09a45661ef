"use client";
/** `@dollr-kit/react/checkout-flow`: the whole payment, plus the provider it needs. */
export {
  CheckoutFlow,
  CheckoutFlowActions,
  type CheckoutFlowActionsProps,
  CheckoutFlowPayButton,
  type CheckoutFlowPayButtonProps,
  CheckoutFlowPicker,
  type CheckoutFlowPickerProps,
  type CheckoutFlowProps,
  CheckoutFlowRoot,
  type CheckoutFlowRootProps,
  CheckoutFlowStatus,
  type CheckoutFlowStatusProps,
  CheckoutFlowSummary,
  type CheckoutFlowSummaryProps,
  CheckoutFlowWaitHelp,
  type CheckoutFlowWaitHelpProps,
  useCheckoutFlowContext,
} from "./checkout-flow/CheckoutFlow.tsx";
export type { CheckoutSummary, FeeBearer } from "./checkout-flow/summary.ts";
export {
  type CheckoutAlreadyPaid,
  type CheckoutFailure,
  type CheckoutFlowEvent,
  type CheckoutFlowSource,
  type CheckoutSuccess,
  type FeeState,
  isAttemptOpen,
  pickCurrency,
  type UseCheckoutFlowOptions,
  type UseCheckoutFlowResult,
  useCheckoutFlow,
} from "./checkout-flow/useCheckoutFlow.ts";
export type { ThreeDSecureState } from "./checkout-flow/useThreeDSecure.ts";
export type { AsChildProps } from "./internal/slot.tsx";
export * from "./provider/index.ts";
