/**
 * The store conformance suite: the rules every `AttemptStore` + `AccountStore` pair must keep
 * for the proxy's guarantees to hold (idempotent, atomic `createAttempt`; one holding attempt
 * per source; exact settlement moves; exclusive `claimDue` leases; atomic single-use binding;
 * records that round-trip unchanged; rate-limit windows counted atomically; one cart checkout
 * per order reference). The memory, PGlite and PostgreSQL stores all pass it; a
 * merchant with their own store runs it the same way, with any test framework or none:
 *
 * ```ts
 * import { runStoreConformance } from "@dollr-kit/server/postgres";
 * const results = await runStoreConformance(async () => {
 *   await truncateMyTables();
 *   return { attempts: myAttemptStore(pool), accounts: myAccountStore(pool), limits: myLimits(pool),
 *            second: { attempts: myAttemptStore(pool2), accounts: myAccountStore(pool2) } };
 * });
 * if (results.some((r) => !r.ok)) process.exitCode = 1;
 * ```
 *
 * Each case is `{ name, run(factory) }` and throws when the store breaks its rule.
 */
import { ACCOUNT_CASES } from "./store-cases/accounts.ts";
import { CHECKOUT_CASES } from "./store-cases/checkouts.ts";
import { CLAIM_CASES } from "./store-cases/claim.ts";
import { CREATE_CASES } from "./store-cases/create.ts";
import { LIMIT_CASES } from "./store-cases/limits.ts";
import { RECORD_CASES } from "./store-cases/records.ts";
import { SETTLE_CASES } from "./store-cases/settle.ts";
import type { StoreCase, StoreFactory } from "./store-cases/support.ts";

export {
  type StoreCase,
  StoreConformanceError,
  type StoreFactory,
  type StoreFixture,
  type StorePair,
} from "./store-cases/support.ts";

/** Every case, in a sensible order. */
export const STORE_CASES: readonly StoreCase[] = Object.freeze([
  ...CREATE_CASES,
  ...SETTLE_CASES,
  ...CLAIM_CASES,
  ...RECORD_CASES,
  ...ACCOUNT_CASES,
  ...LIMIT_CASES,
  ...CHECKOUT_CASES,
]);

/** The outcome of one case. */
export interface StoreCaseResult {
  name: string;
  ok: boolean;
  /** Why it failed. */
  error?: string;
  ms: number;
}

/** Runs the cases (all, or those whose name contains one of `only`) one after another. */
export async function runStoreConformance(
  factory: StoreFactory,
  options: { only?: string[]; onResult?: (result: StoreCaseResult) => void } = {},
): Promise<StoreCaseResult[]> {
  const { only } = options;
  const cases = only
    ? STORE_CASES.filter((c) => only.some((o) => c.name.includes(o)))
    : STORE_CASES;
  const results: StoreCaseResult[] = [];
  for (const testCase of cases) {
    const started = performance.now();
    let result: StoreCaseResult;
    try {
      await testCase.run(factory);
      result = { name: testCase.name, ok: true, ms: performance.now() - started };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result = { name: testCase.name, ok: false, error: message, ms: performance.now() - started };
    }
    results.push(result);
    options.onResult?.(result);
  }
  return results;
}
