"use client";
/** `@dollr-kit/react/receipt`: a paid invoice's or order's receipt, for the customer to keep. */
export type { PaymentSource } from "./payment-return/source.ts";
export * from "./provider/index.ts";
export type { ReceiptDetails, ReceiptItemLine } from "./receipt/details.ts";
export {
  Receipt,
  type ReceiptProps,
  ReceiptView,
  type ReceiptViewProps,
} from "./receipt/Receipt.tsx";
export {
  type ReceiptLinkPhase,
  type ReceiptPhase,
  type UseReceiptOptions,
  type UseReceiptResult,
  useReceipt,
} from "./receipt/useReceipt.ts";
