import { type ComponentPropsWithoutRef, forwardRef, type ReactNode, useId } from "react";
import { Button } from "../internal/Button.tsx";
import { LiveRegion, visuallyHidden } from "../internal/LiveRegion.tsx";
import { type AsChildProps, Part } from "../internal/slot.tsx";
import { receiptMessages, type Translate } from "../messages.ts";
import { useDollrCheckoutContext } from "../provider/context.ts";
import type { ReceiptDetails } from "./details.ts";
import { type UseReceiptOptions, type UseReceiptResult, useReceipt } from "./useReceipt.ts";

export interface ReceiptViewProps extends ComponentPropsWithoutRef<"section">, AsChildProps {
  /** What to show (from `useReceipt`). */
  receipt: UseReceiptResult;
  /** Renders the polite live region. @default true */
  announce?: boolean | undefined;
  /** Extra content under the receipt (a print button, a link back to the shop). */
  footer?: ReactNode;
}

/** One row of the details (`data-row` names it); nothing when the receipt lacks it. */
function Row({ row, label, children }: { row: string; label: string; children: ReactNode }) {
  if (!children) return null;
  return (
    <div data-slot="receipt-row" data-row={row}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Details({
  details,
  t,
  itemsId,
}: {
  details: ReceiptDetails;
  t: Translate;
  itemsId: string;
}) {
  return (
    <>
      <dl data-slot="receipt-details">
        <Row row="amount-paid" label={t("receipt.amountPaid")}>
          {details.amountPaid}
        </Row>
        <Row row="fee" label={t("receipt.fee")}>
          {details.fee}
        </Row>
        <Row row="order-total" label={t("receipt.orderTotal")}>
          {details.orderTotal}
        </Row>
        <Row row="exchange-rate" label={t("receipt.exchangeRate")}>
          {details.exchangeRate}
        </Row>
        <Row row="number" label={details.numberLabel}>
          {details.number}
        </Row>
        <Row row="payment-method" label={t("receipt.paymentMethod")}>
          {details.paymentMethod}
        </Row>
        <Row row="paid-at" label={t("receipt.paidAt")}>
          {details.paidAt ? <time dateTime={details.paidAt.iso}>{details.paidAt.text}</time> : null}
        </Row>
        <Row row="reference" label={t("receipt.reference")}>
          {details.reference}
        </Row>
      </dl>
      {details.items.length > 0 ? (
        <>
          <p data-slot="receipt-items-label" id={itemsId}>
            {t("receipt.items")}
          </p>
          <ul data-slot="receipt-items" aria-labelledby={itemsId}>
            {details.items.map((item, index) => (
              // Items have no id of their own; their order is the receipt's.
              // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders
              <li key={index} data-slot="receipt-item">
                <span data-slot="receipt-item-name">{item.name}</span>{" "}
                {item.quantityText ? (
                  <span data-slot="receipt-item-quantity">{item.quantityText}</span>
                ) : null}{" "}
                <span data-slot="receipt-item-amount">{item.amount}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/**
 * A paid invoice's or order's receipt: the amount paid and the fee, the number, the items, the
 * payment method (operator or brand and the last digits only), when, and Dollr's reference;
 * optionally a link to Dollr's own receipt page (a new tab). `data-state` is the phase.
 */
export const ReceiptView = /* @__PURE__ */ forwardRef<HTMLElement, ReceiptViewProps>(
  function ReceiptView({ receipt, announce = true, footer, asChild, children, ...rest }, ref) {
    const t = useDollrCheckoutContext("<Receipt>").t.with(receiptMessages);
    const titleId = useId();
    const itemsId = useId();
    return (
      <>
        <Part
          as="section"
          aria-labelledby={titleId}
          {...rest}
          ref={ref}
          kitClass="dollr-Receipt"
          data-slot="receipt"
          data-state={receipt.phase}
          // With `asChild`, your element holds the receipt; children never replace it.
          asChild={asChild}
          fallback={
            <>
              <p data-slot="receipt-title" id={titleId}>
                {t("receipt.title")}
              </p>
              {receipt.details ? (
                <Details details={receipt.details} t={t} itemsId={itemsId} />
              ) : null}
              {receipt.message ? <p data-slot="receipt-message">{receipt.message}</p> : null}
              {receipt.hint ? <p data-slot="receipt-hint">{receipt.hint}</p> : null}
              {receipt.phase === "error" ? (
                <Button variant="secondary" action="retry" onClick={receipt.retry}>
                  {t("receipt.retry")}
                </Button>
              ) : null}
              {receipt.dollrReceiptUrl ? (
                <a
                  data-slot="receipt-link"
                  href={receipt.dollrReceiptUrl}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  {t("receipt.dollrLink")}
                  <span style={visuallyHidden}> {t("receipt.newTab")}</span>
                </a>
              ) : null}
              {footer}
            </>
          }
        >
          {asChild ? children : undefined}
        </Part>
        {announce ? <LiveRegion slot="receipt-announcer" text={receipt.announcement} /> : null}
      </>
    );
  },
);

export interface ReceiptProps
  extends UseReceiptOptions,
    Omit<ComponentPropsWithoutRef<"section">, "children"> {
  /** Extra content under the receipt. */
  footer?: ReactNode;
}

/**
 * The receipt of a paid invoice or order, read through the proxy. Before the payment is
 * complete it says the receipt will be ready then.
 *
 * @example
 * <Receipt source={{ type: "ORDER", id: 42 }} showDollrReceiptLink />
 */
export const Receipt = /* @__PURE__ */ forwardRef<HTMLElement, ReceiptProps>(
  function Receipt(props, ref) {
    const { source, showDollrReceiptLink, enabled, ...rest } = props;
    const receipt = useReceipt({ source, showDollrReceiptLink, enabled });
    return <ReceiptView {...rest} ref={ref} receipt={receipt} />;
  },
);
