/**
 * `@dollr-kit/core/internal`: everything core has, for the kit's own packages (`@dollr-kit/react`,
 * `@dollr-kit/server`, `@dollr-kit/simulator`): the valibot schemas, the contract's paths, the
 * engine's parts and tuning constants, the ledger's internals. Not a public API: it may change
 * in any release. Apps use `@dollr-kit/core` (and `@dollr-kit/core/testing` in tests).
 */
export * from "./contract.ts";
export * from "./engine/index.ts";
export * from "./errors.ts";
export * from "./money.ts";
export * from "./phone/index.ts";
export * from "./proxy-client.ts";
export * from "./proxy-client-extras.ts";
export * from "./schemas.ts";
export * from "./status.ts";
