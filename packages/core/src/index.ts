export * from "./contract.ts";
export * from "./errors.ts";
export * from "./money.ts";
export * from "./schemas.ts";
export * from "./status.ts";
export * from "./proxy-client.ts";
