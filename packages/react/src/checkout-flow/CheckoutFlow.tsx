import {
  type ComponentPropsWithoutRef,
  createContext,
  forwardRef,
  type ReactNode,
  useContext,
  useId,
} from "react";
import { ExecutionStatusView } from "../execution-status/ExecutionStatus.tsx";
import { Button } from "../internal/Button.tsx";
import { composeEventHandlers, cx } from "../internal/compose.ts";
import { Field } from "../internal/form.tsx";
import { LiveRegion } from "../internal/LiveRegion.tsx";
import { PaymentAccountPicker } from "../payment-account-picker/PaymentAccountPicker.tsx";
import { useDollrCheckoutContext } from "../provider/context.ts";
import {
  type UseCheckoutFlowOptions,
  type UseCheckoutFlowResult,
  useCheckoutFlow,
} from "./useCheckoutFlow.ts";
import { WaitHelp } from "./wait-help/WaitHelp.tsx";

const FlowContext = createContext<UseCheckoutFlowResult | null>(null);
// For React DevTools only, so production builds leave the name out.
if (process.env.NODE_ENV !== "production") FlowContext.displayName = "CheckoutFlowContext";

function useFlowContext(part: string): UseCheckoutFlowResult {
  const context = useContext(FlowContext);
  if (!context) {
    throw new Error(`<${part}> must be used within <CheckoutFlow.Root> (or <CheckoutFlow>).`);
  }
  return context;
}

/** A part's flow state and the provider's values; an error names the part. */
function useFlowPart(part: string) {
  return [useFlowContext(part), useDollrCheckoutContext(`<${part}>`)] as const;
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
 * `expired` | `recoverable` | `busy` (a payment for the source is in progress elsewhere) |
 * `already_paid`; `data-reason` says why for `failed` and `recoverable`.
 */
export const CheckoutFlowRoot = /* @__PURE__ */ forwardRef<HTMLDivElement, CheckoutFlowRootProps>(
  function CheckoutFlowRoot(props, ref) {
    const flow = useCheckoutFlow(props);
    const { realtime } = useDollrCheckoutContext("CheckoutFlow.Root");
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
      className,
      children,
      ...rest
    } = props;
    return (
      <FlowContext.Provider value={flow}>
        <div
          {...rest}
          ref={ref}
          className={cx("dollr-CheckoutFlow", className)}
          data-slot="checkout-flow"
          data-state={flow.kind}
          data-reason={reasonOf(flow)}
          data-attempt-open={flow.attemptOpen ? "" : undefined}
        >
          {children}
          {realtime ? (
            <realtime.Hints engine={flow.engine} sourceType={source.type} onEvent={onEvent} />
          ) : null}
          <LiveRegion slot="checkout-flow-announcer" text={flow.announcement} />
        </div>
      </FlowContext.Provider>
    );
  },
);

/**
 * `data-reason`: why a `failed` or `recoverable` state is so, or why `selecting` cannot pay (the
 * proxy refused the source: `forbidden`, `not_found`).
 */
function reasonOf({ state, sourceRefused }: UseCheckoutFlowResult): string | undefined {
  if (state.kind === "failed" || state.kind === "recoverable") return state.reason;
  return state.kind === "selecting" ? (sourceRefused ?? undefined) : undefined;
}

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
  const [flow, { t }] = useFlowPart("CheckoutFlow.Summary");
  const id = useId();
  const { summary, feeState, currencyOptions } = flow;
  const canChooseCurrency =
    currencyOptions.length > 1 && (flow.kind === "selecting" || flow.kind === "failed");
  if (!summary.total && feeState === "idle") return null;
  // One note at most: the merchant bears the fee only once it is known.
  const note =
    feeState === "loading"
      ? t("flow.feeLoading")
      : feeState === "error"
        ? t("flow.feeFailed")
        : summary.feeBearer === "PAYEE"
          ? t("flow.feeByMerchant")
          : null;
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
      {note ? <p data-slot="checkout-flow-summary-note">{note}</p> : null}
      {canChooseCurrency ? (
        <Field id={`${id}-currency`} label={t("flow.currencyLabel")}>
          {(control) => (
            <select
              {...control}
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
          )}
        </Field>
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
      preselect={flow.preselect}
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
  const [flow, { t }] = useFlowPart("CheckoutFlow.PayButton");
  const busy = flow.kind === "creating_session" || flow.kind === "executing";
  const label = flow.summary.total
    ? t("flow.pay", { amount: flow.summary.total })
    : t("flow.payNoAmount");
  const unavailable = !flow.canPay || disabled === true;
  return (
    <Button
      {...rest}
      ref={ref}
      variant="primary"
      action="pay"
      className={cx("dollr-CheckoutFlow-pay", className)}
      data-state={busy ? "busy" : flow.canPay ? "ready" : "idle"}
      aria-disabled={unavailable || undefined}
      aria-busy={busy || undefined}
      disabled={unavailable}
      onClick={composeEventHandlers(onClick, () => {
        if (flow.canPay) flow.pay();
      })}
    >
      {children ?? label}
    </Button>
  );
});

