/**
 * How long an unused query that holds the customer's payment data (saved accounts, an operator
 * prediction) stays in the cache: short, so it does not linger after the checkout is gone.
 */
export const PAYMENT_DATA_GC_MS = 30_000;

// A phone number never goes into a query key (devtools, persisted caches, logs read keys): each
// number gets a random token, kept in this page's memory only. Equal numbers share a token, so
// their lookups still dedupe; a new page gets new tokens, so a persisted key means nothing.
const phoneTokens = new Map<string, string>();
const MAX_PHONE_TOKENS = 50;
const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** Letters only, so a token never holds a run of digits that could be read as a number. */
function randomLetters(length: number): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => LETTERS[byte % LETTERS.length]).join("");
}

/** The opaque token that stands for `phone` in query keys (the same one for as long as the page lives). */
export function phoneToken(phone: string): string {
  let token = phoneTokens.get(phone);
  if (token === undefined) {
    // Oldest first out: a page that sees many numbers keeps the memory bounded.
    if (phoneTokens.size >= MAX_PHONE_TOKENS) {
      const oldest = phoneTokens.keys().next().value;
      if (oldest !== undefined) phoneTokens.delete(oldest);
    }
    token = `phone-${randomLetters(16)}`;
    phoneTokens.set(phone, token);
  }
  return token;
}

// One function per key (gathered in `kitQueryKeys` for apps), so a page keeps only the keys it
// uses: the phone token, for one, only where an operator is predicted.

const allQueryKey = (clientKey: string) => ["dollr-kit", clientKey] as const;
export const configQueryKey = (clientKey: string) => ["dollr-kit", clientKey, "config"] as const;
export const paymentAccountsQueryKey = (clientKey: string) =>
  ["dollr-kit", clientKey, "payment-accounts"] as const;

/** An operator prediction: the phone is in the key as an opaque token (`phoneToken`). */
export const providerQueryKey = (clientKey: string, phone: string) =>
  ["dollr-kit", clientKey, "mmo-provider", phoneToken(phone)] as const;

export const feesQueryKey = (
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
  ] as const;

export const statusQueryKey = (clientKey: string, operation: string, referenceId: string) =>
  ["dollr-kit", clientKey, "status", operation, referenceId] as const;

/**
 * A source's status (`GET /v1/status/source`): the checkout's source read and the return page
 * share this entry, so one page asks once.
 */
export const sourceStatusQueryKey = (clientKey: string, type: string, id: number) =>
  ["dollr-kit", clientKey, "source", type, id] as const;

/** A paid source's receipt. */
export const receiptQueryKey = (clientKey: string, type: string, id: number) =>
  ["dollr-kit", clientKey, "receipt", type, id] as const;

/** The link to Dollr's own receipt page of a source. */
export const receiptLinkQueryKey = (clientKey: string, type: string, id: number) =>
  ["dollr-kit", clientKey, "receipt-link", type, id] as const;

/**
 * Every query key the kit uses starts with `["dollr-kit", clientKey]`, so two providers with two
 * clients never share cache entries, and `queryClient.invalidateQueries({ queryKey: ["dollr-kit"] })`
 * refreshes everything of the kit's.
 */
export const kitQueryKeys = {
  all: allQueryKey,
  config: configQueryKey,
  paymentAccounts: paymentAccountsQueryKey,
  provider: providerQueryKey,
  fees: feesQueryKey,
  status: statusQueryKey,
  sourceStatus: sourceStatusQueryKey,
  receipt: receiptQueryKey,
  receiptLink: receiptLinkQueryKey,
};
