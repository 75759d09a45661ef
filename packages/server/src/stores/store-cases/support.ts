/**
 * What the store conformance cases share: their types, assertions that throw (no test framework
 * needed), record builders and hostile strings. Nothing here uses Node: a merchant can run the
 * suite wherever their store runs.
 */
import type { SourceRef } from "@dollr-kit/core/internal";
import type { RateLimitStore } from "../../limits/rate-limit-store.ts";
import type { AccountStore, StoredPaymentAccount } from "../account-store.ts";
import {
  type AttemptRecord,
  type AttemptStore,
  freshAttemptFields,
  type SessionRecord,
} from "../attempt-store.ts";
import type { CheckoutStore } from "../checkout-store.ts";

/** The two stores the proxy takes. */
export interface StorePair {
  attempts: AttemptStore;
  accounts: AccountStore;
  /** The rate-limit counters (the `limits:` cases fail without them). */
  limits?: RateLimitStore;
  /** Cart checkouts (the `checkouts:` cases fail without them). */
  checkouts?: CheckoutStore;
}

/** What a factory hands one case. */
export interface StoreFixture extends StorePair {
  /**
   * The same data through a second connection (a second pool on the same database), as a second
   * proxy instance would see it. Cases that race two writers send half of the writes here;
   * without it (memory, PGlite: one process, one connection) they race on the one store.
   */
  second?: StorePair;
  /** Called when the case is over (close pools). */
  close?(): Promise<void>;
}

/**
 * Makes stores for one case. Stores must start empty: `claimDue` cases count every due
 * attempt in the store.
 */
export type StoreFactory = () => Promise<StoreFixture>;

/** One conformance case: throws (a `StoreConformanceError`) when the store breaks the rule. */
export interface StoreCase {
  name: string;
  run(factory: StoreFactory): Promise<void>;
}

export class StoreConformanceError extends Error {
  override readonly name = "StoreConformanceError";
}

export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new StoreConformanceError(message);
}

/** Throws unless `actual` and `expected` are the same plain data (key order aside). */
export function same(actual: unknown, expected: unknown, what: string): void {
  const difference = differ(actual, expected, "");
  if (difference !== null) {
    throw new StoreConformanceError(`${what}: differs at ${difference}`);
  }
}

function differ(a: unknown, b: unknown, path: string): string | null {
  if (Object.is(a, b)) return null;
  const shown = (v: unknown) =>
    typeof v === "string" ? JSON.stringify(v.slice(0, 60)) : String(v);
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    return `${path || "(value)"}: got ${shown(a)}, expected ${shown(b)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path || "(value)"}: array vs object`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const found = differ(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      `${path}.${key}`,
    );
    if (found !== null) return found;
  }
  return null;
}

/** A point in a fixed timeline (no wall clock): `at(0)` is 2030-01-01T00:00:00.000Z. */
export function at(offsetMs: number): string {
  return new Date(Date.UTC(2030, 0, 1) + offsetMs).toISOString();
}

let sourceCounter = Math.floor(Math.random() * 1e9);
/** A source no other case uses (stores may be shared between runs). */
export function freshSource(type: SourceRef["source_type"] = "INVOICE"): SourceRef {
  sourceCounter += 1;
  return { source_type: type, source_id: 1_000_000 + sourceCounter };
}

export function uuid(): string {
  return crypto.randomUUID();
}

/** Strings a store must keep exactly (no NUL: PostgreSQL text cannot hold it). */
export const HOSTILE_STRINGS: readonly string[] = Object.freeze([
  'O\'Brien "quoted" `back`',
  "'; DROP TABLE dollr_kit.attempts; --",
  "Robert'); DELETE FROM accounts WHERE ('1'='1",
  "Ünïcødé 🙂 中文 עברית ﷽",
  "back\\slash \\N \\x00 $1 $$ %_",
  "line\nbreak\ttab\r\n",
  '{"a","b"} NULL',
  "",
  "  spaces  ",
  "x".repeat(1000),
]);

export function attemptRecord(overrides: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    referenceId: uuid(),
    operation: "COLLECTION",
    customerId: "customer-1",
    sessionId: "41",
    source: freshSource(),
    paymentAccountId: "7",
    currency: "USD",
    createdAt: at(0),
    updatedAt: at(0),
    status: null,
    statusCheckedAt: null,
    httpStatus: null,
    ambiguous: false,
    ...freshAttemptFields(),
    ...overrides,
  };
}

export function sessionRecord(overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    sessionId: uuid(),
    operation: "COLLECTION",
    customerId: "customer-1",
    source: freshSource(),
    createdAt: at(0),
    expiresAt: at(15 * 60_000),
    ...overrides,
  };
}

export function accountRecord(overrides: Partial<StoredPaymentAccount> = {}): StoredPaymentAccount {
  return {
    id: uuid(),
    customerId: "customer-1",
    type: "MOBILE_MONEY",
    accountName: "My MTN",
    provider: "PAWAPAY",
    method: "MTN_MOMO_LBR",
    currencies: ["USD", "LRD"],
    countryCode: "LR",
    accountNumber: "231880000000",
    operator: "MTN Liberia",
    brand: null,
    last4: null,
    singleUse: false,
    usedByReferenceId: null,
    createdAt: at(0),
    ...overrides,
  };
}

/** Runs `count` calls at once, alternating between the fixture's two connections. */
export function race<T>(
  fixture: StoreFixture,
  count: number,
  call: (stores: StorePair, index: number) => Promise<T>,
): Promise<T[]> {
  const second = fixture.second ?? fixture;
  return Promise.all(
    Array.from({ length: count }, (_, i) => call(i % 2 === 0 ? fixture : second, i)),
  );
}

/** A case that gets one fixture and always releases it. */
export function withFixture(
  name: string,
  body: (fixture: StoreFixture) => Promise<void>,
): StoreCase {
  return {
    name,
    async run(factory) {
      const fixture = await factory();
      try {
        await body(fixture);
      } finally {
        await fixture.close?.();
      }
    },
  };
}
