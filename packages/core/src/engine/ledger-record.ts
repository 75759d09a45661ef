/**
 * What the attempt ledger stores: one record per source, a list of attempts, each read back
 * field by field (a record another version wrote, or a damaged one, is never half-trusted).
 */
import { SOURCE_TYPES } from "../contract.ts";
import { isRecord } from "../internal/is-record.ts";
import type { CheckoutSource } from "./types.ts";

/** Bumped when the stored shape changes; older versions are read as corrupt and backed up. */
export const LEDGER_VERSION = 1;
/** Every key the ledger writes starts with this. */
export const LEDGER_KEY_PREFIX = `dollr-kit:v${LEDGER_VERSION}:attempts:`;
/** How many closed attempts are kept per source (the latest decides what a reload shows). */
export const CLOSED_ATTEMPTS_KEPT = 5;

/**
 * Where an attempt stands. `open` and `unverified` can change; the others are final (see
 * `replay`). `unverified`: a reference id salvaged from a record the ledger could not read; it
 * counts as open (it may have moved money) until status says what it is. `left`: the customer
 * chose another method once status and the session's expiry said it was safe.
 */
export type AttemptOutcome = "open" | "unverified" | "succeeded" | "failed" | "not_landed" | "left";

/** Outcomes in which an attempt may still move money: a new attempt waits on it. */
export const PENDING_OUTCOMES: readonly AttemptOutcome[] = ["open", "unverified"];

/** One execute attempt: everything needed to verify it or to replay it byte for byte. */
export interface Attempt {
  /** The idempotency key, UUID v4, minted before the first execute. */
  referenceId: string;
  /** The invoice or order paid. */
  source: CheckoutSource;
  /** Dollr's checkout session id, as a string (the execute payload's type). */
  sessionId: string;
  /** When the session dies (ISO 8601), when Dollr said. */
  sessionExpiresAt: string | null;
  /** The payment account charged. */
  paymentAccountId: string;
  /** The payer currency sent with the execute. */
  currency: string;
  /** When the attempt was written (ms since epoch). */
  createdAt: number;
  /** Execute requests sent with this reference id (1, plus one per replay). */
  executeCalls: number;
  /** When the latest execute was sent. */
  lastSentAt: number;
  /** When the latest execute's request ended (answered or failed); null if never seen to end. */
  lastSettledAt: number | null;
  /** True once Dollr answered for this reference id (an execute answer or a status 200). */
  answerSeen: boolean;
  /** Dollr's latest status word, raw. */
  lastStatus: string | null;
  /** Open, or how it closed. */
  outcome: AttemptOutcome;
  /** When it closed. */
  closedAt: number | null;
  /**
   * The host was told of this attempt's outcome (`onSuccess`, `onFailure`…): a reload does not
   * tell it again. Absent in records written before it existed (read as false).
   */
  told?: boolean;
}

export interface StoredRecord {
  v: typeof LEDGER_VERSION;
  attempts: Attempt[];
}

export const UUID_PATTERN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const OUTCOMES: readonly AttemptOutcome[] = [
  "open",
  "unverified",
  "succeeded",
  "failed",
  "not_landed",
  "left",
];

const isString = (value: unknown): value is string => typeof value === "string";
const isTime = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value);
const orNull =
  (check: (value: unknown) => boolean) =>
  (value: unknown): boolean =>
    value === null || check(value);

/** Every required stored field of an attempt and how it is checked on read. */
const ATTEMPT_FIELDS: Record<Exclude<keyof Attempt, "told">, (value: unknown) => boolean> = {
  referenceId: (value) => isString(value) && value.length > 0,
  source: (value) =>
    isRecord(value) &&
    (SOURCE_TYPES as readonly unknown[]).includes(value.type) &&
    isTime(value.id),
  sessionId: isString,
  sessionExpiresAt: orNull(isString),
  paymentAccountId: isString,
  currency: isString,
  createdAt: isTime,
  executeCalls: isTime,
  lastSentAt: isTime,
  lastSettledAt: orNull(isTime),
  answerSeen: (value) => typeof value === "boolean",
  lastStatus: orNull(isString),
  outcome: (value) => OUTCOMES.includes(value as AttemptOutcome),
  closedAt: orNull(isTime),
};

/** Reads one stored attempt, or null if any field is missing or of the wrong type. */
export function parseAttempt(value: unknown): Attempt | null {
  if (!isRecord(value)) return null;
  // Only the known fields are kept (the source too), so unknown ones are not written back.
  const attempt: Record<string, unknown> = {};
  for (const [field, check] of Object.entries(ATTEMPT_FIELDS)) {
    if (!check(value[field])) return null;
    attempt[field] = value[field];
  }
  const { type, id } = value.source as CheckoutSource;
  attempt.source = { type, id };
  if (value.told === true) attempt.told = true;
  return attempt as unknown as Attempt;
}

/**
 * A reference id salvaged from an unreadable record, kept as an `unverified` attempt: nothing is
 * known of it but that it may have been sent just now, so the not-landed proof waits the full
 * allowance for an execute never seen to end.
 */
export function salvagedAttempt(source: CheckoutSource, referenceId: string, at: number): Attempt {
  return {
    referenceId,
    source: { type: source.type, id: source.id },
    sessionId: "",
    sessionExpiresAt: null,
    paymentAccountId: "",
    currency: "",
    createdAt: at,
    executeCalls: 1,
    lastSentAt: at,
    lastSettledAt: null,
    answerSeen: false,
    lastStatus: null,
    outcome: "unverified",
    closedAt: null,
  };
}
