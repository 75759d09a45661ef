import { type ComponentPropsWithoutRef, forwardRef, type ReactNode } from "react";
import { LiveRegion } from "../internal/LiveRegion.tsx";
import { OptionalLine } from "../internal/OptionalLine.tsx";
import { type AsChildProps, Part } from "../internal/slot.tsx";
import type { ExecutionStatusModel } from "./describe.ts";
import { ExecutionStatusCheckAgain } from "./parts.tsx";
import { StatusPartsContext } from "./status-context.ts";
import { type UseExecutionStatusOptions, useExecutionStatus } from "./useExecutionStatus.ts";

export interface ExecutionStatusViewProps extends ComponentPropsWithoutRef<"div">, AsChildProps {
  /** What to show (from `useExecutionStatus`, or worked out by `<CheckoutFlow>`). */
  status: ExecutionStatusModel;
  /** Shows a "Check again" button (when `expired`). */
  onCheckAgain?: (() => void) | undefined;
  /**
   * Renders the polite live region. Turn it off when an outer component (like
   * `<CheckoutFlow>`) already announces the same words.
   * @default true
   */
  announce?: boolean | undefined;
  /** Extra content under the status (e.g. actions). */
  footer?: ReactNode;
}

/**
 * The status of a payment as words: the main line, the failure reason in plain words, help (or
 * what to do after a failure), elapsed time, "still waiting — you can leave this page", a
 * connection notice, and "Check again" after `expired`. `children` replace that layout with
 * your own of the parts (`ExecutionStatusIcon`, `ExecutionStatusTitle`, …).
 * `data-state` is the phase; `data-long-wait` and `data-connection="problem"` mark the flags.
 */
export const ExecutionStatusView = /* @__PURE__ */ forwardRef<
  HTMLDivElement,
  ExecutionStatusViewProps
>(function ExecutionStatusView({ status, onCheckAgain, announce = true, footer, ...rest }, ref) {
  return (
    <StatusPartsContext.Provider value={{ ...status, onCheckAgain }}>
      <Part
        {...rest}
        ref={ref}
        kitClass="dollr-ExecutionStatus"
        data-slot="execution-status"
        data-state={status.phase}
        data-long-wait={status.longWait ? "" : undefined}
        data-connection={status.connectionProblem ? "problem" : undefined}
        fallback={
          // The parts' markup, inline: a page that never composes them does not download them.
          <>
            <span
              data-slot="execution-status-indicator"
              data-state={status.phase}
              aria-hidden="true"
            />
            <p data-slot="execution-status-message">{status.message}</p>
            <OptionalLine slot="execution-status-reason">{status.reason}</OptionalLine>
            <OptionalLine slot="execution-status-hint">{status.hint}</OptionalLine>
            <OptionalLine slot="execution-status-elapsed">
              {status.elapsedText ? (
                <time dateTime={`PT${Math.floor(status.elapsedMs / 1000)}S`}>
                  {status.elapsedText}
                </time>
              ) : null}
            </OptionalLine>
            <OptionalLine slot="execution-status-long-wait">{status.longWaitText}</OptionalLine>
            <OptionalLine slot="execution-status-connection">{status.connectionText}</OptionalLine>
            <ExecutionStatusCheckAgain />
            {footer}
          </>
        }
      />
      {announce ? (
        <LiveRegion slot="execution-status-announcer" text={status.announcement} />
      ) : null}
    </StatusPartsContext.Provider>
  );
});

export interface ExecutionStatusProps
  extends UseExecutionStatusOptions,
    Omit<ExecutionStatusViewProps, "status" | "onCheckAgain"> {}

/**
 * A payment's status, on its own (a return page, a receipt): polls Dollr's status through the
 * proxy until it is final, and says where the payment stands. Compose your own layout of its
 * parts as children: `ExecutionStatusIcon`, `ExecutionStatusTitle`, `ExecutionStatusDescription`, `ExecutionStatusHint`, `ExecutionStatusElapsed`,
 * `ExecutionStatusLongWait`, `ExecutionStatusConnection`, `ExecutionStatusActions`.
 *
 * @example
 * <ExecutionStatus referenceId={referenceId} operation="collection" kind="MOBILE_MONEY" />
 */
export const ExecutionStatus = /* @__PURE__ */ forwardRef<HTMLDivElement, ExecutionStatusProps>(
  function ExecutionStatus(props, ref) {
    const status = useExecutionStatus(props);
    // The rest are the div's own props.
    const {
      referenceId,
      operation,
      startedAt,
      kind,
      policy,
      longWaitAfterMs,
      enabled,
      onSucceeded,
      onFailed,
      onPhaseChange,
      ...rest
    } = props;
    return (
      <ExecutionStatusView {...rest} ref={ref} status={status} onCheckAgain={status.checkAgain} />
    );
  },
);
