/**
 * The checkout engine: the state machine, the attempt ledger, the polling policy, the cross-tab
 * locks and the runner that drives them. See README.md beside this file.
 */
export * from "./clock.ts";
export * from "./ledger.ts";
export * from "./locks.ts";
export * from "./machine.ts";
export * from "./polling.ts";
export * from "./runner.ts";
export * from "./status-watch.ts";
export * from "./storage.ts";
export * from "./transport.ts";
export * from "./types.ts";
