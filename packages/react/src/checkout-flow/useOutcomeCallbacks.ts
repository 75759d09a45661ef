/**
 * Tells the host of each outcome once: `onSuccess` and `onFailure` once per attempt outcome, also
 * across reloads and tabs (the engine's ledger remembers it told the host), `onAlreadyPaid` once
 * per page. A stored success shown again after a reload calls nothing.
 */
import type { CheckoutEngine, CheckoutSource, CheckoutState } from "@dollr-kit/core/internal";
import type { QueryClient } from "@tanstack/react-query";
import { type RefObject, useEffect, useRef } from "react";
import { paymentAccountsQueryKey } from "../internal/query-keys.ts";
import { failureDetail } from "./flow-words.ts";
import type { CheckoutFlowCallbacks } from "./types.ts";

export function useOutcomeCallbacks(
  engine: CheckoutEngine,
  state: CheckoutState,
  source: CheckoutSource,
  callbacks: RefObject<CheckoutFlowCallbacks>,
  queryClient: QueryClient,
  clientKey: string,
): void {
  // Outcomes with no attempt of this page's (nothing sent, or another device paid) are told
  // once per page: the ledger has no record to remember them by.
  const toldHere = useRef<string | null>(null);
  useEffect(() => {
    const host = callbacks.current;
    if (state.kind === "succeeded") {
      if (!engine.claimOutcomeNotice(state.attempt.referenceId)) return;
      host.onSuccess?.({
        referenceId: state.attempt.referenceId,
        source: { ...source },
        status: state.execution?.raw ?? state.attempt.lastStatus,
        payerAmount: state.execution?.payerAmount ?? null,
        payerCurrency: state.execution?.payerCurrency ?? state.attempt.currency,
      });
    } else if (state.kind === "failed") {
      const referenceId = state.attempt?.referenceId ?? null;
      if (referenceId !== null) {
        if (!engine.claimOutcomeNotice(referenceId)) return;
      } else {
        const key = `failed:${state.reason}:${state.error?.code ?? ""}`;
        if (toldHere.current === key) return;
        toldHere.current = key;
      }
      host.onFailure?.({
        referenceId,
        source: { ...source },
        reason: state.reason,
        status: state.execution?.raw ?? null,
        message: failureDetail(state),
        errorCode: state.error?.code ?? null,
      });
      // The used card is no longer offered (the proxy lists only usable accounts).
      if (state.reason === "card_used") {
        void queryClient.invalidateQueries({ queryKey: paymentAccountsQueryKey(clientKey) });
      }
    } else if (state.kind === "already_paid") {
      const key = `already_paid:${state.referenceId}`;
      if (toldHere.current === key) return;
      toldHere.current = key;
      host.onAlreadyPaid?.({
        source: { ...source },
        referenceId: state.referenceId,
        status: state.execution?.raw ?? null,
        paidAt: state.paidAt,
      });
    } else if (state.kind === "selecting") {
      toldHere.current = null;
    }
  }, [engine, state, source, callbacks, queryClient, clientKey]);
}