// --- Status ----------------------------------------------------------------------------------

export interface CheckoutFlowStatusProps extends ComponentPropsWithoutRef<"div"> {}

/**
 * What is happening now and what the customer can do: the wait (as `<ExecutionStatus>` shows
 * it), 3D Secure, success, failure with "Try again" and "Use another payment method", expiry
 * with "Check again", recoverable errors, a payment in progress elsewhere (`busy`) and an
 * already paid source. While choosing, only a notice (the source is free again, or the proxy
 * refuses it: `data-reason` `forbidden` or `not_found`), if any.
 */
export function CheckoutFlowStatus({ className, ...rest }: CheckoutFlowStatusProps) {
  const [flow, { t, stripe }] = useFlowPart("CheckoutFlow.Status");
  const { state, detail } = flow;
  if (state.kind === "selecting" && !flow.message) return null;
  const common = {
    ...rest,
    className: cx("dollr-CheckoutFlow-status", className),
    "data-slot": "checkout-flow-status",
    "data-state": state.kind,
  };
  const anotherMethod = flow.canUseAnotherMethod ? (
    <Button variant="secondary" action="use-another-method" onClick={flow.useAnotherMethod}>
      {t("flow.useAnotherMethod")}
    </Button>
  ) : null;
  const leaveNotice = flow.leaveNotice ? (
    <p data-slot="checkout-flow-status-leave-notice">{flow.leaveNotice}</p>
  ) : null;
  if (flow.status) {
    return (
      <div {...common}>
        <ExecutionStatusView
          status={flow.status}
          announce={false}
          onCheckAgain={state.kind === "expired" ? flow.checkAgain : undefined}
        />
        {state.kind === "processing" && flow.account?.type === "MOBILE_MONEY" ? (
          <WaitHelp
            operator={flow.account.method}
            promptExpiresAt={state.attempt.sessionExpiresAt}
            waitingSince={state.attempt.createdAt}
            now={flow.now}
          />
        ) : null}
        {leaveNotice}
        {anotherMethod ? <div data-slot="checkout-flow-status-actions">{anotherMethod}</div> : null}
      </div>
    );
  }
  let actions: ReactNode = null;
  const authentication = flow.authentication.state;
  if (
    state.kind === "requires_action" &&
    (authentication === "needs_customer" || authentication === "unavailable")
  ) {
    const cannotAuthenticate =
      authentication === "unavailable" && !(stripe.status === "unavailable" && stripe.retryable);
    actions = (
      <>
        {cannotAuthenticate ? null : (
          <Button variant="primary" action="authenticate" onClick={flow.authentication.start}>
            {t("flow.authenticate")}
          </Button>
        )}
        {anotherMethod}
      </>
    );
  } else if (state.kind === "failed") {
    // A used card cannot be paid with again: no "Try again".
    const canRetry = state.reason !== "card_used";
    actions = (
      <>
        {canRetry ? (
          <Button variant="primary" action="retry" onClick={flow.retry}>
            {t("flow.retry")}
          </Button>
        ) : null}
        <Button
          variant={canRetry ? "secondary" : "primary"}
          action="another-method"
          onClick={flow.chooseAnotherMethod}
        >
          {t("flow.anotherMethod")}
        </Button>
      </>
    );
  } else if (state.kind === "busy" && state.stalled) {
    actions = (
      <Button variant="primary" action="check-again" onClick={flow.checkAgain}>
        {t("flow.checkAgain")}
      </Button>
    );
  } else if (state.kind === "verifying" || state.kind === "authenticating") {
    actions = anotherMethod;
  } else if (state.kind === "recoverable") {
    actions = (
      <>
        <Button variant="primary" action="check-again" onClick={flow.checkAgain}>
          {state.reason === "session_expired" ? t("flow.retry") : t("flow.checkAgain")}
        </Button>
        {anotherMethod}
        {state.resume.kind === "creating_session" ? (
          <Button variant="secondary" action="cancel" onClick={flow.cancel}>
            {t("flow.cancel")}
          </Button>
        ) : null}
      </>
    );
  }
  return (
    <div {...common} data-reason={reasonOf(flow)}>
      {state.kind === "selecting" ? null : (
        <span
          data-slot="checkout-flow-status-indicator"
          data-state={state.kind === "busy" && state.stalled ? "stalled" : state.kind}
          aria-hidden="true"
        />
      )}
      {flow.message ? <p data-slot="checkout-flow-status-message">{flow.message}</p> : null}
      {detail ? <p data-slot="checkout-flow-status-detail">{detail}</p> : null}
      {leaveNotice}
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
  // A source the proxy refuses cannot be paid: its message alone, no picker, no Pay.
  const choosing = CHOOSING.has(flow.kind) && !flow.sourceRefused;
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
