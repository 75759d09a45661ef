export * from "./contract.ts";
export * from "./engine/index.ts";
export * from "./errors.ts";
export * from "./money.ts";
export * from "./proxy-client.ts";
export * from "./schemas.ts";
export * from "./status.ts";
