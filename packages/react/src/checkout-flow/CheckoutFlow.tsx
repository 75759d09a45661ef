import {
  type ComponentPropsWithoutRef,
  createContext,
  forwardRef,
  type ReactNode,
  useContext,
  useId,
} from "react";
import { ExecutionStatusView } from "../execution-status/ExecutionStatus.tsx";
import { composeEventHandlers, cx } from "../internal/compose.ts";
import { LiveRegion } from "../internal/LiveRegion.tsx";
import { PaymentAccountPicker } from "../payment-account-picker/PaymentAccountPicker.tsx";
import { useDollrCheckoutContext } from "../provider/context.ts";
import {
  type UseCheckoutFlowOptions,
  type UseCheckoutFlowResult,
  useCheckoutFlow,
} from "./useCheckoutFlow.ts";

const FlowContext = createContext<UseCheckoutFlowResult | null>(null);
FlowContext.displayName = "CheckoutFlowContext";

function useFlowContext(part: string): UseCheckoutFlowResult {
  const context = useContext(FlowContext);
  if (!context) {
    throw new Error(`<${part}> must be used within <CheckoutFlow.Root> (or <CheckoutFlow>).`);
  }
  return context;
}

/** The flow's state for parts you write yourself (inside `CheckoutFlow.Root`). */
export function useCheckoutFlowContext(): UseCheckoutFlowResult {
  return useFlowContext("useCheckoutFlowContext");
}

// --- Root ------------------------------------------------------------------------------------

export interface CheckoutFlowRootProps
  extends UseCheckoutFlowOptions,
    Omit<ComponentPropsWithoutRef<"div">, "onFailure"> {}

/**
 * Runs the checkout (`useCheckoutFlow`) and renders its root:
 * `<div data-slot="checkout-flow" data-state="{engine state}">` with the flow's one polite live
 * region. `data-state`: `loading` | `selecting` | `creating_session` | `executing` |
 * `requires_action` | `authenticating` | `processing` | `verifying` | `succeeded` | `failed` |
 * `expired` | `recoverable`; `data-reason` says why for `failed` and `recoverable`.
 */
export const CheckoutFlowRoot = /* @__PURE__ */ forwardRef<HTMLDivElement, CheckoutFlowRootProps>(
  function CheckoutFlowRoot(
    {
      source,
      onSuccess,
      onFailure,
      onEvent,
      policy,
      clock,
      locks,
      confirmLeave,
      longWaitAfterMs,
      className,
      children,
      ...rest
    },
    ref,
  ) {
    const flow = useCheckoutFlow({
      source,
      onSuccess,
      onFailure,
      onEvent,
      policy,
      clock,
      locks,
      confirmLeave,
      longWaitAfterMs,
    });
    const { state } = flow;
    const reason =
      state.kind === "failed" || state.kind === "recoverable" ? state.reason : undefined;
    return (
      <FlowContext.Provider value={flow}>
        <div
          {...rest}
          ref={ref}
          className={cx("dollr-CheckoutFlow", className)}
          data-slot="checkout-flow"
          data-state={state.kind}
          data-reason={reason}
          data-attempt-open={flow.attemptOpen ? "" : undefined}
        >
          {children}
          <LiveRegion slot="checkout-flow-announcer" text={flow.announcement} />
        </div>
      </FlowContext.Provider>
    );
  },
);

// --- Summary ---------------------------------------------------------------------------------

