/**
 * What the engine reports through `onEvent`, and the commands it names. No personal data: ids,
 * codes and status words only.
 */
import type { LedgerProblem } from "./ledger.ts";
import type { CheckoutEventType, CheckoutStateKind } from "./machine.ts";
import type { ExecuteFailureKind } from "./transport.ts";

/** What the engine reports as it works. No personal data: ids and codes only. */
export type EngineEvent =
  | { type: "transition"; from: CheckoutStateKind; to: CheckoutStateKind; event: CheckoutEventType }
  | { type: "command_ignored"; command: EngineCommand; state: CheckoutStateKind }
  | { type: "execute_sent"; referenceId: string; replay: boolean; executeCalls: number }
  | {
      type: "execute_settled";
      referenceId: string;
      outcome: "answered" | ExecuteFailureKind;
      status?: string;
      errorCode?: string;
    }
  | {
      type: "status_checked";
      referenceId: string;
      outcome: "answered" | "not_found" | "error";
      status?: string;
      errorCode?: string;
    }
  | { type: "not_landed"; referenceId: string }
  /** A status word the kit cannot classify, reported once per attempt (the wait goes on). */
  | { type: "unknown_status_word"; referenceId: string; status: string }
  /** The customer left an attempt that could no longer go through, for another method. */
  | { type: "attempt_left"; referenceId: string }
  /** Leaving was refused: the money may still move (until `until`, ms since epoch, if known). */
  | { type: "leave_refused"; referenceId: string; until: number | null }
  | { type: "attempt_adopted"; referenceId: string }
  | { type: "source_busy" }
  | { type: "ledger_problem"; problem: LedgerProblem }
  | { type: "storage_error"; message: string };

/** The engine's commands, as named in `command_ignored` events. */
export type EngineCommand =
  | "selectAccount"
  | "pay"
  | "beginAuthentication"
  | "authenticationFinished"
  | "checkAgain"
  | "retry"
  | "cancel"
  | "useAnotherMethod";
