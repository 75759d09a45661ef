// Payment accounts and the provider predictions that come before them.
// How a Stripe `pm_…` reaches a card account is undocumented (api-notes §3.3). The simulator
// follows the documented order — card-provider-info names the pm, the next CREDIT_CARD account
// for the same party binds it — and also takes an explicit `payment_method_id` on create.
import {
  currenciesForMethod,
  isMobileMoney,
  isValidCombination,
  MOBILE_MONEY_PHONE_LENGTH,
  type OperationType,
  operatorForPhone,
  type PaymentMethod,
  PHONE_PATTERN,
  testCard,
} from "./catalog.ts";
import { unprocessable } from "./errors.ts";
import type { World } from "./router.ts";
import { iso, requireParty } from "./sources.ts";
import type { PaymentAccount } from "./store.ts";

export function mmoProviderInfo(phone: string, operationType: OperationType) {
  if (!PHONE_PATTERN.test(phone))
    throw unprocessable(
      ["query", "phone"],
      "invalid phone number: use E.164 digits without '+', e.g. 231880000000",
      "string_pattern_mismatch",
    );
  const operator = operatorForPhone(phone);
  if (!operator)
    throw unprocessable(["query", "phone"], "no mobile money provider serves this phone number");
  if (phone.length !== MOBILE_MONEY_PHONE_LENGTH)
    throw unprocessable(
      ["query", "phone"],
      `invalid phone number: ${operator.carrier} numbers have ${MOBILE_MONEY_PHONE_LENGTH} digits`,
    );
  return {
    carrier: operator.carrier,
    country: operator.country,
    currencies: [...operator.currencies],
    phone,
    payment_method: operator.method,
    gateway_provider: "PAWAPAY",
    operation_type: operationType,
  };
}

/** Describes a card and remembers its pm as pending for `partyId` (or for any party). */
export function cardProviderInfo(
  world: World,
  input: {
    payment_method_id: string;
    operation_type: OperationType;
    provider: string;
    party_id?: number;
  },
) {
  if (input.provider !== "STRIPE")
    throw unprocessable(["query", "provider"], "invalid combination: cards use provider STRIPE");
  if (input.operation_type !== "COLLECTION")
    throw unprocessable(["query", "operation_type"], "cards support COLLECTION only");
  const card = testCard(input.payment_method_id);
  world.store.state.pendingCards.set(input.party_id ?? "any", input.payment_method_id);
  return {
    brand: card.brand,
    country: card.country,
    currencies: currenciesForMethod("CREDIT_CARD"),
    payment_method: "CREDIT_CARD",
    gateway_provider: "STRIPE",
  };
}

export interface NewPaymentAccount {
  account_name: string;
  provider: string;
  method: PaymentMethod;
  party_id: number;
  country_code?: string | null;
  insensitive_account_number?: string | null;
  payment_method_id?: string | null;
}

export function createPaymentAccount(
  world: World,
  operationType: OperationType,
  input: NewPaymentAccount,
): PaymentAccount {
  if (!isValidCombination(input.method, input.provider))
    throw unprocessable(
      ["body", "provider"],
      `invalid combination of method ${input.method} and provider ${input.provider}`,
    );
  requireParty(world, input.party_id, ["body", "party_id"]);
  const number = input.insensitive_account_number ?? null;
  let paymentMethodId: string | null = null;
  if (isMobileMoney(input.method)) {
    if (number === null)
      throw unprocessable(
        ["body", "insensitive_account_number"],
        "a mobile money account needs insensitive_account_number (the phone number)",
        "missing",
      );
    if (!PHONE_PATTERN.test(number))
      throw unprocessable(
        ["body", "insensitive_account_number"],
        "invalid phone number: use E.164 digits without '+'",
        "string_pattern_mismatch",
      );
    if (input.payment_method_id != null)
      throw unprocessable(
        ["body", "payment_method_id"],
        "payment_method_id is for CREDIT_CARD accounts only",
      );
  } else {
    if (number !== null)
      throw unprocessable(
        ["body", "insensitive_account_number"],
        "card accounts take no account number",
      );
    if (operationType !== "COLLECTION")
      throw unprocessable(["query", "operation_type"], "cards support COLLECTION only");
    paymentMethodId = input.payment_method_id ?? takePendingCard(world, input.party_id);
  }
  const now = world.now();
  const account: PaymentAccount = {
    id: world.store.nextId("paymentAccount"),
    account_name: input.account_name,
    provider: input.provider,
    method: input.method,
    party_id: input.party_id,
    operation_type: operationType,
    country_code: input.country_code ?? null,
    account_number: number,
    payment_method_id: paymentMethodId,
    created_at: now,
    updated_at: now,
  };
  world.store.state.paymentAccounts.set(account.id, account);
  return account;
}

/** The pm card-provider-info named for this party, else the last one named for any party. */
function takePendingCard(world: World, partyId: number): string {
  const pending = world.store.state.pendingCards;
  const paymentMethodId = pending.get(partyId) ?? pending.get("any");
  if (paymentMethodId === undefined)
    throw unprocessable(
      ["body", "method"],
      "no card payment method to bind: call card-provider-info with the pm_… first, or pass payment_method_id",
    );
  for (const [key, value] of pending) if (value === paymentMethodId) pending.delete(key);
  return paymentMethodId;
}

/** `PaymentAccountResponse`: the account number is never echoed back. */
export function paymentAccountJson(account: PaymentAccount) {
  return {
    id: account.id,
    account_name: account.account_name,
    provider: account.provider,
    method: account.method,
    party_id: account.party_id,
    is_active: true,
    country_code: account.country_code,
    created_at: iso(account.created_at),
    updated_at: iso(account.updated_at),
  };
}
