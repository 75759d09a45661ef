/**
 * Saved payment accounts. Dollr has no endpoint to list, read or delete payment accounts, so the
 * merchant's server keeps its customers' accounts itself. The proxy ships an in-memory store for
 * development and tests; production plugs in its database through `AccountStore`.
 */

/** A saved account as the proxy stores it. `accountNumber` never leaves the server. */
export interface StoredPaymentAccount {
  /** Dollr's payment account id (as a string): what the browser sends as `payment_account_id`. */
  id: string;
  /** The merchant's customer id (`DollrCustomer.id`) that owns it. */
  customerId: string;
  type: "MOBILE_MONEY" | "CARD";
  accountName: string;
  /** Dollr's provider word (`PAWAPAY`, `STRIPE`). */
  provider: string;
  /** Dollr's method word (`MTN_MOMO_LBR`, `CREDIT_CARD`). */
  method: string;
  /** Currencies the payer may pay in with it (from Dollr's prediction). */
  currencies: string[];
  countryCode: string | null;
  /** Wallets: the full phone number (E.164 digits). Server-side only. */
  accountNumber: string | null;
  /** Wallets: the operator's name (`carrier` of the prediction). */
  operator: string | null;
  /** Cards: the brand. */
  brand: string | null;
  /** Cards: the last four digits, when the browser told them. */
  last4: string | null;
  /** Cards are single use: one account per card attempt (Dollr's advice). */
  singleUse: boolean;
  /** For a single-use account: the `reference_id` of the execute that used it. */
  usedByReferenceId: string | null;
  /** ISO 8601. */
  createdAt: string;
}

/**
 * Where saved accounts live. Every method is scoped by customer: an account of another customer
 * is simply not found, which is how the proxy enforces ownership.
 */
export interface AccountStore {
  /** The customer's accounts, oldest first. */
  list(customerId: string): Promise<StoredPaymentAccount[]>;
  /** One account of the customer, or null (also when it belongs to someone else). */
  get(customerId: string, accountId: string): Promise<StoredPaymentAccount | null>;
  /** Inserts or replaces the account (keyed by customer and id). */
  save(account: StoredPaymentAccount): Promise<void>;
  /** Removes the customer's account; false when there was none. */
  remove(customerId: string, accountId: string): Promise<boolean>;
  /**
   * Binds a single-use account to a reference id, atomically: true when it was free or already
   * bound to that id, false when another reference id holds it (or there is no such account).
   * Two proxies racing with two ids for one card bind exactly one.
   */
  bindSingleUse(customerId: string, accountId: string, referenceId: string): Promise<boolean>;
  /** Frees a single-use account again, only if it is bound to this reference id. */
  releaseSingleUse(customerId: string, accountId: string, referenceId: string): Promise<void>;
}

/** An `AccountStore` in process memory: for development, tests and demos (lost on restart). */
export function createMemoryAccountStore(): AccountStore {
  const byCustomer = new Map<string, Map<string, StoredPaymentAccount>>();
  const accountsOf = (customerId: string) => {
    let accounts = byCustomer.get(customerId);
    if (!accounts) {
      accounts = new Map();
      byCustomer.set(customerId, accounts);
    }
    return accounts;
  };
  // Copies in and out, so callers can never change what is stored by mutating an object.
  return {
    async list(customerId) {
      return [...(byCustomer.get(customerId)?.values() ?? [])].map((a) => structuredClone(a));
    },
    async get(customerId, accountId) {
      const account = byCustomer.get(customerId)?.get(accountId);
      return account ? structuredClone(account) : null;
    },
    async save(account) {
      accountsOf(account.customerId).set(account.id, structuredClone(account));
    },
    async remove(customerId, accountId) {
      return byCustomer.get(customerId)?.delete(accountId) ?? false;
    },
    async bindSingleUse(customerId, accountId, referenceId) {
      const account = byCustomer.get(customerId)?.get(accountId);
      if (!account) return false;
      if (account.usedByReferenceId !== null && account.usedByReferenceId !== referenceId) {
        return false;
      }
      account.usedByReferenceId = referenceId;
      return true;
    },
    async releaseSingleUse(customerId, accountId, referenceId) {
      const account = byCustomer.get(customerId)?.get(accountId);
      if (account?.usedByReferenceId === referenceId) account.usedByReferenceId = null;
    },
  };
}
