import { addAmounts, compareAmounts, formatMoney, subtractAmounts } from "@dollr-kit/core";
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
  if (!prediction) {
    return {
      amount: source ? safeFormat(source.total, source.currency, locale) : null,
      fee: null,
      total: source ? safeFormat(source.total, source.currency, locale) : null,
      feeBearer: null,
      currency: source?.currency ?? null,
      totalAmount: source?.total ?? null,
    };
  }
  const currency = prediction.payer_currency;
  const bearer = feeBearerOf(prediction, source);
  const fee = feeOf(prediction);
  let amount = prediction.payer_amount;
  if (bearer !== "PAYEE" && fee !== null) {
    try {
      amount = subtractAmounts(currency, prediction.payer_amount, fee);
    } catch {
      amount = prediction.payer_amount;
    }
  }
  return {
    amount: safeFormat(amount, currency, locale),
    fee: bearer === "PAYEE" || fee === null ? null : safeFormat(fee, currency, locale),
    total: safeFormat(prediction.payer_amount, currency, locale),
    feeBearer: bearer,
    currency,
    totalAmount: prediction.payer_amount,
  };
}
