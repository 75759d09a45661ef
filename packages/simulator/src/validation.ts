// A small schema checker that reports problems as FastAPI/pydantic v2 does (loc, msg, type).
// The simulator is deliberately stricter than pydantic's lax mode (no "12" for an integer, no
// extra fields): code that passes here sends exactly the documented JSON.
import { HttpError, type Loc, type ValidationIssue } from "./errors.ts";

export const INVALID: unique symbol = Symbol("invalid");
type Checked<T> = T | typeof INVALID;

export interface Validator<T> {
  (input: unknown, loc: Loc, issues: ValidationIssue[]): Checked<T>;
  optional?: boolean;
}
type Optional<T> = Validator<T> & { optional: true };
type ValueOf<V> = V extends Validator<infer T> ? T : never;
type Shape = Record<string, Validator<unknown>>;
type RequiredKeys<S extends Shape> = {
  [K in keyof S]: S[K] extends Optional<unknown> ? never : K;
}[keyof S];
type OptionalKeys<S extends Shape> = Exclude<keyof S, RequiredKeys<S>>;
export type Infer<S extends Shape> = { [K in RequiredKeys<S>]: ValueOf<S[K]> } & {
  [K in OptionalKeys<S>]?: ValueOf<S[K]>;
};

function issue(issues: ValidationIssue[], loc: Loc, msg: string, type: string): typeof INVALID {
  issues.push({ loc: [...loc], msg, type });
  return INVALID;
}

export function string(
  rules: { minLength?: number; maxLength?: number; pattern?: RegExp } = {},
): Validator<string> {
  const { minLength = 0, maxLength = 10_000, pattern } = rules;
  return (input, loc, issues) => {
    if (typeof input !== "string")
      return issue(issues, loc, "Input should be a valid string", "string_type");
    if (input.length < minLength)
      return issue(
        issues,
        loc,
        `String should have at least ${minLength} character${minLength === 1 ? "" : "s"}`,
        "string_too_short",
      );
    if (input.length > maxLength)
      return issue(
        issues,
        loc,
        `String should have at most ${maxLength} characters`,
        "string_too_long",
      );
    if (pattern && !pattern.test(input))
      return issue(
        issues,
        loc,
        `String should match pattern '${pattern.source}'`,
        "string_pattern_mismatch",
      );
    return input;
  };
}

/** A JSON integer (body) — a number with no fraction, never a numeric string. */
export function integer(rules: { min?: number; max?: number } = {}): Validator<number> {
  return (input, loc, issues) => {
    if (typeof input !== "number" || !Number.isSafeInteger(input))
      return issue(issues, loc, "Input should be a valid integer", "int_type");
    return checkRange(input, rules, loc, issues);
  };
}

/** An integer in a query string or path segment. */
export function integerText(rules: { min?: number; max?: number } = {}): Validator<number> {
  return (input, loc, issues) => {
    if (typeof input !== "string" || !/^-?\d{1,15}$/.test(input))
      return issue(
        issues,
        loc,
        "Input should be a valid integer, unable to parse string as an integer",
        "int_parsing",
      );
    return checkRange(Number(input), rules, loc, issues);
  };
}

function checkRange(
  value: number,
  rules: { min?: number; max?: number },
  loc: Loc,
  issues: ValidationIssue[],
): Checked<number> {
  if (rules.min !== undefined && value < rules.min)
    return issue(
      issues,
      loc,
      `Input should be greater than or equal to ${rules.min}`,
      "greater_than_equal",
    );
  if (rules.max !== undefined && value > rules.max)
    return issue(
      issues,
      loc,
      `Input should be less than or equal to ${rules.max}`,
      "less_than_equal",
    );
  return value;
}

export function boolean(): Validator<boolean> {
  return (input, loc, issues) =>
    typeof input === "boolean"
      ? input
      : issue(issues, loc, "Input should be a valid boolean", "bool_type");
}

export function oneOf<const T extends string>(values: readonly T[]): Validator<T> {
  const list = values.map((value) => `'${value}'`);
  const expected =
    list.length > 1 ? `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}` : list[0];
  return (input, loc, issues) =>
    typeof input === "string" && (values as readonly string[]).includes(input)
      ? (input as T)
      : issue(issues, loc, `Input should be ${expected}`, "enum");
}

/** An ISO 4217 code, uppercase. */
export function currencyCode(): Validator<string> {
  return string({ pattern: /^[A-Z]{3}$/ });
}

const DECIMAL = /^\d{1,13}(\.\d{1,12})?$/;

/**
 * A positive amount in major units, as a JSON number or a decimal string; answered as a
 * normalised decimal string. Whether its decimals fit the currency is checked where the currency
 * is known.
 */
