/**
 * Taking a request's rate limits: one round trip to the shared store for every counter the
 * request takes (none for status polls: those are counted in this instance's memory). A store
 * that fails does not stop payments: the request goes on and the failure is logged.
 */
import type { Answer } from "../http.ts";
import { describeError, type SafeLogger } from "../logging.ts";
import type { DollrCustomer } from "../options.ts";
import { type RateLimitStore, type RateLimitTake, takeAll } from "./rate-limit-store.ts";
import {
  customerKey,
  type RateLimitName,
  type ResolvedRateLimits,
  rateLimited,
  ruleFor,
} from "./rules.ts";

/** What the proxy holds for its limits. */
export interface ProxyLimits {
  resolved: ResolvedRateLimits;
  /** The counters shared by every instance (the `limits` option). */
  store: RateLimitStore;
  /** This instance's counters for status polls (no database round trip). */
  polls: RateLimitStore;
}

const WHAT: Record<RateLimitName, string> = {
  lookups: "number lookups",
  accountCreations: "saved payment accounts added",
  sessions: "checkout sessions",
  executes: "payments",
  promptsPerPhone: "payment prompts to this phone number",
  polls: "status reads",
};

/** One counter a request takes: its rule's name, and its key (default: the customer's). */
export interface LimitItem {
  name: RateLimitName;
  key?: string;
}

/** Counts the request against each item; a 429 answer when one is over its limit, else null. */
export async function takeLimits(
  limits: ProxyLimits,
  customer: DollrCustomer,
  now: number,
  log: SafeLogger,
  items: readonly LimitItem[],
): Promise<Answer | null> {
  const takes: (RateLimitTake & { name: RateLimitName })[] = [];
  for (const item of items) {
    const rule = ruleFor(limits.resolved, item.name, customer);
    if (rule)
      takes.push({
        name: item.name,
        key: item.key ?? customerKey(item.name, customer.id),
        ...rule,
      });
  }
  if (takes.length === 0) return null;
  const store = takes.every((t) => t.name === "polls") ? limits.polls : limits.store;
  let decisions: Awaited<ReturnType<typeof takeAll>>;
  try {
    decisions = await takeAll(
      store,
      takes.map(({ key, limit, windowMs }) => ({ key, limit, windowMs })),
      now,
    );
  } catch (error) {
    log.error("rate_limit.store_failed", describeError(error));
    return null;
  }
  for (const [i, decision] of decisions.entries()) {
    if (decision.allowed) continue;
    const name = (takes[i] as { name: RateLimitName }).name;
    // The rule's name only: keys hold customer ids and phone hashes.
    log.info("rate_limit.refused", { rule: name, retry_after_ms: decision.retryAfterMs });
    return rateLimited(decision, WHAT[name]);
  }
  return null;
}
