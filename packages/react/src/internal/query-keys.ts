/**
 * Every query key the kit uses starts with `["dollr-kit", clientKey]`, so two providers with two
 * clients never share cache entries, and `queryClient.invalidateQueries({ queryKey: ["dollr-kit"] })`
 * refreshes everything of the kit's.
 */
export const kitQueryKeys = {
  all: (clientKey: string) => ["dollr-kit", clientKey] as const,
  config: (clientKey: string) => ["dollr-kit", clientKey, "config"] as const,
  paymentAccounts: (clientKey: string) => ["dollr-kit", clientKey, "payment-accounts"] as const,
  provider: (clientKey: string, phone: string) =>
    ["dollr-kit", clientKey, "mmo-provider", phone] as const,
  fees: (
    clientKey: string,
    query: {
      source_type: string;
      source_id: number;
      target_currency: string;
      payment_method: string;
      provider: string;
    },
  ) =>
    [
      "dollr-kit",
      clientKey,
      "fees",
      query.source_type,
      query.source_id,
      query.target_currency,
      query.payment_method,
      query.provider,
    ] as const,
  status: (clientKey: string, operation: string, referenceId: string) =>
    ["dollr-kit", clientKey, "status", operation, referenceId] as const,
};
