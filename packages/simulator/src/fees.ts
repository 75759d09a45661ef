// The simulator's fee and FX tables, and the amount-and-fee prediction that executions also use,
// so that an execution charges exactly what the prediction for the same method and currency said.

import {
  currenciesForMethod,
  type FeeBearer,
  isMobileMoney,
  type PaymentMethod,
} from "./catalog.ts";
import { type Loc, unprocessable } from "./errors.ts";
import { basisPoints, decimal, divideRounded, minorUnitDigits } from "./money.ts";

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