export function amount(): Validator<string> {
  return (input, loc, issues) => {
    let text: string;
    if (typeof input === "number" && Number.isFinite(input)) text = String(input);
    else if (typeof input === "string") text = input.trim();
    else return issue(issues, loc, "Input should be a valid decimal", "decimal_type");
    if (!DECIMAL.test(text))
      return issue(issues, loc, "Input should be a valid decimal", "decimal_parsing");
    if (!/[1-9]/.test(text))
      return issue(
        issues,
        loc,
        "Input should be greater than or equal to 0.01",
        "greater_than_equal",
      );
    return text;
  };
}

export function nullable<T>(inner: Validator<T>): Validator<T | null> {
  return (input, loc, issues) => (input === null ? null : inner(input, loc, issues));
}

export function optional<T>(inner: Validator<T>): Optional<T | undefined> {
  const wrapped: Validator<T | undefined> = (input, loc, issues) =>
    input === undefined ? undefined : inner(input, loc, issues);
  return Object.assign(wrapped, { optional: true as const });
}

export function array<T>(
  item: Validator<T>,
  rules: { minLength?: number; maxLength?: number } = {},
): Validator<T[]> {
  const { minLength = 0, maxLength = 200 } = rules;
  return (input, loc, issues) => {
    if (!Array.isArray(input))
      return issue(issues, loc, "Input should be a valid list", "list_type");
    if (input.length < minLength)
      return issue(
        issues,
        loc,
        `List should have at least ${minLength} item${minLength === 1 ? "" : "s"} after validation`,
        "too_short",
      );
    if (input.length > maxLength)
      return issue(issues, loc, `List should have at most ${maxLength} items`, "too_long");
    const values: T[] = [];
    let failed = false;
    input.forEach((element, index) => {
      const value = item(element, [...loc, index], issues);
      if (value === INVALID) failed = true;
      else values.push(value);
    });
    return failed ? INVALID : values;
  };
}

function isPlainObject(input: unknown): input is Record<string, unknown> {
  return typeof input === "object" && input !== null && !Array.isArray(input);
}

/** An object with exactly these keys: a missing required key and an unknown key are both issues. */
export function object<S extends Shape>(shape: S): Validator<Infer<S>> {
  return (input, loc, issues) => {
    if (!isPlainObject(input))
      return issue(
        issues,
        loc,
        "Input should be a valid dictionary or object to extract fields from",
        "model_attributes_type",
      );
    const value: Record<string, unknown> = {};
    let failed = false;
    for (const [key, check] of Object.entries(shape)) {
      const present = Object.hasOwn(input, key);
      if (!present && !check.optional) {
        issue(issues, [...loc, key], "Field required", "missing");
        failed = true;
        continue;
      }
      const checked = check(present ? input[key] : undefined, [...loc, key], issues);
      if (checked === INVALID) failed = true;
      else if (checked !== undefined) value[key] = checked;
    }
    for (const key of Object.keys(input)) {
      if (!Object.hasOwn(shape, key)) {
        issue(issues, [...loc, key], "Extra inputs are not permitted", "extra_forbidden");
        failed = true;
      }
    }
    return failed ? INVALID : (value as Infer<S>);
  };
}

/** Checks a JSON body; a missing body is `loc: ["body"]`, "Field required". */
export function parseBody<T>(schema: Validator<T>, body: unknown): T {
  const issues: ValidationIssue[] = [];
  if (body === undefined)
    throw new HttpError(422, [{ loc: ["body"], msg: "Field required", type: "missing" }]);
  const value = schema(body, ["body"], issues);
  if (value === INVALID || issues.length > 0) throw new HttpError(422, issues);
  return value;
}

/**
 * Checks query parameters: every key of the shape is read from the URL (missing → "Field
 * required"); unknown parameters are ignored, as FastAPI does.
 */
export function parseQuery<S extends Shape>(shape: S, params: URLSearchParams): Infer<S> {
  const issues: ValidationIssue[] = [];
  const value: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(shape)) {
    const raw = params.get(key);
    if (raw === null && !check.optional) {
      issue(issues, ["query", key], "Field required", "missing");
      continue;
    }
    const checked = check(raw ?? undefined, ["query", key], issues);
    if (checked !== INVALID && checked !== undefined) value[key] = checked;
  }
  if (issues.length > 0) throw new HttpError(422, issues);
  return value as Infer<S>;
}

/** Checks one path parameter, e.g. an id. */
export function parsePathParam<T>(check: Validator<T>, name: string, raw: string): T {
  const issues: ValidationIssue[] = [];
  const value = check(raw, ["path", name], issues);
  if (value === INVALID) throw new HttpError(422, issues);
  return value;
}
