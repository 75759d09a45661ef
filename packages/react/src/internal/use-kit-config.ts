/** The proxy's `/kit/config`, read once per client and shared by every part that needs it. */
import { useQuery } from "@tanstack/react-query";
import type { DollrCheckoutContextValue } from "../provider/context.ts";
import { configQueryKey } from "./query-keys.ts";

export function useKitConfig({ client, clientKey, queryClient }: DollrCheckoutContextValue) {
  return useQuery(
    {
      queryKey: configQueryKey(clientKey),
      queryFn: ({ signal }) => client.getConfig({ signal }),
      staleTime: Number.POSITIVE_INFINITY,
      retry: false,
    },
    queryClient,
  );
}
