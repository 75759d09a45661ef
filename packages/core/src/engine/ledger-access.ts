/**
 * The engine's access to its attempt ledger: every read and write for one source, with storage
 * failures reported as events (never thrown into the money path), and its own writes marked so
 * that the storage watch does not mistake them for another tab's.
 */
import type { EngineEvent } from "./events.ts";
import type { Attempt, AttemptLedger, AttemptOutcome, LedgerSnapshot } from "./ledger.ts";
import { type EngineExecution, engineErrorInfo, executionView } from "./transport.ts";
import type { CheckoutSource, ExecutionView } from "./types.ts";

export interface LedgerAccess {
  /** Runs a write of this engine's (the storage watch ignores it). */
  own<T>(write: () => T): T;
  /** Whether one of this engine's writes is under way. */
  writing(): boolean;
  /** Runs a ledger access; a storage failure is reported and gives `fallback`. */
  safely<T>(access: () => T, fallback: T): T;
  read(): LedgerSnapshot | null;
  /** The stored attempt with this reference id, when it is the source's latest. */
  find(referenceId: string): Attempt | null;
  close(referenceId: string, outcome: Exclude<AttemptOutcome, "open" | "unverified">): void;
  /**
   * Reads Dollr's answer and records it for `attempt` (when stored), closing it on a terminal
   * status. A status word the kit cannot classify is reported once per attempt.
   */
  recordAnswer(attempt: Attempt | null, answer: EngineExecution): ExecutionView;
}

export function createLedgerAccess(
  ledger: AttemptLedger,
  source: CheckoutSource,
  emit: (event: EngineEvent) => void,
): LedgerAccess {
  let writes = 0;
  const unknownWordsReported = new Set<string>();

  function own<T>(write: () => T): T {
    writes += 1;
    try {
      return write();
    } finally {
      writes -= 1;
    }
  }

  function safely<T>(access: () => T, fallback: T): T {
    try {
      return own(access);
    } catch (error) {
      emit({ type: "storage_error", message: engineErrorInfo(error).message });
      return fallback;
    }
  }

  const read = () => safely(() => ledger.read(source), null);

  return {
    own,
    writing: () => writes > 0,
    safely,
    read,
    find(referenceId) {
      // `latest` is the open attempt when there is one.
      const latest = read()?.latest;
      return latest?.referenceId === referenceId ? latest : null;
    },
    close(referenceId, outcome) {
      safely(() => ledger.close(source, referenceId, outcome), null);
    },
    recordAnswer(attempt, answer) {
      const view = executionView(answer);
      const referenceId = attempt?.referenceId ?? answer.reference_id;
      if (view.state === "unknown" && !unknownWordsReported.has(referenceId)) {
        unknownWordsReported.add(referenceId);
        emit({ type: "unknown_status_word", referenceId, status: view.raw });
      }
      if (!attempt) return view;
      safely(() => {
        ledger.recordAnswer(source, attempt.referenceId, view.raw);
        if (view.terminal) {
          const outcome = view.state === "succeeded" ? "succeeded" : "failed";
          ledger.close(source, attempt.referenceId, outcome);
        }
      }, null);
      return view;
    },
  };
}
