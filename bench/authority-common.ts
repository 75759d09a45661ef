/** What the authority measurements (bench/authority.ts) share: credentials, rounding. */

/** The simulator's client credentials: the proxies', the reconciler's, the direct reads'. */
export const CREDENTIALS = {
  clientId: "sim_client_id",
  clientSecret: "sim_client_secret",
} as const;
export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
