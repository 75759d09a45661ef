/**
 * `/kit/payment-accounts`: the signed-in customer's saved accounts (Dollr has no list endpoint).
 * - A wallet: `mmo-provider-info` predicts the operator, then `payment-accounts/create`; the same
 *   phone and method again answers the saved account (Dollr: wallets are reusable).
 * - A card: `card-provider-info` with the Stripe `pm_…`, then `payment-accounts/create`; one
 *   account per card attempt (Dollr's advice), created one at a time so that the `pm_…` Dollr
 *   remembers is the one the next account binds.
 */
import {
  type CardProviderInfo,
  type CreatePaymentAccountBody,
  CreatePaymentAccountBodySchema,
  checkRequest,
  type MmoProviderInfo,
  maskPhoneNumber,
  type PaymentAccount,
  PaymentAccountIdSchema,
  PHONE_MARKETS,
  parseCardProviderInfo,
  parseMmoProviderInfo,
  parsePaymentAccount,
  type SavedPaymentAccount,
} from "@dollr-kit/core/internal";
import { formatCountryCode } from "../country-codes.ts";
import { type Answer, answer, fieldProblem, problem } from "../http.ts";
import { LockBusyError } from "../limits/fair-lock.ts";
import { rateLimited } from "../limits/rules.ts";
import type { DollrCustomer } from "../options.ts";
import type { StoredPaymentAccount } from "../stores/account-store.ts";
import { accountKey } from "./recent-cache.ts";
import { callDollr, relay } from "./relay.ts";
import { type AnyRoute, defineRoute, type RouteScope } from "./route.ts";

/** The browser's view of a stored account: never the full number. */
export function toSavedPaymentAccount(account: StoredPaymentAccount): SavedPaymentAccount {
  return {
    id: account.id,
    type: account.type,
    account_name: account.accountName,
    provider: account.provider,
    method: account.method,
    currencies: account.currencies,
    country_code: account.countryCode,
    masked_number: account.accountNumber ? maskPhoneNumber(account.accountNumber) : null,
    operator: account.operator,
    brand: account.brand,
    last4: account.last4,
    single_use: account.singleUse,
    created_at: account.createdAt,
  };
}

/** Whether a stored account can still pay (a used single-use card cannot). */
export function isUsable(account: StoredPaymentAccount): boolean {
  return !(account.singleUse && account.usedByReferenceId !== null);
}

type Scope<Customer extends DollrCustomer> = RouteScope<
  Customer,
  undefined,
  CreatePaymentAccountBody
>;

function unreadable(what: string): Answer {
  return problem(502, "UPSTREAM_INVALID", `The payment service answered an unreadable ${what}`, {
    ambiguous: false,
  });
}

function countryOf(method: string): string | null {
  const match = /_([A-Z]{3})$/.exec(method);
  return match ? (match[1] as string) : null;
}

async function createDollrAccount<Customer extends DollrCustomer>(
  scope: Scope<Customer>,
  body: Record<string, unknown>,
): Promise<{ ok: true; account: PaymentAccount } | { ok: false; answer: Answer }> {
  const created = await callDollr(scope, {
    method: "POST",
    path: "/v1/payment-accounts/create",
    query: { operation_type: "COLLECTION" },
    body: { ...body, party_id: scope.customer.partyId },
    kind: "write",
    label: "/v1/payment-accounts/create",
  });
  if (!created.ok) return created;
  if (created.answer.status < 200 || created.answer.status > 299) {
    return { ok: false, answer: relay(scope, created.answer, "write") };
  }
  try {
    return { ok: true, account: parsePaymentAccount(created.answer.json) };
  } catch {
    return { ok: false, answer: unreadable("payment account") };
  }
}

