// The simulator's fee and FX tables, and the amount-and-fee prediction that executions also use,
// so that an execution charges exactly what the prediction for the same method and currency said.

import {
  currenciesForMethod,
  type FeeBearer,
  isMobileMoney,
  MOBILE_MONEY_METHODS,
  type OperationType,
  PAYMENT_METHODS,
  type PaymentMethod,
} from "./catalog.ts";
import { type Loc, unprocessable } from "./errors.ts";
import { basisPoints, decimal, decimalNumber, divideRounded, minorUnitDigits } from "./money.ts";

interface Rate {
  numerator: bigint;
  denominator: bigint;
}

/** Major units of `to` per major unit of `from`. Only USD ↔ LRD converts; RWF pays only in RWF. */
export const FX_RATES: Readonly<Record<string, Rate>> = {
  "USD>LRD": { numerator: 190n, denominator: 1n },
  "LRD>USD": { numerator: 1n, denominator: 190n },
};

export interface FeeRule {
  /** Share of the payer-currency amount, in basis points (200 = 2 %). */
  basisPoints: bigint;
  /** A fixed part, in USD minor units (converted when the payer pays another currency). */
  fixedUsdMinor: bigint;
}

export const MOBILE_MONEY_FEE: FeeRule = { basisPoints: 200n, fixedUsdMinor: 0n };
export const CARD_FEE: FeeRule = { basisPoints: 350n, fixedUsdMinor: 30n };

export function feeRuleFor(method: PaymentMethod): FeeRule {
  return isMobileMoney(method) ? MOBILE_MONEY_FEE : CARD_FEE;
}

export function canConvert(from: string, to: string): boolean {
  return from === to || FX_RATES[`${from}>${to}`] !== undefined;
}

/** Converts minor units between currencies at the table rate, rounded half up. */
export function convert(minor: bigint, from: string, to: string): bigint {
  if (from === to) return minor;
  const rate = FX_RATES[`${from}>${to}`];
  if (!rate) throw new RangeError(`No exchange rate from ${from} to ${to}`);
  const scaleFrom = 10n ** BigInt(minorUnitDigits(from));
  const scaleTo = 10n ** BigInt(minorUnitDigits(to));
  return divideRounded(minor * rate.numerator * scaleTo, rate.denominator * scaleFrom);
}

export interface CollectionPrice {
  payerMinor: bigint;
  payerCurrency: string;
  payeeMinor: bigint;
  payeeCurrency: string;
  /** The fee, in the payer's currency. */
  feeMinor: bigint;
}

export interface PriceRequest {
  baseMinor: bigint;
  baseCurrency: string;
  payerCurrency: string;
  method: PaymentMethod;
  feeBearer: FeeBearer;
}

/**
 * Prices a collection. PAYER: the fee is added on top of the converted amount and the payee gets
 * the whole base. PAYEE: the payer pays the converted amount and the fee (converted back) comes
 * out of the payee's amount. `currencyLoc` names the field a currency problem is reported on.
 */
export function priceCollection(request: PriceRequest, currencyLoc: Loc): CollectionPrice {
  const { baseMinor, baseCurrency, payerCurrency, method, feeBearer } = request;
  if (!currenciesForMethod(method).includes(payerCurrency))
    throw unprocessable(currencyLoc, `currency ${payerCurrency} is not supported by ${method}`);
  if (!canConvert(baseCurrency, payerCurrency))
    throw unprocessable(
      currencyLoc,
      `currency ${payerCurrency} is not supported: no exchange rate from ${baseCurrency}`,
    );
  const rule = feeRuleFor(method);
  const converted = convert(baseMinor, baseCurrency, payerCurrency);
  const fixed = rule.fixedUsdMinor === 0n ? 0n : convert(rule.fixedUsdMinor, "USD", payerCurrency);
  const feeMinor = basisPoints(converted, rule.basisPoints) + fixed;
  if (feeBearer === "PAYER") {
    return {
      payerMinor: converted + feeMinor,
      payerCurrency,
      payeeMinor: baseMinor,
      payeeCurrency: baseCurrency,
      feeMinor,
    };
  }
  const payeeMinor = baseMinor - convert(feeMinor, payerCurrency, baseCurrency);
  if (payeeMinor <= 0n)
    throw unprocessable(currencyLoc, "amount does not cover the fees for this payment method");
  return {
    payerMinor: converted,
    payerCurrency,
    payeeMinor,
    payeeCurrency: baseCurrency,
    feeMinor,
  };
}

