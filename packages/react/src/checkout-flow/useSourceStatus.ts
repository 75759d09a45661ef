import { type CheckoutSource, isDollrKitError } from "@dollr-kit/core/internal";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { sourceStatusQueryKey } from "../internal/query-keys.ts";
import type { DollrCheckoutContextValue } from "../provider/context.ts";

/**
 * Why the proxy will not let this customer pay the source, said before Pay: `forbidden` (403:
 * not theirs to pay, or an id the merchant's server does not know) or `not_found` (404).
 */
export type SourceRefusal = "forbidden" | "not_found";

/**
 * The source's status through the proxy: its total and currency, whether it is still being read
 * (Pay waits for the amount), and the proxy's refusal, reported once to `onRefused`. Other
 * failures (network, 5xx) leave Pay to the engine, which has its own recovery.
 */
export function useSourceStatus(
  { client, clientKey, queryClient }: DollrCheckoutContextValue,
  source: CheckoutSource,
  onRefused: (reason: SourceRefusal) => void,
): {
  total: { total: string; currency: string } | null;
  pending: boolean;
  refused: SourceRefusal | null;
} {
  const { data, error, isPending } = useQuery(
    {
      // The return page reads the same entry.
      queryKey: sourceStatusQueryKey(clientKey, source.type, source.id),
      queryFn: ({ signal }) =>
        client.getSourceStatus({ source_type: source.type, source_id: source.id }, { signal }),
      staleTime: 60_000,
      retry: false,
    },
    queryClient,
  );
  const code = isDollrKitError(error) ? error.code : null;
  const refused: SourceRefusal | null =
    code === "FORBIDDEN" ? "forbidden" : code === "NOT_FOUND" ? "not_found" : null;
  // Once per source and refusal (a ref, so StrictMode's second mount does not report it again).
  const reported = useRef("");
  const key = refused ? `${source.type}:${source.id}:${refused}` : "";
  useEffect(() => {
    if (!refused || reported.current === key) return;
    reported.current = key;
    onRefused(refused);
  }, [refused, key, onRefused]);
  return {
    total: data ? { total: data.total_amount, currency: data.currency } : null,
    pending: isPending,
    refused,
  };
}
