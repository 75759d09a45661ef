// What the simulated Dollr knows about markets: payment methods, phone prefixes, test cards.

export const MOBILE_MONEY_METHODS = [
  "MTN_MOMO_LBR",
  "ORANGE_MONEY_LBR",
  "MTN_MOMO_RWA",
  "AIRTEL_RWA",
  "ORANGE_MONEY_RWA",
] as const;
export type MobileMoneyMethod = (typeof MOBILE_MONEY_METHODS)[number];
export const PAYMENT_METHODS = [...MOBILE_MONEY_METHODS, "CREDIT_CARD"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PROVIDERS = [...MOBILE_MONEY_METHODS, "PAWAPAY", "STRIPE", "PLATFORM"] as const;
export const OPERATION_TYPES = ["COLLECTION", "PAYOUT", "TRANSFER", "REFUND"] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];
export const SOURCE_TYPES = ["INVOICE", "ORDER"] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];
export const FEE_BEARERS = ["PAYER", "PAYEE"] as const;
export type FeeBearer = (typeof FEE_BEARERS)[number];
/** Currencies a source may be issued in. */
export const SOURCE_CURRENCIES = ["USD", "LRD", "RWF"] as const;

export interface MobileMoneyOperator {
  prefix: string;
  carrier: string;
  method: MobileMoneyMethod;
  country: string;
  currencies: string[];
}

/** Operators by phone prefix; Liberian and Rwandan numbers are 12 digits (country code + 9). */
export const MOBILE_MONEY_OPERATORS: readonly MobileMoneyOperator[] = [
  {
    prefix: "23188",
    carrier: "MTN Liberia",
    method: "MTN_MOMO_LBR",
    country: "LR",
    currencies: ["USD", "LRD"],
  },
  {
    prefix: "23177",
    carrier: "Orange Liberia",
    method: "ORANGE_MONEY_LBR",
    country: "LR",
    currencies: ["USD", "LRD"],
  },
  {
    prefix: "25078",
    carrier: "MTN Rwanda",
    method: "MTN_MOMO_RWA",
    country: "RW",
    currencies: ["RWF"],
  },
  {
    prefix: "25073",
    carrier: "Airtel Rwanda",
    method: "AIRTEL_RWA",
    country: "RW",
    currencies: ["RWF"],
  },
];
export const MOBILE_MONEY_PHONE_LENGTH = 12;

/** Dollr's documented phone form: E.164 digits without "+". */
export const PHONE_PATTERN = /^[1-9]\d{7,14}$/;

export function operatorForPhone(phone: string): MobileMoneyOperator | undefined {
  return MOBILE_MONEY_OPERATORS.find((operator) => phone.startsWith(operator.prefix));
}

/** Payer currencies each method can collect in. */
export function currenciesForMethod(method: PaymentMethod): string[] {
  if (method === "CREDIT_CARD") return [...CARD_CURRENCIES];
  if (method === "ORANGE_MONEY_RWA") return ["RWF"];
  return MOBILE_MONEY_OPERATORS.find((operator) => operator.method === method)?.currencies ?? [];
}

export function isMobileMoney(method: string): method is MobileMoneyMethod {
  return (MOBILE_MONEY_METHODS as readonly string[]).includes(method);
}

/**
 * The provider values Dollr accepts with a method. The docs say `PAWAPAY` for mobile money
 * while every code example repeats the method; both are accepted.
 */
export function isValidCombination(method: string, provider: string): boolean {
  if (method === "CREDIT_CARD") return provider === "STRIPE";
  if (isMobileMoney(method)) return provider === "PAWAPAY" || provider === method;
  return false;
}

export const CARD_CURRENCIES = ["USD"] as const;
export const PAYMENT_METHOD_ID_PATTERN = /^pm_[A-Za-z0-9_]{1,100}$/;

export type CardBehaviour = "succeeds" | "requires_action" | "declined";

export interface TestCard {
  brand: string;
  country: string;
  behaviour: CardBehaviour;
}

/** Stripe's test payment methods the simulator knows; any other `pm_…` is a Visa that succeeds. */
export const TEST_CARDS: Readonly<Record<string, TestCard>> = {
  pm_card_visa: { brand: "visa", country: "US", behaviour: "succeeds" },
  pm_card_mastercard: { brand: "mastercard", country: "US", behaviour: "succeeds" },
  pm_card_threeDSecure2Required: { brand: "visa", country: "US", behaviour: "requires_action" },
  pm_card_authenticationRequired: { brand: "visa", country: "US", behaviour: "requires_action" },
  pm_card_chargeDeclined: { brand: "visa", country: "US", behaviour: "declined" },
};

export function testCard(paymentMethodId: string): TestCard {
  return TEST_CARDS[paymentMethodId] ?? { brand: "visa", country: "US", behaviour: "succeeds" };
}