async function addMobileMoney<Customer extends DollrCustomer>(
  scope: Scope<Customer>,
  body: Extract<CreatePaymentAccountBody, { type: "MOBILE_MONEY" }>,
): Promise<Answer> {
  const { options } = scope.shared;
  scope.sensitive.phones.add(body.phone);
  // The merchant's markets (`mobileMoneyCountries`), by calling code, before Dollr is asked.
  // Which operator, and whether the prefix holds a wallet, stay Dollr's to say.
  const taken = options.mobileMoneyCountries.some((country) =>
    body.phone.startsWith(PHONE_MARKETS[country].callingCode),
  );
  if (!taken) {
    return fieldProblem(
      ["body", "phone"],
      `Mobile money numbers of ${options.mobileMoneyCountries.join(", ")} only`,
    );
  }
  const predicted = await callDollr(scope, {
    method: "GET",
    path: "/v1/predictions/mmo-provider-info",
    query: { phone: body.phone, operation_type: "COLLECTION" },
    kind: "read",
    label: "/v1/predictions/mmo-provider-info",
  });
  if (!predicted.ok) return predicted.answer;
  if (predicted.answer.status !== 200) return relay(scope, predicted.answer, "read");
  let info: MmoProviderInfo;
  try {
    info = parseMmoProviderInfo(predicted.answer.json);
  } catch {
    return unreadable("operator prediction");
  }
  const method = body.method ?? info.payment_method;
  const predictedCountry = countryOf(info.payment_method);
  if (body.method && predictedCountry && countryOf(body.method) !== predictedCountry) {
    return fieldProblem(
      ["body", "method"],
      `This number is in another country: choose a ${predictedCountry} operator`,
    );
  }
  const saved = await options.accounts.list(scope.customer.id);
  const existing = saved.find(
    (a) => a.type === "MOBILE_MONEY" && a.accountNumber === body.phone && a.method === method,
  );
  if (existing) return answer(200, toSavedPaymentAccount(existing));
  const capped = overCap(scope, saved);
  if (capped) return capped;

  const countryCode = formatCountryCode(info.country, options.countryCodeFormat);
  const created = await createDollrAccount(scope, {
    account_name: body.account_name,
    provider: info.gateway_provider,
    method,
    country_code: countryCode,
    insensitive_account_number: body.phone,
  });
  if (!created.ok) return created.answer;
  const account: StoredPaymentAccount = {
    id: created.account.id,
    customerId: scope.customer.id,
    type: "MOBILE_MONEY",
    accountName: created.account.account_name,
    provider: created.account.provider,
    method: created.account.method,
    currencies: info.currencies,
    countryCode: created.account.country_code ?? countryCode,
    accountNumber: body.phone,
    operator: info.carrier,
    brand: null,
    last4: null,
    singleUse: false,
    usedByReferenceId: null,
    createdAt: created.account.created_at,
  };
  await options.accounts.save(account);
  scope.shared.recent.accounts.set(accountKey(account.customerId, account.id), account);
  scope.note.payment_account_id = account.id;
  return answer(201, toSavedPaymentAccount(account));
}

async function addCard<Customer extends DollrCustomer>(
  scope: Scope<Customer>,
  body: Extract<CreatePaymentAccountBody, { type: "CARD" }>,
): Promise<Answer> {
  const { options } = scope.shared;
  const capped = await accountCap(scope);
  if (capped) return capped;
  // Dollr binds a `pm_…` to "the next card account" (api-notes §3.3): the proxy names the party
  // to card-provider-info and makes one card account at a time per party (or per proxy, with
  // `cardAccountLock.scope: "proxy"`), so one customer's burst never holds up another's card.
  const { scope: lockScope } = options.cardAccountLock;
  const key =
    lockScope === "proxy" ? "card-accounts" : `card-accounts:party:${scope.customer.partyId}`;
  return lockedCardStep(scope, key, async () => {
    const predicted = await callDollr(scope, {
      method: "GET",
      path: "/v1/predictions/card-provider-info",
      query: {
        payment_method_id: body.payment_method_id,
        operation_type: "COLLECTION",
        provider: "STRIPE",
        party_id: String(scope.customer.partyId),
      },
      kind: "read",
      label: "/v1/predictions/card-provider-info",
    });
    if (!predicted.ok) return predicted.answer;
    if (predicted.answer.status !== 200) return relay(scope, predicted.answer, "read");
    let info: CardProviderInfo;
    try {
      info = parseCardProviderInfo(predicted.answer.json);
    } catch {
      return unreadable("card prediction");
    }
    const countryCode = formatCountryCode(info.country, options.countryCodeFormat);
    const created = await createDollrAccount(scope, {
      account_name: body.account_name,
      provider: info.gateway_provider,
      method: info.payment_method,
      country_code: countryCode,
    });
    if (!created.ok) return created.answer;
    const account: StoredPaymentAccount = {
      id: created.account.id,
      customerId: scope.customer.id,
      type: "CARD",
      accountName: created.account.account_name,
      provider: created.account.provider,
      method: created.account.method,
      currencies: info.currencies,
      countryCode: created.account.country_code ?? countryCode,
      accountNumber: null,
      operator: null,
      brand: info.brand,
      last4: body.last4 ?? null,
      singleUse: true,
      usedByReferenceId: null,
      createdAt: created.account.created_at,
    };
    await options.accounts.save(account);
    scope.note.payment_account_id = account.id;
    return answer(201, toSavedPaymentAccount(account));
  });
}

