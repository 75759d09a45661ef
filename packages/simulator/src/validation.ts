// A small schema checker that reports problems as FastAPI/pydantic v2 does (loc, msg, type).
// Two modes. "strict" (the default) is stricter than pydantic (no "12" for an integer, no extra
// fields): code that passes it sends exactly the documented JSON. "lax" takes what a FastAPI
// service with default pydantic models takes: unknown fields ignored, numeric strings for
// numbers, "true"/"false" for booleans, and enum words in any letter case.
import { HttpError, type ValidationIssue } from "./errors.ts";
import { INVALID, issue, type ValidationMode, type Validator } from "./validator.ts";

export {
  amount,
  boolean,
  currencyCode,
  integer,
  integerText,
  oneOf,
  string,
} from "./scalar-validators.ts";
export { INVALID, VALIDATION_MODES, type ValidationMode, type Validator } from "./validator.ts";

// Request inputs (a parsed JSON body, a URL's query) that the dispatcher marked lax: the mode
// travels with the input, so no route passes it and concurrent requests cannot mix modes.
const laxInputs = new WeakSet<object>();

/** Marks a request's input (JSON body or query) for lax checking; answers the input. */
export function withValidationMode<T>(input: T, mode: ValidationMode): T {
  if (mode === "lax" && typeof input === "object" && input !== null) laxInputs.add(input);
  return input;
}

function modeOf(input: unknown): ValidationMode {
  return typeof input === "object" && input !== null && laxInputs.has(input) ? "lax" : "strict";
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

export function nullable<T>(inner: Validator<T>): Validator<T | null> {
  return (input, loc, issues, mode) => (input === null ? null : inner(input, loc, issues, mode));
}

export function optional<T>(inner: Validator<T>): Optional<T | undefined> {
  const wrapped: Validator<T | undefined> = (input, loc, issues, mode) =>
    input === undefined ? undefined : inner(input, loc, issues, mode);
  return Object.assign(wrapped, { optional: true as const });
}

export function array<T>(
  item: Validator<T>,
  rules: { minLength?: number; maxLength?: number } = {},
): Validator<T[]> {
  const { minLength = 0, maxLength = 200 } = rules;
  return (input, loc, issues, mode) => {
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
      const value = item(element, [...loc, index], issues, mode);
      if (value === INVALID) failed = true;
      else values.push(value);
    });
    return failed ? INVALID : values;
  };
}

function isPlainObject(input: unknown): input is Record<string, unknown> {
  return typeof input === "object" && input !== null && !Array.isArray(input);
}

/**
 * An object with these keys: a missing required key is an issue, and so is an unknown key in
 * strict mode (lax mode drops it, as pydantic's default `extra="ignore"` does).
 */
export function object<S extends Shape>(shape: S): Validator<Infer<S>> {
  return (input, loc, issues, mode) => {
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
      const checked = check(present ? input[key] : undefined, [...loc, key], issues, mode);
      if (checked === INVALID) failed = true;
      else if (checked !== undefined) value[key] = checked;
    }
    if (mode === "lax") return failed ? INVALID : (value as Infer<S>);
    for (const key of Object.keys(input)) {
      if (!Object.hasOwn(shape, key)) {
        issue(issues, [...loc, key], "Extra inputs are not permitted", "extra_forbidden");
        failed = true;
      }
    }
    return failed ? INVALID : (value as Infer<S>);
  };
}

/**
 * Checks a JSON body; a missing body is `loc: ["body"]`, "Field required". The mode is the one
 * the body was marked with (`withValidationMode`), strict unless said otherwise.
 */
export function parseBody<T>(
  schema: Validator<T>,
  body: unknown,
  mode: ValidationMode = modeOf(body),
): T {
  const issues: ValidationIssue[] = [];
  if (body === undefined)
    throw new HttpError(422, [{ loc: ["body"], msg: "Field required", type: "missing" }]);
  const value = schema(body, ["body"], issues, mode);
  if (value === INVALID || issues.length > 0) throw new HttpError(422, issues);
  return value;
}

/**
 * Checks query parameters: every key of the shape is read from the URL (missing → "Field
 * required"); unknown parameters are ignored, as FastAPI does.
 */
export function parseQuery<S extends Shape>(
  shape: S,
  params: URLSearchParams,
  mode: ValidationMode = modeOf(params),
): Infer<S> {
  const issues: ValidationIssue[] = [];
  const value: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(shape)) {
    const raw = params.get(key);
    if (raw === null && !check.optional) {
      issue(issues, ["query", key], "Field required", "missing");
      continue;
    }
    const checked = check(raw ?? undefined, ["query", key], issues, mode);
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
