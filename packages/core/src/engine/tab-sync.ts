/**
 * Tabs of one browser share the ledger: an attempt another tab opened is followed here, and the
 * close of the one followed here (by another tab, or an earlier engine) ends it here too.
 */
import { attemptOf, type EngineContext } from "./context.ts";
import type { Attempt, LedgerSnapshot } from "./ledger.ts";
import { isFinalState } from "./machine.ts";

/** What a tab about to pay follows instead: an open attempt, or a success. */
export function attemptToFollow(snapshot: LedgerSnapshot | null | undefined): Attempt | null {
  const latest = snapshot?.latest;
  return snapshot?.open ?? (latest?.outcome === "succeeded" ? latest : null);
}

export interface TabSync {
  /** Follows an attempt found in storage (reported as `attempt_adopted` unless `quietly`). */
  adopt(attempt: Attempt | null | undefined, quietly?: boolean): boolean;
  /** Another tab wrote to the storage under `key`. */
  onStorageWrite(key: string): void;
}

export function createTabSync(ctx: EngineContext, ledgerKey: string): TabSync {
  const { records, clock } = ctx;

  function adopt(attempt: Attempt | null | undefined, quietly = false): boolean {
    if (!attempt) return false;
    const found = { attempt, execution: null };
    if (!ctx.offer({ type: "ATTEMPT_ADOPTED", found, at: clock.now() })) return false;
    if (!quietly) ctx.emit({ type: "attempt_adopted", referenceId: attempt.referenceId });
    return true;
  }

  return {
    adopt,
    onStorageWrite(key) {
      if (records.writing() || ctx.disposed() || key !== ledgerKey) return;
      const snapshot = records.read();
      if (!snapshot) return;
      const state = ctx.getState();
      const followed = attemptOf(state);
      if (followed && !isFinalState(state)) {
        const stored = records.find(followed.referenceId);
        if (stored && stored.outcome !== "open" && stored.outcome !== "unverified") {
          ctx.offer({ type: "ATTEMPT_CLOSED", attempt: stored, execution: null });
        }
        return;
      }
      // Not following anything open: follow the open attempt, even one this state had given up
      // on (another tab replayed it).
      if (state.kind !== "succeeded") adopt(attemptToFollow(snapshot));
    },
  };
}
