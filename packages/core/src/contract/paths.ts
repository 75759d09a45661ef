/** The contract's routes (relative to the proxy's base URL) and its body size limit. */

/** Every route of the contract, relative to the proxy's base URL (e.g. `/api/dollr`). */
export const CONTRACT_PATHS = Object.freeze({
  /** `GET`: the kit's config (`KitConfig`). */
  config: "/kit/config",
  /** `GET` lists, `POST` adds the signed-in customer's saved payment accounts. */
  paymentAccounts: "/kit/payment-accounts",
  /** `POST`: a checkout session for a source (Dollr's). */
  checkoutSession: "/v1/sessions/checkout",
  /** `POST`: execute a collection (Dollr's). */
  executeCollection: "/v1/executions/collection",
  /** `GET /v1/status/collection/{reference_id}` (Dollr's); see `collectionStatusPath`. */
  collectionStatusPrefix: "/v1/status/collection/",
  /** `GET ?source_type=&source_id=`: an invoice's or order's status (Dollr's). */
  sourceStatus: "/v1/status/source",
  /** `GET ?phone=`: the operator of a mobile-money number (Dollr's). */
  mmoProviderInfo: "/v1/predictions/mmo-provider-info",
  /** `POST`: a payout session (payouts on only). */
  payoutSession: "/v1/sessions/payout",
  /** `POST`: execute a payout (payouts on only). */
  executePayout: "/v1/executions/payout",
  /** `GET /v1/status/payout/{reference_id}` (payouts on only). */
  payoutStatusPrefix: "/v1/status/payout/",
  /** `GET`: what the payer pays for a source with a method (Dollr's). */
  sourceFees: "/v1/predictions/payment-source/amount-and-fees",
} as const);

/** `DELETE` path of one saved payment account. */
export function paymentAccountPath(id: string): string {
  return `${CONTRACT_PATHS.paymentAccounts}/${encodeURIComponent(id)}`;
}

/** `GET` path of a collection's status. */
export function collectionStatusPath(referenceId: string): string {
  return `${CONTRACT_PATHS.collectionStatusPrefix}${encodeURIComponent(referenceId)}`;
}

/** The largest request body the contract accepts, in bytes (16 KiB); more is a 413. */
export const MAX_REQUEST_BODY_BYTES = 16 * 1024;