/** 409 `ACCOUNT_LIMIT` when the customer already has the most usable accounts allowed. */
function overCap<Customer extends DollrCustomer>(
  scope: Scope<Customer>,
  saved: readonly StoredPaymentAccount[],
): Answer | null {
  const cap = scope.shared.options.rateLimits.rules.maxSavedAccounts;
  if (cap === null || saved.filter(isUsable).length < cap) return null;
  return problem(
    409,
    "ACCOUNT_LIMIT",
    `This customer already has ${cap} saved payment accounts: remove one before adding another`,
  );
}

async function accountCap<Customer extends DollrCustomer>(
  scope: Scope<Customer>,
): Promise<Answer | null> {
  if (scope.shared.options.rateLimits.rules.maxSavedAccounts === null) return null;
  return overCap(scope, await scope.shared.options.accounts.list(scope.customer.id));
}

/** The card step under its lock; a full queue or a wait run out answers 429 (nothing sent). */
async function lockedCardStep<Customer extends DollrCustomer>(
  scope: Scope<Customer>,
  key: string,
  step: () => Promise<Answer>,
): Promise<Answer> {
  try {
    return await scope.shared.lock(key, step);
  } catch (error) {
    if (!(error instanceof LockBusyError)) throw error;
    scope.log.info("card_lock.refused", { reason: error.reason });
    return rateLimited({ allowed: false, retryAfterMs: 2_000 }, "cards added at once");
  }
}

/** The saved-account routes. */
export function paymentAccountRoutes<Customer extends DollrCustomer>(): AnyRoute<Customer>[] {
  return [
    defineRoute<Customer>({
      method: "GET",
      template: "/kit/payment-accounts",
      authenticated: true,
      async handle({ customer, shared: { options } }) {
        const accounts = await options.accounts.list(customer.id);
        return answer(200, {
          payment_accounts: accounts.filter(isUsable).map(toSavedPaymentAccount),
        });
      },
    }),
    defineRoute<Customer, undefined, CreatePaymentAccountBody>({
      method: "POST",
      template: "/kit/payment-accounts",
      limit: "accountCreations",
      authenticated: true,
      body: (input) => checkRequest(CreatePaymentAccountBodySchema, input, "body"),
      async handle(scope) {
        return scope.body.type === "MOBILE_MONEY"
          ? addMobileMoney(scope, scope.body)
          : addCard(scope, scope.body);
      },
    }),
    defineRoute<Customer>({
      method: "DELETE",
      template: "/kit/payment-accounts/{id}",
      authenticated: true,
      params: { id: (input) => checkRequest(PaymentAccountIdSchema, input, "path", "id") },
      async handle({ customer, params, shared: { options, recent } }) {
        recent.accounts.delete(accountKey(customer.id, params.id as string));
        const removed = await options.accounts.remove(customer.id, params.id as string);
        if (!removed) return problem(404, "NOT_FOUND", "No saved payment account with this id");
        return answer(204, undefined);
      },
    }),
  ];
}
