/**
 * Which saved accounts the picker offers, and which it chooses first when the customer has not
 * chosen yet.
 */
import { useEffect, useRef } from "react";
import type { SavedPaymentAccount } from "../internal/client.ts";
import { mostRecentAccount } from "../payment-accounts/most-recent.ts";

/** What narrows the offered accounts. */
export interface OfferFilter {
  /** Only these kinds. @default both */
  types?: readonly ("MOBILE_MONEY" | "CARD")[] | undefined;
  /** Only accounts that pay in one of these. @default every account */
  currencies?: readonly string[] | undefined;
  /** No saved cards: without the cards plug-in a card cannot be paid with (no 3D Secure). */
  cardsOff: boolean;
}

/** The accounts the picker offers, in the proxy's order. */
export function offeredAccounts(
  accounts: readonly SavedPaymentAccount[],
  { types, currencies, cardsOff }: OfferFilter,
): SavedPaymentAccount[] {
  return accounts.filter(
    (account) =>
      (!types || types.includes(account.type)) &&
      !(cardsOff && account.type === "CARD") &&
      (!currencies ||
        currencies.length === 0 ||
        account.currencies.some((currency) => currencies.includes(currency))),
  );
}

/**
 * Once per picker: when the list has loaded and nothing is chosen, chooses the most recent
 * offered account (`mostRecentAccount`). It is done at the first loaded list that has a choice
 * to make, so "use another method" or a removal later never re-chooses behind the customer's
 * back; a disabled picker waits. Answers a ref to the id it chose while that is still the
 * choice (null before, and once the customer chose another).
 */
export function usePreselectMostRecent(input: {
  enabled: boolean;
  disabled: boolean;
  listLoaded: boolean;
  value: string | null;
  accounts: readonly SavedPaymentAccount[];
  choose: (id: string) => void;
}): { readonly current: string | null } {
  const { enabled, disabled, listLoaded, value, accounts, choose } = input;
  const done = useRef(false);
  const chosen = useRef<string | null>(null);
  // The customer chose another: what the picker chose is no longer the choice. (Null is no
  // choice, e.g. StrictMode's second run of the commit that preselected, before the value came.)
  useEffect(() => {
    if (value !== null && value !== chosen.current) chosen.current = null;
  }, [value]);
  useEffect(() => {
    if (!enabled || done.current || disabled || !listLoaded) return;
    if (value !== null) {
      done.current = true;
      return;
    }
    const latest = mostRecentAccount(accounts);
    if (!latest) return;
    done.current = true;
    chosen.current = latest.id;
    choose(latest.id);
  }, [enabled, disabled, listLoaded, value, accounts, choose]);
  return chosen;
}
