/**
 * The proxy's rate limits: which requests are counted, under which key, and how many a window
 * allows. On by default (`DEFAULT_RATE_LIMITS`); `rateLimits` changes the numbers (`null` turns
 * one off, `false` all of them), `rateLimits.override` decides per customer, and `limits` is the
 * counter store (shared across instances: `createPostgresStores(client).limits`).
 *
 * Status polls are counted in this instance's memory only: the proxy's busiest route must not
 * wait on the database for a limit (an unchanged poll costs no round trip at all).
 */
import { type Answer, problem } from "../http.ts";
import type { DollrCustomer } from "../options.ts";
import type { RateLimitDecision } from "./rate-limit-store.ts";

/** A number of requests per window. */
export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

/** The counted request kinds. */
export type RateLimitName =
  /** `GET /v1/predictions/mmo-provider-info`: a paid lookup, per customer. */
  | "lookups"
  /** `POST /kit/payment-accounts` (wallets and cards: two Dollr calls each), per customer. */
  | "accountCreations"
  /** `POST /v1/sessions/checkout`, per customer. */
  | "sessions"
  /** `POST /v1/executions/collection`, per customer. */
  | "executes"
  /** Executes to one mobile-money number (payment prompts on a phone), any customer. */
  | "promptsPerPhone"
  /** Status and fee reads (`GET /v1/status/…`, `amount-and-fees`), per customer, per instance. */
  | "polls";

/** Every rule, and the cap on a customer's usable saved accounts. */
export interface RateLimitRules extends Record<RateLimitName, RateLimitRule | null> {
  /** At most this many usable saved accounts per customer (409 `ACCOUNT_LIMIT` past it). */
  maxSavedAccounts: number | null;
}

/** The `rateLimits` option: numbers over the defaults, and a per-customer decision. */
export interface RateLimitOptions extends Partial<RateLimitRules> {
  /**
   * Decides a rule for one customer (a trusted account, a staff tester): a rule, `null` for
   * none, or `undefined` for the configured one. Called on every counted request: keep it cheap.
   */
  override?(
    name: RateLimitName,
    customer: DollrCustomer,
    rule: RateLimitRule | null,
  ): RateLimitRule | null | undefined;
}

const MINUTE = 60_000;

/** The defaults (README "Limits"): far above one honest shopper, far below a script. */
export const DEFAULT_RATE_LIMITS: Readonly<RateLimitRules> = Object.freeze({
  lookups: { limit: 30, windowMs: 10 * MINUTE },
  accountCreations: { limit: 20, windowMs: 10 * MINUTE },
  sessions: { limit: 30, windowMs: 10 * MINUTE },
  executes: { limit: 20, windowMs: 10 * MINUTE },
  promptsPerPhone: { limit: 10, windowMs: 60 * MINUTE },
  polls: { limit: 300, windowMs: MINUTE },
  maxSavedAccounts: 20,
});

/** Rules with the option applied. */
export interface ResolvedRateLimits {
  rules: RateLimitRules;
  override: RateLimitOptions["override"];
}

const NAMES: readonly RateLimitName[] = [
  "lookups",
  "accountCreations",
  "sessions",
  "executes",
  "promptsPerPhone",
  "polls",
];

/** The option over the defaults; throws (via `fail`) on a rule that cannot work. */
export function resolveRateLimits(
  option: RateLimitOptions | false | undefined,
  fail: (message: string) => Error,
): ResolvedRateLimits {
  if (option === false) {
    const off = Object.fromEntries(NAMES.map((n) => [n, null])) as unknown as RateLimitRules;
    return { rules: { ...off, maxSavedAccounts: null }, override: undefined };
  }
  const { override, ...numbers } = option ?? {};
  const rules = { ...DEFAULT_RATE_LIMITS, ...numbers } as RateLimitRules;
  for (const name of NAMES) {
    const rule = rules[name];
    if (rule === null) continue;
    const ok =
      typeof rule === "object" &&
      Number.isInteger(rule.limit) &&
      rule.limit > 0 &&
      Number.isFinite(rule.windowMs) &&
      rule.windowMs >= 1000;
    if (!ok)
      throw fail(`rateLimits.${name} must be { limit: integer > 0, windowMs >= 1000 } or null`);
  }
  const cap = rules.maxSavedAccounts;
  if (cap !== null && !(Number.isInteger(cap) && cap > 0)) {
    throw fail("rateLimits.maxSavedAccounts must be an integer > 0 or null");
  }
  if (override !== undefined && typeof override !== "function") {
    throw fail("rateLimits.override must be a function");
  }
  return { rules, override };
}

/** The rule for one customer, after the override. */
export function ruleFor(
  limits: ResolvedRateLimits,
  name: RateLimitName,
  customer: DollrCustomer,
): RateLimitRule | null {
  const rule = limits.rules[name];
  if (!limits.override) return rule;
  const decided = limits.override(name, customer, rule);
  return decided === undefined ? rule : decided;
}

/** A customer's counter key (the route's name and the merchant's customer id). */
export function customerKey(name: RateLimitName, customerId: string): string {
  return `${name}:c:${customerId}`;
}

const encoder = new TextEncoder();
const hmacKeys = new Map<string, Promise<CryptoKey>>();

/**
 * A phone number's counter key: an HMAC of the number under the merchant's client secret, so a
 * counter table or a log line never holds a number (and its hash cannot be looked up offline).
 */
export async function phoneKey(phone: string, secret: string): Promise<string> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      encoder.encode(`dollr-kit rate limit:${secret}`),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    hmacKeys.set(secret, key);
  }
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await key, encoder.encode(phone)));
  let hex = "";
  for (const byte of mac.subarray(0, 16)) hex += byte.toString(16).padStart(2, "0");
  return `promptsPerPhone:p:${hex}`;
}

/** `429 RATE_LIMITED` with `Retry-After` (whole seconds, at least 1). */
export function rateLimited(decision: RateLimitDecision, what: string): Answer {
  const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  return {
    ...problem(429, "RATE_LIMITED", `Too many ${what}: try again in ${seconds} s`),
    headers: { "retry-after": String(seconds) },
  };
}
