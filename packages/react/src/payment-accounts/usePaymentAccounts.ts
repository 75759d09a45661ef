import { useMutation, useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import type { CreatePaymentAccountBody, SavedPaymentAccount } from "../internal/client.ts";
import { PAYMENT_DATA_GC_MS, paymentAccountsQueryKey } from "../internal/query-keys.ts";
import { useDollrCheckoutContext } from "../provider/context.ts";

export interface UsePaymentAccountsOptions {
  /**
   * Whether to load the list.
   * @default true
   */
  enabled?: boolean;
  /**
   * How long a loaded list counts as fresh, in ms.
   * @default 30_000
   */
  staleTime?: number;
}

/** Where the list of saved accounts stands. */
export type PaymentAccountsStatus = "loading" | "error" | "success";

export interface UsePaymentAccountsResult {
  /** The signed-in customer's saved accounts (empty while loading or after an error). */
  accounts: SavedPaymentAccount[];
  status: PaymentAccountsStatus;
  /** The last loading error (a `DollrKitError`), or null. */
  error: Error | null;
  /** True while a request for the list is in flight (first load or refresh). */
  isFetching: boolean;
  /** Loads the list again. */
  refetch: () => void;
  /** Saves a new account through the proxy and adds it to the list; resolves with it. */
  create: (body: CreatePaymentAccountBody) => Promise<SavedPaymentAccount>;
  /** Whether a `create` is in flight, and its last error. */
  creating: { pending: boolean; error: Error | null };
  /** Removes an account (optimistically; put back if the proxy refuses). */
  remove: (id: string) => Promise<void>;
  /** Whether a `remove` is in flight, and its last error. */
  removing: { pending: boolean; error: Error | null; id: string | null };
}

const EMPTY: SavedPaymentAccount[] = [];

/**
 * The customer's saved payment accounts (react-query over the proxy's `/kit/payment-accounts`):
 * list, create, delete. The cache is shared by every part below the same provider.
 */
export function usePaymentAccounts(
  options: UsePaymentAccountsOptions = {},
): UsePaymentAccountsResult {
  const { client, clientKey, queryClient } = useDollrCheckoutContext("usePaymentAccounts");
  const queryKey = paymentAccountsQueryKey(clientKey);

  const query = useQuery(
    {
      queryKey,
      queryFn: ({ signal }) => client.listPaymentAccounts({ signal }),
      enabled: options.enabled ?? true,
      staleTime: options.staleTime ?? 30_000,
      // Names and masked numbers: gone from memory soon after the last part that shows them.
      gcTime: PAYMENT_DATA_GC_MS,
      retry: false,
    },
    queryClient,
  );

  const createMutation = useMutation(
    {
      mutationFn: (body: CreatePaymentAccountBody) => client.createPaymentAccount(body),
      // The mutation keeps its body (a phone number, a name) while it is cached.
      gcTime: PAYMENT_DATA_GC_MS,
      onSuccess: (account) => {
        queryClient.setQueryData<SavedPaymentAccount[]>(queryKey, (old) => [
          ...(old ?? []).filter((existing) => existing.id !== account.id),
          account,
        ]);
      },
    },
    queryClient,
  );

  const removeMutation = useMutation(
    {
      mutationFn: async (id: string) => {
        await client.deletePaymentAccount(id);
      },
      onMutate: async (id: string) => {
        await queryClient.cancelQueries({ queryKey });
        const previous = queryClient.getQueryData<SavedPaymentAccount[]>(queryKey);
        queryClient.setQueryData<SavedPaymentAccount[]>(queryKey, (old) =>
          (old ?? []).filter((account) => account.id !== id),
        );
        return { previous };
      },
      onError: (_error, _id, context) => {
        if (context?.previous) queryClient.setQueryData(queryKey, context.previous);
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey }),
    },
    queryClient,
  );

  const { refetch } = query;
  const { mutateAsync: createAsync } = createMutation;
  const { mutateAsync: removeAsync } = removeMutation;

  return {
    accounts: query.data ?? EMPTY,
    status: query.status === "pending" ? "loading" : query.status,
    error: query.error,
    isFetching: query.isFetching,
    refetch: useCallback(() => void refetch(), [refetch]),
    create: createAsync,
    creating: { pending: createMutation.isPending, error: createMutation.error },
    remove: removeAsync,
    removing: {
      pending: removeMutation.isPending,
      error: removeMutation.error,
      id: removeMutation.isPending ? (removeMutation.variables ?? null) : null,
    },
  };
}
