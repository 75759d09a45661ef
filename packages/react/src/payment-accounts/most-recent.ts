import type { SavedPaymentAccount } from "../internal/client.ts";

/**
 * The customer's most recent saved account: the latest `created_at` (a date that does not parse
 * counts as oldest), and on a tie the later one in the list, which the proxy orders oldest first. The proxy keeps
 * no "last used" date, so the account saved last stands for the one used last: a wallet or card
 * is saved when the customer pays with it. Null for an empty list.
 */
export function mostRecentAccount(
  accounts: readonly SavedPaymentAccount[],
): SavedPaymentAccount | null {
  let latest: SavedPaymentAccount | null = null;
  let latestAt = Number.NEGATIVE_INFINITY;
  for (const account of accounts) {
    const parsed = Date.parse(account.created_at);
    const at = Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
    if (at >= latestAt) {
      latest = account;
      latestAt = at;
    }
  }
  return latest;
}
