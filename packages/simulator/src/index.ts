// @dollr-kit/simulator: an in-memory Dollr API for tests, stories and demos.
// This entry runs in browsers too (no Node APIs); the Node server is in "./node".

export { MOBILE_MONEY_OPERATORS, TEST_CARDS } from "./catalog.ts";
export type {
  ActiveFault,
  ExecutionResponseJson,
  FaultSpecInput,
  SimulatorControl,
  SimulatorSource,
  SimulatorSourceInput,
} from "./control.ts";
export { HttpError, LostResponseError, type ValidationIssue } from "./errors.ts";
export { FAULT_KINDS, type FaultKind, type FaultRule } from "./faults.ts";
export { CARD_FEE, FX_RATES, MOBILE_MONEY_FEE } from "./fees.ts";
export { MAX_BODY_BYTES } from "./http.ts";
export type { Ledger, LedgerExecution, LedgerSource } from "./ledger.ts";
export {
  DEFAULT_CONFIG,
  type RuntimeConfig,
  type SimulatorClock,
  type SimulatorOptions,
  SUCCESS_WORDS,
  type SuccessWord,
  type ValidationMode,
} from "./options.ts";
export {
  type RealtimeClaims,
  type RealtimeTokenCheck,
  signRealtimeToken,
  verifyRealtimeToken,
} from "./realtime-keys.ts";
export { SIMULATED_MERCHANT } from "./routes/merchants.ts";
export { REALTIME_KEY_TTL_SECONDS } from "./routes/realtime-keys.ts";
export { createSimulator, type SimulatorHandler } from "./simulator.ts";
export {
  type SimulatorSnapshot,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  SnapshotError,
} from "./snapshot.ts";
