import { type ComponentPropsWithoutRef, forwardRef, useId } from "react";
import { Field } from "../../internal/form.tsx";
import { type AsChildProps, Part } from "../../internal/slot.tsx";
import { useFlowPart } from "./context.ts";

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

export interface CheckoutFlowSummaryProps extends ComponentPropsWithoutRef<"div">, AsChildProps {}

/**
 * The amount, the fee for the chosen method (when the payer bears it) and the total, in the
 * provider's locale; "Fees are paid by the merchant" when the payee bears it; and "Pay in" when
 * the account can pay in more than one currency. Nothing while loading. `data-state`: the fee's
 * `idle` | `loading` | `success` | `error`.
 */
export const CheckoutFlowSummary = /* @__PURE__ */ forwardRef<
  HTMLDivElement,
  CheckoutFlowSummaryProps
>(function CheckoutFlowSummary(props, ref) {
  const [flow, { t }] = useFlowPart("CheckoutFlow.Summary");
  const id = useId();
  const { summary, feeState, currencyOptions } = flow;
  const canChooseCurrency =
    currencyOptions.length > 1 && (flow.kind === "selecting" || flow.kind === "failed");
  if (flow.kind === "loading" || (!summary.total && feeState === "idle")) return null;
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
    <Part
      {...props}
      ref={ref}
      kitClass="dollr-CheckoutFlow-summary"
      data-slot="checkout-flow-summary"
      data-state={feeState}
      data-fee-bearer={summary.feeBearer?.toLowerCase()}
      fallback={
        <>
          <dl data-slot="checkout-flow-summary-list">
            {summary.fee ? (
              <SummaryRow row="amount" label={t("flow.amount")} value={summary.amount} />
            ) : null}
            <SummaryRow row="fee" label={t("flow.fee")} value={summary.fee} />
            <SummaryRow row="total" label={t("flow.total")} value={summary.total} />
            <SummaryRow
              row="source-total"
              label={t("flow.sourceTotal", { currency: summary.sourceCurrency ?? "" })}
              value={summary.sourceTotal}
            />
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
        </>
      }
    />
  );
});
