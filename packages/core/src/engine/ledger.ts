/**
 * The attempt ledger: the written record of every execute the kit sends, kept over a Storage so
 * that a reload, a second tab or a crash can never lose a `reference_id` that may have moved
 * money. The rules it enforces:
 * - an attempt (with its freshly minted `reference_id`) is written BEFORE its execute leaves;
 * - one open attempt per source: while it is open, `open()` refuses a second one;
 * - an attempt closes only on a terminal Dollr status or when status proved it did not land;
 * - a replay re-sends the same `reference_id` with the same payload (the payload is stored);
 * - unreadable storage is backed up under another key and reported, never silently dropped;
 *   the reference ids found in it stay as `unverified` attempts until status says what they are.
 */

import { isRecord } from "../internal/is-record.ts";
import {
  type Attempt,
  type AttemptOutcome,
  CLOSED_ATTEMPTS_KEPT,
  LEDGER_KEY_PREFIX,
  LEDGER_VERSION,
  PENDING_OUTCOMES,
  parseAttempt,
  type StoredRecord,
  salvagedAttempt,
  UUID_PATTERN,
} from "./ledger-record.ts";
import type { StorageLike } from "./storage.ts";
import type { CheckoutSource } from "./types.ts";

export * from "./ledger-record.ts";

/** What the caller supplies to open an attempt; the ledger mints the reference id. */
export interface NewAttempt {
  source: CheckoutSource;
  sessionId: string;
  sessionExpiresAt: string | null;
  paymentAccountId: string;
  currency: string;
}

/** The execute request body an attempt stands for; replays send exactly this. */
export interface ExecutePayload {
  session_id: string;
  payment_account_id: string;
  currency: string;
  reference_id: string;
}

/** A problem met while reading storage. The raw text is kept under `backupKey` when it could be. */
export interface LedgerProblem {
  kind: "corrupt";
  /** Where the unreadable text was copied, or null when even the copy failed (then nothing was removed). */
  backupKey: string | null;
  /** Reference ids found in the unreadable text, so they can still be checked by hand or by status. */
  salvagedReferenceIds: string[];
}

/** What the ledger knows about one source. */
export interface LedgerSnapshot {
  /** The open attempt, if any. */
  open: Attempt | null;
  /** The most recent attempt: the open one when there is one, else the last closed. */
  latest: Attempt | null;
  /** Problems met while reading (already reported through `onProblem`). */
  problems: LedgerProblem[];
}

