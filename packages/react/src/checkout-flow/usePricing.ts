/**
 * The chosen method and what it costs: the saved accounts, the merchant's currencies, the
 * source's total (and whether the proxy lets this customer pay it), the fee for the chosen
 * method, and the payer currency.
 */
import {
  attemptOf,
  type CheckoutEngine,
  type CheckoutSource,
  type CheckoutState,
} from "@dollr-kit/core/internal";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import type { SavedPaymentAccount } from "../internal/client.ts";
import { feesQueryKey } from "../internal/query-keys.ts";
import { useKitConfig } from "../internal/use-kit-config.ts";
import { usePaymentAccounts } from "../payment-accounts/usePaymentAccounts.ts";
import type { DollrCheckoutContextValue } from "../provider/context.ts";
import { type CheckoutSummary, summarise } from "./summary.ts";
import type { FeeState } from "./types.ts";
import { type SourceRefusal, useSourceStatus } from "./useSourceStatus.ts";

/** The chosen account: the engine's choice, else the (open or paused) attempt's. */
export function accountIdOf(state: CheckoutState): { id: string; currency: string } | null {
  const current = state.kind === "recoverable" ? state.resume : state;
  if ("account" in current) return current.account;
  const attempt = attemptOf(current);
  return attempt ? { id: attempt.paymentAccountId, currency: attempt.currency } : null;
}

/** The account's currencies the merchant offers (all of them when the merchant names none). */
function allowedCurrencies(account: SavedPaymentAccount, offered: readonly string[] | null) {
  return account.currencies.filter(
    (currency) => !offered || offered.length === 0 || offered.includes(currency),
  );
}

/** The payer currency for an account: the source's if the account takes it, else the first allowed. */
export function pickCurrency(
  account: SavedPaymentAccount,
  sourceCurrency: string | null,
  offered: readonly string[] | null,
): string | null {
  const allowed = allowedCurrencies(account, offered);
  const options = allowed.length > 0 ? allowed : account.currencies;
  if (sourceCurrency && options.includes(sourceCurrency)) return sourceCurrency;
  return options[0] ?? sourceCurrency;
}

export interface Pricing {
  chosen: { id: string; currency: string } | null;
  account: SavedPaymentAccount | null;
  currencyOptions: string[];
  selectAccount: (account: SavedPaymentAccount | null, currency?: string) => void;
  selectCurrency: (currency: string) => void;
  summary: CheckoutSummary;
  feeState: FeeState;
  sourcePending: boolean;
  sourceRefused: SourceRefusal | null;
}

export function usePricing(
  context: DollrCheckoutContextValue,
  engine: CheckoutEngine,
  state: CheckoutState,
  source: CheckoutSource,
  emit: (event: import("./types.ts").CheckoutFlowEvent) => void,
): Pricing {
  const { client, clientKey, queryClient, locale } = context;
  const { accounts } = usePaymentAccounts();
  const config = useKitConfig(context);
  const sourceStatus = useSourceStatus(
    context,
    source,
    useCallback((reason: SourceRefusal) => emit({ type: "source_refused", reason }), [emit]),
  );
  const sourceTotal = sourceStatus.total;

  const chosen = accountIdOf(state);
  const account = chosen
    ? (accounts.find((candidate) => candidate.id === chosen.id) ?? null)
    : null;
  const offered = config.data?.currencies ?? null;
  const currencyOptions = account ? allowedCurrencies(account, offered) : [];

  const feeQuery =
    account && chosen
      ? {
          source_type: source.type,
          source_id: source.id,
          target_currency: chosen.currency,
          payment_method: account.method,
          provider: account.provider,
        }
      : null;
  const fees = useQuery(
    {
      queryKey: feeQuery
        ? feesQueryKey(clientKey, feeQuery)
        : ["dollr-kit", clientKey, "fees", "none"],
      queryFn: ({ signal }) => {
        if (!feeQuery) throw new Error("No payment method chosen");
        return client.predictSourceFees(feeQuery, { signal });
      },
      enabled: feeQuery !== null,
      staleTime: 60_000,
      retry: false,
    },
    queryClient,
  );
  const feeState: FeeState = !feeQuery
    ? "idle"
    : fees.isPending
      ? "loading"
      : fees.isError
        ? "error"
        : "success";
  const summary = summarise(
    sourceTotal,
    feeState === "success" ? (fees.data ?? null) : null,
    locale,
  );

  const sourceCurrency = sourceTotal?.currency ?? null;
  // An account chosen before the source's currency was known got a provisional currency.
  const provisional = useRef<string | null>(null);
  const selectAccount = useCallback(
    (next: SavedPaymentAccount | null, currency?: string) => {
      if (!next) {
        engine.cancel();
        return;
      }
      const payerCurrency = currency ?? pickCurrency(next, sourceCurrency, offered);
      if (!payerCurrency) return;
      provisional.current = currency === undefined && sourceCurrency === null ? next.id : null;
      engine.selectAccount({ id: next.id, currency: payerCurrency });
      emit({ type: "account_selected", accountType: next.type, currency: payerCurrency });
    },
    [engine, emit, sourceCurrency, offered],
  );
  const selectCurrency = useCallback(
    (currency: string) => {
      if (account) selectAccount(account, currency);
    },
    [account, selectAccount],
  );

  // Once the source's currency is known, a provisional choice prefers it (no FX).
  useEffect(() => {
    if (state.kind !== "selecting" || !state.account || !account || sourceCurrency === null) return;
    if (provisional.current !== account.id) return;
    provisional.current = null;
    const best = pickCurrency(account, sourceCurrency, offered);
    if (best && best !== state.account.currency) {
      engine.selectAccount({ id: account.id, currency: best });
    }
  }, [state, account, sourceCurrency, offered, engine]);

  return {
    chosen,
    account,
    currencyOptions,
    selectAccount,
    selectCurrency,
    summary,
    feeState,
    sourcePending: sourceStatus.pending,
    sourceRefused: sourceStatus.refused,
  };
}