/** One line of the summary (amount, fee, total); nothing until it has a value. */
function SummaryRow({
  row,
  label,
  value,
}: {
  row: string;
  label: string;
  value: string | null | undefined;
}) {
  if (!value) return null;
  return (
    <div data-slot="checkout-flow-summary-row" data-row={row}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export interface CheckoutFlowSummaryProps extends ComponentPropsWithoutRef<"div"> {}

/**
 * The amount, the fee for the chosen method (when the payer bears it) and the total, in the
 * provider's locale; "Fees are paid by the merchant" when the payee bears it; and "Pay in" when
 * the account can pay in more than one currency. `data-state`: the fee's `idle` | `loading` |
 * `success` | `error`.
 */
export function CheckoutFlowSummary({ className, ...rest }: CheckoutFlowSummaryProps) {
  const flow = useFlowContext("CheckoutFlow.Summary");
  const { t } = useDollrCheckoutContext("<CheckoutFlow.Summary>");
  const id = useId();
  const { summary, feeState, currencyOptions } = flow;
  const canChooseCurrency =
    currencyOptions.length > 1 && (flow.kind === "selecting" || flow.kind === "failed");
  if (!summary.total && feeState === "idle") return null;
  return (
    <div
      {...rest}
      className={cx("dollr-CheckoutFlow-summary", className)}
      data-slot="checkout-flow-summary"
      data-state={feeState}
      data-fee-bearer={summary.feeBearer?.toLowerCase()}
    >
      <dl data-slot="checkout-flow-summary-list">
        {summary.fee ? (
          <SummaryRow row="amount" label={t("flow.amount")} value={summary.amount} />
        ) : null}
        <SummaryRow row="fee" label={t("flow.fee")} value={summary.fee} />
        <SummaryRow row="total" label={t("flow.total")} value={summary.total} />
      </dl>
      {feeState === "loading" ? (
        <p data-slot="checkout-flow-summary-note">{t("flow.feeLoading")}</p>
      ) : null}
      {feeState === "error" ? (
        <p data-slot="checkout-flow-summary-note">{t("flow.feeFailed")}</p>
      ) : null}
      {summary.feeBearer === "PAYEE" ? (
        <p data-slot="checkout-flow-summary-note">{t("flow.feeByMerchant")}</p>
      ) : null}
      {canChooseCurrency ? (
        <div data-slot="field">
          <label htmlFor={`${id}-currency`} data-slot="label">
            {t("flow.currencyLabel")}
          </label>
          <select
            id={`${id}-currency`}
            data-slot="select"
            value={flow.currency ?? ""}
            onChange={(event) => flow.selectCurrency(event.target.value)}
          >
            {currencyOptions.map((currency) => (
              <option key={currency} value={currency}>
                {currency}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </div>
  );
}

// --- Picker ----------------------------------------------------------------------------------

export interface CheckoutFlowPickerProps {
  className?: string | undefined;
  /** Milliseconds after the last keystroke before a new wallet's operator is predicted. */
  predictDelayMs?: number | undefined;
}

/** `<PaymentAccountPicker>` bound to the flow: choosing an account tells the engine. */
export function CheckoutFlowPicker({ className, predictDelayMs }: CheckoutFlowPickerProps) {
  const flow = useFlowContext("CheckoutFlow.Picker");
  const choosable = flow.kind === "selecting" || flow.kind === "failed";
  return (
    <PaymentAccountPicker
      className={className}
      predictDelayMs={predictDelayMs}
      value={flow.accountId}
      onValueChange={(_id, account) => flow.selectAccount(account)}
      disabled={!choosable}
    />
  );
}

// --- Pay button ------------------------------------------------------------------------------

export interface CheckoutFlowPayButtonProps
  extends Omit<ComponentPropsWithoutRef<"button">, "type"> {}

/**
 * Pay. Enabled only when an account is chosen and no attempt is open: a second attempt can never
 * start from here (the engine decides; the button shows it). `data-state`: `idle` | `ready` |
 * `busy`.
 */
export const CheckoutFlowPayButton = /* @__PURE__ */ forwardRef<
  HTMLButtonElement,
  CheckoutFlowPayButtonProps
>(function CheckoutFlowPayButton({ className, children, onClick, disabled, ...rest }, ref) {
  const flow = useFlowContext("CheckoutFlow.PayButton");
  const { t } = useDollrCheckoutContext("<CheckoutFlow.PayButton>");
  const busy = flow.kind === "creating_session" || flow.kind === "executing";
  const label = flow.summary.total
    ? t("flow.pay", { amount: flow.summary.total })
    : t("flow.payNoAmount");
  const unavailable = !flow.canPay || disabled === true;
  return (
    <button
      {...rest}
      ref={ref}
      type="button"
      className={cx("dollr-CheckoutFlow-pay", className)}
      data-slot="button"
      data-variant="primary"
      data-action="pay"
      data-state={busy ? "busy" : flow.canPay ? "ready" : "idle"}
      aria-disabled={unavailable || undefined}
      aria-busy={busy || undefined}
      disabled={unavailable}
      onClick={composeEventHandlers(onClick, () => {
        if (flow.canPay) flow.pay();
      })}
    >
      {children ?? label}
    </button>
  );
});

// --- Status ----------------------------------------------------------------------------------

export interface CheckoutFlowStatusProps extends ComponentPropsWithoutRef<"div"> {}

/**
 * What is happening now and what the customer can do: the wait (as `<ExecutionStatus>` shows
 * it), 3D Secure, success, failure with "Try again" and "Use another payment method", expiry
 * with "Check again", and recoverable errors. Renders nothing while choosing.
 */
export function CheckoutFlowStatus({ className, ...rest }: CheckoutFlowStatusProps) {
  const flow = useFlowContext("CheckoutFlow.Status");
  const { t, stripe } = useDollrCheckoutContext("<CheckoutFlow.Status>");
  const { state } = flow;
  if (state.kind === "selecting") return null;
  const common = {
    ...rest,
    className: cx("dollr-CheckoutFlow-status", className),
    "data-slot": "checkout-flow-status",
    "data-state": state.kind,
  };
  if (flow.status) {
    return (
      <div {...common}>
        <ExecutionStatusView
          status={flow.status}
          announce={false}
          onCheckAgain={state.kind === "expired" ? flow.checkAgain : undefined}
        />
      </div>
    );
  }
  let actions: ReactNode = null;
  let detail: string | null = null;
  switch (state.kind) {
    case "requires_action":
      if (
        flow.authentication.state === "needs_customer" ||
        flow.authentication.state === "unavailable"
      ) {
        actions = (
          <button
            type="button"
            data-slot="button"
            data-variant="primary"
            data-action="authenticate"
            disabled={
              flow.authentication.state === "unavailable" &&
              !(stripe.status === "unavailable" && stripe.retryable)
            }
            onClick={flow.authentication.start}
          >
            {t("flow.authenticate")}
          </button>
        );
      }
      break;
    case "failed":
      detail = state.execution?.message ?? state.error?.message ?? null;
      actions = (
        <>
          <button
            type="button"
            data-slot="button"
            data-variant="primary"
            data-action="retry"
            onClick={flow.retry}
          >
            {t("flow.retry")}
          </button>
          <button
            type="button"
            data-slot="button"
            data-variant="secondary"
            data-action="another-method"
            onClick={flow.chooseAnotherMethod}
          >
            {t("flow.anotherMethod")}
          </button>
        </>
      );
      break;
    case "recoverable":
      actions = (
        <>
          <button
            type="button"
            data-slot="button"
            data-variant="primary"
            data-action="check-again"
            onClick={flow.checkAgain}
          >
            {state.reason === "session_expired" ? t("flow.retry") : t("flow.checkAgain")}
          </button>
          {state.resume.kind === "creating_session" ? (
            <button
              type="button"
              data-slot="button"
              data-variant="secondary"
              data-action="cancel"
              onClick={flow.cancel}
            >
              {t("flow.cancel")}
            </button>
          ) : null}
        </>
      );
      break;
    default:
      break;
  }
  return (
    <div
      {...common}
      data-reason={
        state.kind === "failed" || state.kind === "recoverable" ? state.reason : undefined
      }
    >
      <span data-slot="checkout-flow-status-indicator" data-state={state.kind} aria-hidden="true" />
      {flow.message ? <p data-slot="checkout-flow-status-message">{flow.message}</p> : null}
      {detail ? (
        <p data-slot="checkout-flow-status-detail">
          {t("status.failedReason", { reason: detail })}
        </p>
      ) : null}
      {actions ? <div data-slot="checkout-flow-status-actions">{actions}</div> : null}
    </div>
  );
}

// --- The assembled flow ----------------------------------------------------------------------

export interface CheckoutFlowProps extends CheckoutFlowRootProps {
  /** Milliseconds after the last keystroke before a new wallet's operator is predicted. */
  predictDelayMs?: number | undefined;
}

const CHOOSING = new Set(["selecting", "creating_session", "executing"]);

/**
 * The whole payment for one invoice or order: choose or add a payment account, see the total
 * with the fee, pay once, pass 3D Secure, wait for mobile money, see the result, retry.
 * Compose `CheckoutFlow.Root`, `.Summary`, `.Picker`, `.PayButton` and `.Status` for your own
 * layout, or build on `useCheckoutFlow`.
 *
 * @example
 * <CheckoutFlow source={{ type: "INVOICE", id: 42 }} onSuccess={(r) => navigate(`/paid/${r.referenceId}`)} onFailure={log} />
 */
function CheckoutFlowImpl({ predictDelayMs, children, ...rootProps }: CheckoutFlowProps) {
  return (
    <CheckoutFlowRoot {...rootProps}>
      {children ?? <CheckoutFlowDefaultLayout predictDelayMs={predictDelayMs} />}
    </CheckoutFlowRoot>
  );
}

function CheckoutFlowDefaultLayout({ predictDelayMs }: { predictDelayMs: number | undefined }) {
  const flow = useFlowContext("CheckoutFlow");
  const choosing = CHOOSING.has(flow.kind);
  return (
    <>
      {flow.kind !== "loading" ? <CheckoutFlowSummary /> : null}
      {choosing ? <CheckoutFlowPicker predictDelayMs={predictDelayMs} /> : null}
      <CheckoutFlowStatus />
      {choosing ? <CheckoutFlowPayButton /> : null}
    </>
  );
}

export const CheckoutFlow = /* @__PURE__ */ Object.assign(CheckoutFlowImpl, {
  Root: CheckoutFlowRoot,
  Summary: CheckoutFlowSummary,
  Picker: CheckoutFlowPicker,
  PayButton: CheckoutFlowPayButton,
  Status: CheckoutFlowStatus,
});
