// The validator contract shared by the schema checker (validation.ts) and its scalar checks
// (scalar-validators.ts): a check answers the value or INVALID and pushes pydantic-v2-shaped
// issues (loc, msg, type).
import type { Loc, ValidationIssue } from "./errors.ts";

export const INVALID: unique symbol = Symbol("invalid");
export type Checked<T> = T | typeof INVALID;

export type ValidationMode = "strict" | "lax";
export const VALIDATION_MODES: readonly ValidationMode[] = ["strict", "lax"];

/** A check of one value. `mode` comes from the parse (`parseBody` …) and is passed down. */
export interface Validator<T> {
  (input: unknown, loc: Loc, issues: ValidationIssue[], mode?: ValidationMode): Checked<T>;
  optional?: boolean;
}

export function issue(
  issues: ValidationIssue[],
  loc: Loc,
  msg: string,
  type: string,
): typeof INVALID {
  issues.push({ loc: [...loc], msg, type });
  return INVALID;
}
