"use client";
/** `@dollr-kit/react/execution-status`: a payment's status on its own (return pages, receipts). */
export {
  type DescribeStatusInput,
  describeExecutionStatus,
  type ExecutionStatusModel,
  type ExecutionStatusPhase,
  isSettledPhase,
  type PaymentKind,
} from "./execution-status/describe.ts";
export {
  ExecutionStatus,
  type ExecutionStatusProps,
  ExecutionStatusView,
  type ExecutionStatusViewProps,
} from "./execution-status/ExecutionStatus.tsx";
export {
  DEFAULT_LONG_WAIT_AFTER_MS,
  type ExecutionOperation,
  type UseExecutionStatusOptions,
  type UseExecutionStatusResult,
  useExecutionStatus,
} from "./execution-status/useExecutionStatus.ts";
export * from "./provider/index.ts";
