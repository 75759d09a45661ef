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

/**
 * Freezes a table of status words, its lists too. Free of side effects, so a table nobody reads
 * (the source words, in a bundle that never reads a source status) is dropped.
 */
/* @__NO_SIDE_EFFECTS__ */
function freezeWords<const Words extends Record<string, readonly string[]>>(
  words: Words,
): Readonly<Words> {
  for (const list of Object.values(words)) Object.freeze(list);
  return Object.freeze(words);
}

/** The upper-case words each known execution state is reached by. Any other word is `unknown`. */
export const EXECUTION_STATUS_WORDS = freezeWords({
  pending: ["PENDING"],
  processing: ["PROCESSING"],
  succeeded: ["COMPLETED", "SUCCESSFUL", "SUCCESS", "SUCCEEDED", "PAID"],
  failed: ["FAILED", "CANCELED", "CANCELLED", "EXPIRED", "REJECTED", "DECLINED"],
});

/** The upper-case words each known source state is reached by. Any other word is `unknown`. */
export const SOURCE_STATUS_WORDS = freezeWords({
  idle: ["IDLE"],
  active: ["ACTIVE"],
  processing: ["PROCESSING"],
  paid: ["PAID"],
  canceled: ["CANCELED", "CANCELLED"],
});

/** Execution states that never change again. */
export const TERMINAL_EXECUTION_STATES: readonly ExecutionState[] = /* @__PURE__ */ Object.freeze([
  "succeeded",
  "failed",
]);

/** Source states that never change again. */
export const TERMINAL_SOURCE_STATES: readonly SourceState[] = /* @__PURE__ */ Object.freeze([
  "paid",
  "canceled",
]);

function normalise<State extends string>(
  raw: string,
  words: Readonly<Record<State, readonly string[]>>,
  terminalStates: readonly string[],
): NormalisedStatus<State | "unknown"> {
  const word = typeof raw === "string" ? raw.trim().toUpperCase() : "";
  const state =
    (Object.keys(words) as State[]).find((known) => words[known].includes(word)) ?? "unknown";
  return { state, raw, terminal: terminalStates.includes(state) };
}

/**
 * Reads an execution status word (`ExecutionResponse.status`): `COMPLETED`, `SUCCESSFUL`,
 * `SUCCESS`, `SUCCEEDED` and `PAID` (seen by live integrators) → succeeded; `FAILED`, `CANCELED`, `CANCELLED`, `EXPIRED`, `REJECTED`, `DECLINED` → failed;
 * `PENDING` → pending; `PROCESSING` → processing; anything else → unknown (still in progress).
 * Case-insensitive and trimmed; `raw` is kept as given.
 */
export function normaliseExecutionStatus(raw: string): NormalisedExecutionStatus {
  return normalise(raw, EXECUTION_STATUS_WORDS, TERMINAL_EXECUTION_STATES);
}

/**
 * Reads a payment source status word (`PaymentSourceStatus.status`): `IDLE`, `ACTIVE`,
 * `PROCESSING`, `PAID`, `CANCELED`/`CANCELLED`; anything else → unknown. Case-insensitive and
 * trimmed; `raw` is kept as given.
 */
export function normaliseSourceStatus(raw: string): NormalisedSourceStatus {
  return normalise(raw, SOURCE_STATUS_WORDS, TERMINAL_SOURCE_STATES);
}

/** Whether an execution state is final (`succeeded` or `failed`). */
export function isTerminalExecutionState(state: ExecutionState): boolean {
  return TERMINAL_EXECUTION_STATES.includes(state);
}