/** `AmountAndFeePredictionResponse`: every amount a decimal string. */
export function predictionJson(price: CollectionPrice) {
  return {
    payer_amount: decimal(price.payerMinor, price.payerCurrency),
    payer_currency: price.payerCurrency,
    payee_amount: decimal(price.payeeMinor, price.payeeCurrency),
    payee_currency: price.payeeCurrency,
    platform_fee: decimal(price.feeMinor, price.payerCurrency),
    platform_currency: price.payerCurrency,
    fx_fee: null,
    gateway_fee: null,
    gateway_currency: null,
  };
}

// ————— the fee schedule as `/v1/fees/*` reads it —————
// The whole fee of a collection is the platform fee (predictions say `gateway_fee: null`), so the
// gateway rates are zero and the platform rate is `feeRuleFor(method)`. Payouts carry no fee.

/** When the schedule took effect: a fixed date, so answers repeat from run to run. */
export const FEE_SCHEDULE_START = "2026-01-01T00:00:00.000Z";

/** `FeeTierResponse`: the simulator has one tier, the default one. */
export const DEFAULT_FEE_TIER = {
  id: 1,
  name: "default",
  is_default: true,
  created_at: FEE_SCHEDULE_START,
  updated_at: FEE_SCHEDULE_START,
} as const;

/** Methods the fee endpoints take: the payment methods and the platform wallet. */
export const FEE_PAYMENT_METHODS = [...PAYMENT_METHODS, "WALLET"] as const;
export type FeePaymentMethod = (typeof FEE_PAYMENT_METHODS)[number];

/** Whether the simulator moves money with this method and operation (else its fee is a 404). */
export function hasFee(method: FeePaymentMethod, operation: OperationType): boolean {
  if (method === "WALLET") return false;
  if (operation === "COLLECTION") return true;
  return operation === "PAYOUT" && isMobileMoney(method);
}

/** Basis points as the percentage text Dollr's fee records carry (350 → "3.50"). */
export function percentText(points: bigint): string {
  return `${points / 100n}.${String(points % 100n).padStart(2, "0")}`;
}

const PROVIDER_IDS = { PAWAPAY: 1, STRIPE: 2 } as const;

/** `FeeWithProviderResponse` for a method and operation the simulator serves (`hasFee`). */
export function gatewayFeeJson(method: PaymentMethod, operation: OperationType) {
  const methodIndex = PAYMENT_METHODS.indexOf(method);
  return {
    id: methodIndex * 2 + (operation === "COLLECTION" ? 1 : 2),
    provider_id: isMobileMoney(method) ? PROVIDER_IDS.PAWAPAY : PROVIDER_IDS.STRIPE,
    operation_type: operation,
    payment_method: method,
    percentage: 0,
    created_at: FEE_SCHEDULE_START,
    updated_at: FEE_SCHEDULE_START,
    fixed_fee: 0,
    fixed_fee_currency: null,
    effective_from: FEE_SCHEDULE_START,
    effective_to: null,
  };
}

/**
 * `FeeTierRateResponse` of the default tier. A collection's rate depends on the method: without
 * one (`payment_method: null`) it is the mobile-money rate, the rate of every method but cards.
 */
export function platformFeeJson(operation: "COLLECTION" | "PAYOUT", method?: PaymentMethod) {
  const rule =
    operation === "PAYOUT"
      ? { basisPoints: 0n, fixedUsdMinor: 0n }
      : feeRuleFor(method ?? MOBILE_MONEY_METHODS[0]);
  return {
    id: operation === "PAYOUT" ? 3 : method === "CREDIT_CARD" ? 2 : 1,
    operation_type: operation,
    percentage: percentText(rule.basisPoints),
    fx_percentage: percentText(0n),
    effective_from: FEE_SCHEDULE_START,
    created_at: FEE_SCHEDULE_START,
    payment_method: method ?? null,
    fixed_fee: decimalNumber(rule.fixedUsdMinor, "USD"),
    fixed_fee_currency: rule.fixedUsdMinor === 0n ? null : "USD",
    effective_to: null,
    tier: DEFAULT_FEE_TIER,
  };
}
