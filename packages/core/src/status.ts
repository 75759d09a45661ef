/**
 * The one place where Dollr's status words become states. The docs say `COMPLETED`, the live API
 * is reported to say `SUCCESSFUL` (api-notes §2.4), and the OpenAPI has no enum: so every word is
 * matched here, case-insensitively, and the raw word is kept for display and logs.
 */

/** An execution's state: where a payment is, whatever word Dollr used. */
export type ExecutionState = "pending" | "processing" | "succeeded" | "failed" | "unknown";

/** A payment source's (invoice/order) state. */
export type SourceState = "idle" | "active" | "processing" | "paid" | "canceled" | "unknown";

/** A status word read into a state, with the word as Dollr sent it. */
export interface NormalisedStatus<State extends string> {
  /** The state the word means; `"unknown"` for a word not in the lists. */
  state: State;
  /** The word exactly as received (not trimmed or upper-cased), for display and logs. */
  raw: string;
  /** True when the state can no longer change. */
  terminal: boolean;
}

/** An execution's status read into a state. `unknown` is not terminal: it is still in progress. */
export type NormalisedExecutionStatus = NormalisedStatus<ExecutionState>;

/** A payment source's status read into a state. */
export type NormalisedSourceStatus = NormalisedStatus<SourceState>;

/** The upper-case words each known execution state is reached by. Any other word is `unknown`. */
export const EXECUTION_STATUS_WORDS = Object.freeze({
  pending: Object.freeze(["PENDING"] as const),
  processing: Object.freeze(["PROCESSING"] as const),
  succeeded: Object.freeze(["COMPLETED", "SUCCESSFUL"] as const),
  failed: Object.freeze([
    "FAILED",
    "CANCELED",
    "CANCELLED",
    "EXPIRED",
    "REJECTED",
    "DECLINED",
  ] as const),
});

/** The upper-case words each known source state is reached by. Any other word is `unknown`. */
export const SOURCE_STATUS_WORDS = Object.freeze({
  idle: Object.freeze(["IDLE"] as const),
  active: Object.freeze(["ACTIVE"] as const),
  processing: Object.freeze(["PROCESSING"] as const),
  paid: Object.freeze(["PAID"] as const),
  canceled: Object.freeze(["CANCELED", "CANCELLED"] as const),
});

/** Execution states that never change again. */
export const TERMINAL_EXECUTION_STATES: readonly ExecutionState[] = Object.freeze([
  "succeeded",
  "failed",
]);

/** Source states that never change again. */
export const TERMINAL_SOURCE_STATES: readonly SourceState[] = Object.freeze(["paid", "canceled"]);

function lookup<State extends string>(
  words: Readonly<Record<string, readonly string[]>>,
): ReadonlyMap<string, State> {
  const map = new Map<string, State>();
  for (const [state, list] of Object.entries(words)) {
    for (const word of list) map.set(word, state as State);
  }
  return map;
}

const EXECUTION_LOOKUP = lookup<ExecutionState>(EXECUTION_STATUS_WORDS);
const SOURCE_LOOKUP = lookup<SourceState>(SOURCE_STATUS_WORDS);

function normalise<State extends string>(
  raw: string,
  words: ReadonlyMap<string, State>,
  terminalStates: readonly string[],
): NormalisedStatus<State | "unknown"> {
  const word = typeof raw === "string" ? raw.trim().toUpperCase() : "";
  const state = words.get(word) ?? "unknown";
  return { state, raw, terminal: terminalStates.includes(state) };
}

/**
 * Reads an execution status word (`ExecutionResponse.status`): `COMPLETED`/`SUCCESSFUL` →
 * succeeded; `FAILED`, `CANCELED`, `CANCELLED`, `EXPIRED`, `REJECTED`, `DECLINED` → failed;
 * `PENDING` → pending; `PROCESSING` → processing; anything else → unknown (still in progress).
 * Case-insensitive and trimmed; `raw` is kept as given.
 */
export function normaliseExecutionStatus(raw: string): NormalisedExecutionStatus {
  return normalise(raw, EXECUTION_LOOKUP, TERMINAL_EXECUTION_STATES);
}

/**
 * Reads a payment source status word (`PaymentSourceStatus.status`): `IDLE`, `ACTIVE`,
 * `PROCESSING`, `PAID`, `CANCELED`/`CANCELLED`; anything else → unknown. Case-insensitive and
 * trimmed; `raw` is kept as given.
 */
export function normaliseSourceStatus(raw: string): NormalisedSourceStatus {
  return normalise(raw, SOURCE_LOOKUP, TERMINAL_SOURCE_STATES);
}

/** Whether an execution state is final (`succeeded` or `failed`). */
export function isTerminalExecutionState(state: ExecutionState): boolean {
  return TERMINAL_EXECUTION_STATES.includes(state);
}
