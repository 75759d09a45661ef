import { type ComponentPropsWithoutRef, forwardRef, type ReactNode } from "react";
import { Button } from "../internal/Button.tsx";
import { LiveRegion } from "../internal/LiveRegion.tsx";
import { OptionalLine } from "../internal/OptionalLine.tsx";
import { type AsChildProps, Part } from "../internal/slot.tsx";
import { paymentReturnMessages } from "../messages.ts";
import { useDollrCheckoutContext } from "../provider/context.ts";
import type { PaymentReturnModel } from "./describe.ts";
import { type UsePaymentReturnOptions, usePaymentReturn } from "./usePaymentReturn.ts";

export interface PaymentReturnViewProps extends ComponentPropsWithoutRef<"div">, AsChildProps {
  /** What to show (from `usePaymentReturn`, or `describePaymentReturn`). */
  status: PaymentReturnModel;
  /** Shows "Check again" when `status.canCheckAgain`. */
  onCheckAgain?: (() => void) | undefined;
  /** Renders the polite live region. @default true */
  announce?: boolean | undefined;
  /** Extra content under the status (e.g. a receipt once paid, a link back to the shop). */
  footer?: ReactNode;
}

/**
 * The return page's words: the main line, the source's number and total, help, a connection
 * notice and "Check again". `data-state` is the phase; `data-checking` is set while the kit
 * still looks on its own, `data-connection="problem"` while checks fail.
 */
export const PaymentReturnView = /* @__PURE__ */ forwardRef<HTMLDivElement, PaymentReturnViewProps>(
  function PaymentReturnView(
    { status, onCheckAgain, announce = true, footer, asChild, children, ...rest },
    ref,
  ) {
    const t = useDollrCheckoutContext("<PaymentReturn>").t.with(paymentReturnMessages);
    return (
      <>
        <Part
          {...rest}
          ref={ref}
          kitClass="dollr-PaymentReturn"
          data-slot="payment-return"
          data-state={status.phase}
          data-checking={status.checking ? "" : undefined}
          data-connection={status.connectionProblem ? "problem" : undefined}
          // With `asChild`, your element holds the words; children never replace them.
          asChild={asChild}
          fallback={
            <>
              <span
                data-slot="payment-return-indicator"
                data-state={status.phase}
                aria-hidden="true"
              />
              <p data-slot="payment-return-message">{status.message}</p>
              <OptionalLine slot="payment-return-summary">{status.summary}</OptionalLine>
              <OptionalLine slot="payment-return-hint">{status.hint}</OptionalLine>
              <OptionalLine slot="payment-return-connection">{status.connectionText}</OptionalLine>
              {status.canCheckAgain && onCheckAgain ? (
                <Button variant="secondary" action="check-again" onClick={onCheckAgain}>
                  {t("paymentReturn.checkAgain")}
                </Button>
              ) : null}
              {footer}
            </>
          }
        >
          {asChild ? children : undefined}
        </Part>
        {announce ? (
          <LiveRegion slot="payment-return-announcer" text={status.announcement} />
        ) : null}
      </>
    );
  },
);

export interface PaymentReturnProps
  extends UsePaymentReturnOptions,
    Omit<ComponentPropsWithoutRef<"div">, "children"> {
  /** Extra content under the status. */
  footer?: ReactNode;
}

/**
 * The page Dollr's hosted checkout sends the customer back to (`success_url` or `cancel_url`):
 * asks the proxy for the source's status (never the URL's query string) and says honestly
 * where it stands, polling while the payment is being confirmed.
 *
 * @example
 * <PaymentReturn source={{ type: "ORDER", id: order.dollrSourceId }} onPaid={() => showThanks()} />
 */
export const PaymentReturn = /* @__PURE__ */ forwardRef<HTMLDivElement, PaymentReturnProps>(
  function PaymentReturn(props, ref) {
    const status = usePaymentReturn(props);
    // The rest are the div's own props.
    const { source, policy, activeGraceMs, enabled, onPaid, onCanceled, onPhaseChange, ...rest } =
      props;
    return (
      <PaymentReturnView {...rest} ref={ref} status={status} onCheckAgain={status.checkAgain} />
    );
  },
);
