import { addAmounts, compareAmounts, formatMoney, subtractAmounts } from "@dollr-kit/core/internal";
import type { AmountAndFeePrediction } from "../internal/client.ts";

/** Who pays the fee, as far as the prediction shows: the payer (on top) or the merchant. */
export type FeeBearer = "PAYER" | "PAYEE";

/** The amounts `<CheckoutFlow>` shows, formatted in the provider's locale. */
export interface CheckoutSummary {
  /** What the invoice or order is for (the payer's currency once a method is chosen). */
  amount: string | null;
  /** The fee for the chosen method, when the payer pays it. */
  fee: string | null;
  /** What the payer pays in the end. */
  total: string | null;
  /** Who bears the fee (null until a method is chosen and priced). */
  feeBearer: FeeBearer | null;
  /** The payer currency. */
  currency: string | null;
  /** The unformatted total (decimal string), for the merchant's own use. */
  totalAmount: string | null;
  /**
   * The source's own total in its currency, when the payer pays in another one (so the payer
   * sees both: "RF 16,250" to pay for "US$12.50"); null otherwise.
   */
  sourceTotal: string | null;
  /** The source's currency, beside `sourceTotal`. */
  sourceCurrency: string | null;
}

function safeFormat(amount: string, currency: string, locale: string | undefined): string {
  try {
    return formatMoney(amount, currency, locale);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** The fee in the payer's currency: the platform fee plus any gateway and FX fee in it. */
function feeOf(prediction: AmountAndFeePrediction): string | null {
  const currency = prediction.payer_currency;
  const parts: string[] = [];
  if (prediction.platform_currency === currency) parts.push(prediction.platform_fee);
  if (prediction.gateway_fee && (prediction.gateway_currency ?? currency) === currency) {
    parts.push(prediction.gateway_fee);
  }
  if (prediction.fx_fee) parts.push(prediction.fx_fee);
  if (parts.length === 0) return null;
  try {
    return addAmounts(currency, ...parts);
  } catch {
    return null;
  }
}

/**
 * Reads the fee bearer from a prediction and the source's total: PAYER when the merchant
 * receives the whole total (the fee is on top), PAYEE when the fee comes out of it.
 */
export function feeBearerOf(
  prediction: AmountAndFeePrediction,
  source: { total: string; currency: string } | null,
): FeeBearer | null {
  if (!source || prediction.payee_currency !== source.currency) return null;
  try {
    return compareAmounts(prediction.payee_amount, source.total, source.currency) >= 0
      ? "PAYER"
      : "PAYEE";
  } catch {
    return null;
  }
}

/** Works out the summary lines from what is known so far. */
export function summarise(
  source: { total: string; currency: string } | null,
  prediction: AmountAndFeePrediction | null,
  locale: string | undefined,
): CheckoutSummary {
  // Before a method is priced: the source's own total. After: the payer's, with the fee.
  const currency = prediction ? prediction.payer_currency : (source?.currency ?? null);
  const total = prediction ? prediction.payer_amount : (source?.total ?? null);
  const feeBearer = prediction ? feeBearerOf(prediction, source) : null;
  // The fee is shown (and taken out of the amount) only when the payer pays it on top.
  const fee = prediction && feeBearer !== "PAYEE" ? feeOf(prediction) : null;
  let amount = total;
  if (fee !== null && currency !== null && total !== null) {
    try {
      amount = subtractAmounts(currency, total, fee);
    } catch {
      amount = total;
    }
  }
  const format = (value: string | null) =>
    value === null || currency === null ? null : safeFormat(value, currency, locale);
  const converted = source !== null && currency !== null && source.currency !== currency;
  return {
    amount: format(amount),
    fee: format(fee),
    total: format(total),
    feeBearer,
    currency,
    totalAmount: total,
    sourceTotal: converted ? safeFormat(source.total, source.currency, locale) : null,
    sourceCurrency: converted ? source.currency : null,
  };
}
