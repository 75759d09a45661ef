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
  ExecutionStatusActions,
  type ExecutionStatusActionsProps,
  ExecutionStatusConnection,
  ExecutionStatusDescription,
  ExecutionStatusElapsed,
  ExecutionStatusHint,
  ExecutionStatusIcon,
  type ExecutionStatusIconProps,
  ExecutionStatusLongWait,
  type ExecutionStatusPartProps,
  ExecutionStatusTitle,
} from "./execution-status/parts.tsx";
export type { StatusPartsWords } from "./execution-status/status-context.ts";
export {
  DEFAULT_LONG_WAIT_AFTER_MS,
  type ExecutionOperation,
  type UseExecutionStatusOptions,
  type UseExecutionStatusResult,
  useExecutionStatus,
} from "./execution-status/useExecutionStatus.ts";
export type { AsChildProps } from "./internal/slot.tsx";
export * from "./provider/index.ts";
