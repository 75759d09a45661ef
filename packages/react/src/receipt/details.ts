/**
 * A receipt as a customer keeps it, worded and formatted from the proxy's answer
 * (`GET /v1/{invoices|orders}/receipt/{id}`). Every field is read as hostile: a field that is
 * missing, of the wrong type or odd is left out rather than shown half-read, and the payment
 * method is only ever an operator or card brand and the last four digits.
 */
import {
  addAmounts,
  fromMinorUnits,
  isDecimalString,
  type Receipt,
  type SourceType,
  toMinorUnits,
} from "@dollr-kit/core/internal";
import { isMessageKey, type Translate } from "../messages.ts";
import { moneyText } from "../payment-return/money-text.ts";

/** One item of the order: its name, "2 × $6.25" when more than one, and the line's amount. */
export interface ReceiptItemLine {
  name: string;
  quantity: number | null;
  /** "2 × $6.25" (null for one). */
  quantityText: string | null;
  /** The line's amount: the unit amount times the quantity, exactly. */
  amount: string;
}

/** What `<Receipt>` shows; each line is null when the receipt does not carry it. */
export interface ReceiptDetails {
  /** "Invoice number" or "Order number". */
  numberLabel: string;
  /** The invoice or order number (`INV-2026-00042`). */
  number: string | null;
  /** What the customer paid, in the currency they paid in. */
  amountPaid: string | null;
  /** The fee the customer paid (omitted when the merchant bore it). */
  fee: string | null;
  /** The order's own total, when it differs from what was paid (a fee, another currency). */
  orderTotal: string | null;
  /** "1 USD = 185.5 LRD", when the customer paid in another currency. */
  exchangeRate: string | null;
  items: ReceiptItemLine[];
  /** "MTN Liberia ending in 0000", "Visa ending in 4242". */
  paymentMethod: string | null;
  /** When it was paid, in the provider's locale, and the ISO time for `<time dateTime>`. */
  paidAt: { text: string; iso: string } | null;
  /** Dollr's reference of the payment. */
  reference: string | null;
}

