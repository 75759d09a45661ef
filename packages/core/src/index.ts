export * from "./errors.ts";
export * from "./money.ts";
export * from "./schemas.ts";
export * from "./status.ts";
