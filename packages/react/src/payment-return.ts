"use client";
/**
 * `@dollr-kit/react/payment-return`: the page Dollr's hosted checkout sends the customer back
 * to, with the source's status read from the proxy (never from the URL).
 */
export {
  type DescribePaymentReturnInput,
  describePaymentReturn,
  type PaymentReturnModel,
  type PaymentReturnPhase,
} from "./payment-return/describe.ts";
export {
  PaymentReturn,
  type PaymentReturnProps,
  PaymentReturnView,
  type PaymentReturnViewProps,
} from "./payment-return/PaymentReturn.tsx";
export type { PaymentSource } from "./payment-return/source.ts";
export {
  DEFAULT_ACTIVE_GRACE_MS,
  type UsePaymentReturnOptions,
  type UsePaymentReturnResult,
  usePaymentReturn,
} from "./payment-return/usePaymentReturn.ts";
export * from "./provider/index.ts";