const CURRENCY = /^[A-Z]{3}$/;
// A readable label: letters, digits, spaces and a little punctuation, no run of 5+ digits (a
// label must never carry a whole phone or card number).
const SAFE_LABEL = /^(?!.*\d{5})[\p{L}\p{N} .,'&()/-]{1,60}$/u;
const REFERENCE = /^[A-Za-z0-9_.:-]{1,100}$/;
const MAX_ITEMS = 100;

const text = (value: unknown): string | null =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : null;
const currencyOf = (value: unknown): string | null =>
  typeof value === "string" && CURRENCY.test(value) ? value : null;

/** The sum of the fees the customer paid, per currency, formatted ("$0.38"). */
function feeText(receipt: Receipt, locale: string | undefined): string | null {
  if (receipt.fee_bearer === "PAYEE") return null;
  const payer = currencyOf(receipt.payer_currency);
  const fees: [string | null, unknown][] = [
    [currencyOf(receipt.platform_currency) ?? payer, receipt.platform_fee],
    [currencyOf(receipt.gateway_currency) ?? payer, receipt.gateway_fee],
    [payer, receipt.fx_fee],
  ];
  const byCurrency = new Map<string, string[]>();
  for (const [currency, amount] of fees) {
    if (!currency || !isDecimalString(amount)) continue;
    byCurrency.set(currency, [...(byCurrency.get(currency) ?? []), amount]);
  }
  const parts: string[] = [];
  for (const [currency, amounts] of byCurrency) {
    try {
      parts.push(moneyText(addAmounts(currency, ...amounts), currency, locale) ?? "");
    } catch {
      // An amount the currency cannot hold: the fee line is left out rather than rounded.
      return null;
    }
  }
  const shown = parts.filter(Boolean);
  return shown.length > 0 ? shown.join(" + ") : null;
}

function itemLines(receipt: Receipt, locale: string | undefined, t: Translate): ReceiptItemLine[] {
  const fallback = currencyOf(receipt.currency) ?? currencyOf(receipt.payer_currency);
  const lines: ReceiptItemLine[] = [];
  for (const item of (receipt.items ?? []).slice(0, MAX_ITEMS)) {
    const name = text(item.name)?.slice(0, 200);
    const currency = currencyOf(item.currency) ?? fallback;
    const unit = moneyText(item.amount, currency, locale);
    if (!name || !currency || !unit) continue;
    const qty = item.qty;
    if (typeof qty !== "number" || !Number.isSafeInteger(qty) || qty <= 1 || qty > 1_000_000) {
      lines.push({ name, quantity: null, quantityText: null, amount: unit });
      continue;
    }
    try {
      const line = fromMinorUnits(toMinorUnits(item.amount, currency) * BigInt(qty), currency);
      lines.push({
        name,
        quantity: qty,
        quantityText: t("receipt.quantity", { quantity: qty, amount: unit }),
        amount: moneyText(line, currency, locale) ?? unit,
      });
    } catch {
      // A unit amount the currency cannot hold: shown as one, never rounded into a total.
      lines.push({ name, quantity: null, quantityText: null, amount: unit });
    }
  }
  return lines;
}

/** "MTN Liberia ending in 0000": the operator or brand and the last four digits, no more. */
function paymentMethodText(receipt: Receipt, t: Translate): string | null {
  const details = receipt.payment_method_details as { label?: unknown; last_digits?: unknown };
  const label = text(details?.label);
  const method = text(receipt.payment_method);
  const named =
    label && SAFE_LABEL.test(label)
      ? label
      : method && isMessageKey(`operator.${method}`)
        ? t(`operator.${method}` as Parameters<Translate>[0])
        : method === "CREDIT_CARD"
          ? t("receipt.card")
          : null;
  if (!named) return null;
  const digits = typeof details?.last_digits === "string" ? details.last_digits : "";
  const last4 = /^\d{2,}$/.test(digits) ? digits.slice(-4) : null;
  return last4 ? t("receipt.methodEnding", { method: named, digits: last4 }) : named;
}

function rateText(rate: string, locale: string | undefined): string {
  const options = { maximumFractionDigits: 6 };
  try {
    return new Intl.NumberFormat(locale, options).format(rate as Intl.StringNumericLiteral);
  } catch {
    return rate;
  }
}

function paidAtOf(value: unknown, locale: string | undefined): ReceiptDetails["paidAt"] {
  const raw = text(value);
  const at = raw ? Date.parse(raw) : Number.NaN;
  if (!Number.isFinite(at)) return null;
  const date = new Date(at);
  const options: Intl.DateTimeFormatOptions = { dateStyle: "long", timeStyle: "short" };
  let formatted: string;
  try {
    formatted = new Intl.DateTimeFormat(locale, options).format(date);
  } catch {
    formatted = new Intl.DateTimeFormat(undefined, options).format(date);
  }
  return { text: formatted, iso: date.toISOString() };
}

/** Works out every line of the receipt. Pure. */
export function receiptDetails(
  receipt: Receipt,
  { sourceType, locale, t }: { sourceType: SourceType; locale: string | undefined; t: Translate },
): ReceiptDetails {
  const amountPaid = moneyText(receipt.payer_amount, receipt.payer_currency, locale);
  const totalText = moneyText(receipt.total_amount, receipt.currency, locale);
  const from = currencyOf(receipt.fx_currency_from);
  const to = currencyOf(receipt.fx_currency_to);
  const rate = isDecimalString(receipt.fx_rate) ? receipt.fx_rate : null;
  let exchangeRate: string | null = null;
  if (from && to && from !== to && rate) {
    exchangeRate = t("receipt.rate", { from, to, rate: rateText(rate, locale) });
  }
  const number = text(receipt.source_number);
  const reference = text(receipt.reference_id);
  return {
    numberLabel: t(sourceType === "ORDER" ? "receipt.orderNumber" : "receipt.invoiceNumber"),
    number: number ? number.slice(0, 64) : null,
    amountPaid,
    fee: feeText(receipt, locale),
    orderTotal: totalText && totalText !== amountPaid ? totalText : null,
    exchangeRate,
    items: itemLines(receipt, locale, t),
    paymentMethod: paymentMethodText(receipt, t),
    paidAt: paidAtOf(receipt.paid_at, locale),
    reference: reference && REFERENCE.test(reference) ? reference : null,
  };
}