/** Thrown by `open` and `replay` when the rules say no. */
export class LedgerError extends Error {
  override readonly name = "LedgerError";
  constructor(
    readonly reason: "attempt_open" | "storage_unavailable" | "not_replayable",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Options of `createAttemptLedger`. */
export interface AttemptLedgerOptions {
  storage: StorageLike;
  /** The clock's `now` (ms since epoch). Default `Date.now`. */
  now?: () => number;
  /** Mints reference ids. Default `crypto.randomUUID()`. */
  newReferenceId?: () => string;
  /** Called with each storage problem as it is found (and backed up). */
  onProblem?: (problem: LedgerProblem, source: CheckoutSource) => void;
}

/** The ledger's operations. Every write reads the latest stored value first (another tab may have written). */
export interface AttemptLedger {
  /** The storage key of a source's record. */
  keyOf(source: CheckoutSource): string;
  /** The open and latest attempts of a source. */
  read(source: CheckoutSource): LedgerSnapshot;
  /** Mints a reference id and writes a new open attempt, counted as sent. Throws `LedgerError`. */
  open(attempt: NewAttempt): Attempt;
  /**
   * Re-opens an attempt for one more execute with the same reference id and payload (a replay
   * while its session lives). Refused if another attempt is open or it closed on a Dollr status.
   */
  replay(source: CheckoutSource, referenceId: string): Attempt;
  /** Records that the execute request ended (answered or failed). */
  markSettled(source: CheckoutSource, referenceId: string): Attempt | null;
  /**
   * Records Dollr's answer (execute or status) for the attempt. An answer for an attempt closed
   * as `not_landed` proves it landed after all, and opens it again.
   */
  recordAnswer(source: CheckoutSource, referenceId: string, rawStatus: string): Attempt | null;
  /** Closes the attempt (idempotent: a closed attempt keeps its first outcome). */
  close(
    source: CheckoutSource,
    referenceId: string,
    outcome: Exclude<AttemptOutcome, "open" | "unverified">,
  ): Attempt | null;
  /** Records that the host was told of the attempt's outcome; true only the first time. */
  markTold(source: CheckoutSource, referenceId: string): boolean;
}

/** The execute body of an attempt. */
export function executePayloadOf(attempt: Attempt): ExecutePayload {
  return {
    session_id: attempt.sessionId,
    payment_account_id: attempt.paymentAccountId,
    currency: attempt.currency,
    reference_id: attempt.referenceId,
  };
}

function defaultReferenceId(): string {
  const cryptoApi = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (typeof cryptoApi?.randomUUID !== "function") {
    // Without a CSPRNG UUID an idempotency key could collide: refuse rather than guess.
    throw new LedgerError(
      "storage_unavailable",
      "crypto.randomUUID is not available (it needs a secure context: https or localhost)",
    );
  }
  return cryptoApi.randomUUID();
}

/** Creates the ledger over `storage`. Cheap: holds no state of its own beyond the options. */
export function createAttemptLedger(options: AttemptLedgerOptions): AttemptLedger {
  const { storage, onProblem } = options;
  const now = options.now ?? (() => Date.now());
  const newReferenceId = options.newReferenceId ?? defaultReferenceId;
  const keyOf = (source: CheckoutSource) => `${LEDGER_KEY_PREFIX}${source.type}:${source.id}`;

  /** Backs up unreadable text under a new key; removes the original only once the copy is safe. */
  function quarantine(source: CheckoutSource, raw: string): LedgerProblem {
    const key = keyOf(source);
    const salvagedReferenceIds = [...new Set(raw.match(UUID_PATTERN) ?? [])];
    let backupKey: string | null = `${key}:corrupt:${now()}`;
    try {
      storage.setItem(backupKey, raw);
    } catch {
      backupKey = null;
    }
    const problem: LedgerProblem = { kind: "corrupt", backupKey, salvagedReferenceIds };
    onProblem?.(problem, source);
    return problem;
  }

  function load(source: CheckoutSource): { attempts: Attempt[]; problems: LedgerProblem[] } {
    const key = keyOf(source);
    let raw: string | null;
    try {
      raw = storage.getItem(key);
    } catch (cause) {
      throw new LedgerError("storage_unavailable", "The attempt ledger cannot be read", { cause });
    }
    if (raw === null) return { attempts: [], problems: [] };
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      // Not JSON: backed up below like any other unreadable text.
    }
    const list = isRecord(parsed) && parsed.v === LEDGER_VERSION ? parsed.attempts : undefined;
    const attempts = Array.isArray(list) ? list.map(parseAttempt) : null;
    const readable = attempts?.filter((attempt): attempt is Attempt => attempt !== null) ?? [];
    if (attempts && readable.length === attempts.length)
      return { attempts: readable, problems: [] };

    const problem = quarantine(source, raw);
    if (problem.backupKey === null) {
      // The text could not be copied: keep it where it is and refuse to write over it.
      throw new LedgerError(
        "storage_unavailable",
        "The attempt ledger is unreadable and could not be backed up",
      );
    }
    // Every reference id in the unreadable text may have moved money: kept until status says.
    const known = new Set(readable.map((attempt) => attempt.referenceId));
    const salvaged = problem.salvagedReferenceIds
      .filter((referenceId) => !known.has(referenceId))
      .map((referenceId) => salvagedAttempt(source, referenceId, now()));
    const kept = [...readable, ...salvaged];
    save(source, kept);
    return { attempts: kept, problems: [problem] };
  }

  function save(source: CheckoutSource, attempts: Attempt[]): void {
    const open = attempts.filter((attempt) => PENDING_OUTCOMES.includes(attempt.outcome));
    const closed = attempts
      .filter((attempt) => !PENDING_OUTCOMES.includes(attempt.outcome))
      .sort((a, b) => (a.closedAt ?? 0) - (b.closedAt ?? 0))
      .slice(-CLOSED_ATTEMPTS_KEPT);
    const record: StoredRecord = { v: LEDGER_VERSION, attempts: [...closed, ...open] };
    const text = JSON.stringify(record);
    const key = keyOf(source);
    try {
      storage.setItem(key, text);
    } catch (cause) {
      throw new LedgerError("storage_unavailable", "The attempt ledger cannot be written", {
        cause,
      });
    }
    // Read back: an attempt only counts as written once it can be read again.
    let back: string | null = null;
    try {
      back = storage.getItem(key);
    } catch {
      // Unreadable counts as not kept.
    }
    if (back !== text) {
      throw new LedgerError("storage_unavailable", "The attempt ledger did not keep a write");
    }
  }

  function change(
    source: CheckoutSource,
    referenceId: string,
    edit: (attempt: Attempt, attempts: Attempt[]) => Attempt,
  ): Attempt | null {
    const { attempts } = load(source);
    const index = attempts.findIndex((attempt) => attempt.referenceId === referenceId);
    const current = attempts[index];
    if (!current) return null;
    const next = edit(current, attempts);
    if (next === current) return current;
    attempts[index] = next;
    save(source, attempts);
    return next;
  }

  return {
    keyOf,
    read(source) {
      const { attempts, problems } = load(source);
      // An unverified attempt is followed like an open one until status says what it is.
      const open =
        attempts.find((attempt) => attempt.outcome === "open") ??
        attempts.find((attempt) => attempt.outcome === "unverified") ??
        null;
      const latest =
        open ??
        attempts.reduce<Attempt | null>(
          (last, attempt) =>
            last === null || attempt.createdAt >= last.createdAt ? attempt : last,
          null,
        );
      return { open, latest, problems };
    },
    open(input) {
      const { attempts } = load(input.source);
      if (attempts.some((attempt) => PENDING_OUTCOMES.includes(attempt.outcome))) {
        throw new LedgerError(
          "attempt_open",
          `Source ${input.source.type} ${input.source.id} already has an open attempt`,
        );
      }
      const at = now();
      const attempt: Attempt = {
        referenceId: newReferenceId(),
        source: { type: input.source.type, id: input.source.id },
        sessionId: input.sessionId,
        sessionExpiresAt: input.sessionExpiresAt,
        paymentAccountId: input.paymentAccountId,
        currency: input.currency,
        createdAt: at,
        executeCalls: 1,
        lastSentAt: at,
        lastSettledAt: null,
        answerSeen: false,
        lastStatus: null,
        outcome: "open",
        closedAt: null,
      };
      save(input.source, [...attempts, attempt]);
      return attempt;
    },
    replay(source, referenceId) {
      const refused = () =>
        new LedgerError("not_replayable", `Attempt ${referenceId} cannot be replayed`);
      const replayed = change(source, referenceId, (target, attempts) => {
        // Never while another attempt is open, nor once Dollr closed it.
        const otherOpen = attempts.some(
          (attempt) => attempt.outcome === "open" && attempt.referenceId !== referenceId,
        );
        if (otherOpen || (target.outcome !== "open" && target.outcome !== "not_landed")) {
          throw refused();
        }
        return {
          ...target,
          outcome: "open",
          closedAt: null,
          executeCalls: target.executeCalls + 1,
          lastSentAt: now(),
          lastSettledAt: null,
          // A replay is a new outcome to tell the host of.
          told: false,
        };
      });
      if (!replayed) throw refused();
      return replayed;
    },
    markSettled(source, referenceId) {
      return change(source, referenceId, (attempt) => ({ ...attempt, lastSettledAt: now() }));
    },
    recordAnswer(source, referenceId, rawStatus) {
      return change(source, referenceId, (attempt) => {
        // An answer for an attempt thought not to have landed (or left, or salvaged) proves it
        // did: open it again.
        if (
          attempt.outcome === "not_landed" ||
          attempt.outcome === "left" ||
          attempt.outcome === "unverified"
        ) {
          return {
            ...attempt,
            answerSeen: true,
            lastStatus: rawStatus,
            outcome: "open",
            closedAt: null,
          };
        }
        return attempt.answerSeen && attempt.lastStatus === rawStatus
          ? attempt
          : { ...attempt, answerSeen: true, lastStatus: rawStatus };
      });
    },
    close(source, referenceId, outcome) {
      return change(source, referenceId, (attempt) =>
        PENDING_OUTCOMES.includes(attempt.outcome)
          ? { ...attempt, outcome, closedAt: now() }
          : attempt,
      );
    },
    markTold(source, referenceId) {
      let first = false;
      change(source, referenceId, (attempt) => {
        if (attempt.told) return attempt;
        first = true;
        return { ...attempt, told: true };
      });
      return first;
    },
  };
}
