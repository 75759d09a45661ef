// Receipts of paid sources: the payment that paid them, its fee and FX, and how it was paid
// (operator or card brand and the last digits only: a receipt never shows a whole number).
import { isMobileMoney, operatorForPhone, testCard } from "./catalog.ts";
import { HttpError } from "./errors.ts";
import { FX_RATES, priceCollection } from "./fees.ts";
import { decimal, decimalNumber } from "./money.ts";
import { evaluate } from "./outcomes.ts";
import type { World } from "./router.ts";
import { iso, sourceProgress, totalMinor } from "./sources.ts";
import { type Execution, type PaymentAccount, type Source, sourceKey } from "./store.ts";

/** The last four digits of Stripe's test cards, by payment method id (any other pm is a Visa). */
const TEST_CARD_LAST4: Readonly<Record<string, string>> = {
  pm_card_visa: "4242",
  pm_card_mastercard: "4444",
  pm_card_chargeDeclined: "0002",
  pm_card_threeDSecure2Required: "3220",
  pm_card_authenticationRequired: "3184",
};

const BRAND_NAMES: Readonly<Record<string, string>> = { visa: "Visa", mastercard: "Mastercard" };

export interface PaymentMethodSummary {
  /** "MTN Liberia", "visa", …: who took the money. */
  label: string;
  /** The last digits of the phone or card. */
  last_digits: string;
}

export function paymentMethodSummary(account: PaymentAccount): PaymentMethodSummary {
  if (isMobileMoney(account.method)) {
    const phone = account.account_number ?? "";
    return {
      label: operatorForPhone(phone)?.carrier ?? account.method,
      last_digits: phone.slice(-4),
    };
  }
  const paymentMethodId = account.payment_method_id ?? "";
  const { brand } = testCard(paymentMethodId);
  return {
    label: BRAND_NAMES[brand] ?? brand,
    last_digits: TEST_CARD_LAST4[paymentMethodId] ?? "4242",
  };
}

export interface Payment {
  execution: Execution;
  account: PaymentAccount;
  paidAt: number;
}

/** The execution that paid the source, or null while it is not PAID. */
export function paymentOf(world: World, source: Source): Payment | null {
  if (sourceProgress(world, source).status !== "PAID") return null;
  const now = world.now();
  for (const referenceId of world.store.state.executionsBySource.get(
    sourceKey(source.type, source.id),
  ) ?? []) {
    const execution = world.store.state.executions.get(referenceId);
    if (!execution) continue;
    const state = evaluate(execution, now);
    const account = world.store.state.paymentAccounts.get(execution.payment_account_id);
    if (state.phase === "succeeded" && state.settledAt !== null && account)
      return { execution, account, paidAt: state.settledAt };
  }
  return null;
}

/** The paid source's payment; 409 while it is not PAID (a receipt exists from then on). */
export function requirePayment(world: World, source: Source): Payment {
  const payment = paymentOf(world, source);
  if (payment) return payment;
  const { status } = sourceProgress(world, source);
  const kind = source.type === "INVOICE" ? "Invoice" : "Order";
  throw new HttpError(
    409,
    `${kind} ${source.number} is ${status}: a receipt exists once it is PAID`,
  );
}

/** The fee the payer's price included, in the payer's currency (as the prediction said). */
export function feeMinorOf(source: Source, payment: Payment): bigint {
  return priceCollection(
    {
      baseMinor: totalMinor(source),
      baseCurrency: source.currency,
      payerCurrency: payment.execution.payer_currency,
      method: payment.account.method,
      feeBearer: source.fee_bearer,
    },
    ["query", "payer_currency"],
  ).feeMinor;
}

/** Major units of the payer's currency per major unit of the source's; 1 for the same currency. */
function fxRate(from: string, to: string): number {
  const rate = FX_RATES[`${from}>${to}`];
  return from === to || !rate ? 1 : Number(rate.numerator) / Number(rate.denominator);
}

/** A receipt as `GET /v1/{invoices|orders}/receipt/…` answers it: every amount a JSON number. */
export function receiptJson(source: Source, payment: Payment) {
  const { execution, account } = payment;
  const feeMinor = feeMinorOf(source, payment);
  return {
    source_type: source.type,
    source_id: source.id,
    source_number: source.number,
    status: "PAID",
    currency: source.currency,
    total_amount: decimalNumber(totalMinor(source), source.currency),
    payer_amount: decimalNumber(execution.payerMinor, execution.payer_currency),
    payer_currency: execution.payer_currency,
    payee_amount: decimalNumber(execution.payeeMinor, execution.payee_currency),
    payee_currency: execution.payee_currency,
    fx_rate: fxRate(source.currency, execution.payer_currency),
    fx_currency_from: source.currency,
    fx_currency_to: execution.payer_currency,
    fee_bearer: source.fee_bearer,
    platform_fee: decimalNumber(feeMinor, execution.payer_currency),
    platform_currency: execution.payer_currency,
    fx_fee: null,
    gateway_fee: null,
    gateway_currency: null,
    provider: isMobileMoney(account.method) ? "PAWAPAY" : "STRIPE",
    payment_method: account.method,
    payment_method_details: paymentMethodSummary(account),
    provider_transaction_id: execution.provider_transaction_id,
    items: source.items.map((item) => ({
      name: item.name,
      currency: item.currency,
      qty: item.qty,
      amount: decimalNumber(item.amountMinor, item.currency),
    })),
    paid_at: iso(payment.paidAt),
    // The payment's own id (the execution key); the merchant's reference is the source's.
    reference_id: execution.reference_id,
    source_reference_id: source.reference_id,
  };
}

/** "USD 12.50": how the hosted pages write an amount. */
export function money(minor: bigint, currency: string): string {
  return `${currency} ${decimal(minor, currency)}`;
}
