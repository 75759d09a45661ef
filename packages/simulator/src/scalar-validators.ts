// Checks of one JSON or query value: strings, integers, booleans, enum words, currency codes and
// amounts. Each reads the parse's mode (see validation.ts): lax mode takes what pydantic's
// default (lax) models take.
import type { Loc, ValidationIssue } from "./errors.ts";
import { type Checked, issue, type Validator } from "./validator.ts";

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

const INTEGER_TEXT = /^\s*-?\d{1,15}\s*$/;

/** A JSON integer (body): a number with no fraction; in lax mode a numeric string too ("12"). */
export function integer(rules: { min?: number; max?: number } = {}): Validator<number> {
  return (input, loc, issues, mode) => {
    if (mode === "lax" && typeof input === "string") {
      if (!INTEGER_TEXT.test(input))
        return issue(
          issues,
          loc,
          "Input should be a valid integer, unable to parse string as an integer",
          "int_parsing",
        );
      return checkRange(Number(input), rules, loc, issues);
    }
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

// The words pydantic's lax mode reads as booleans.
const LAX_BOOLEANS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  "1": true,
  "0": false,
  yes: true,
  no: false,
  on: true,
  off: false,
  t: true,
  f: false,
  y: true,
  n: false,
};

/** A JSON boolean; in lax mode also 0/1 and pydantic's words ("true", "no", …). */
export function boolean(): Validator<boolean> {
  return (input, loc, issues, mode) => {
    if (typeof input === "boolean") return input;
    if (mode === "lax") {
      const word = typeof input === "number" ? String(input) : input;
      const value = typeof word === "string" ? LAX_BOOLEANS[word.trim().toLowerCase()] : undefined;
      if (value !== undefined) return value;
      if (typeof input === "string")
        return issue(
          issues,
          loc,
          "Input should be a valid boolean, unable to interpret input",
          "bool_parsing",
        );
    }
    return issue(issues, loc, "Input should be a valid boolean", "bool_type");
  };
}

/** One of these words; in lax mode in any letter case ("invoice" → "INVOICE"). */
export function oneOf<const T extends string>(values: readonly T[]): Validator<T> {
  const list = values.map((value) => `'${value}'`);
  const expected =
    list.length > 1 ? `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}` : list[0];
  return (input, loc, issues, mode) => {
    if (typeof input === "string") {
      if ((values as readonly string[]).includes(input)) return input as T;
      if (mode === "lax") {
        const folded = input.toUpperCase();
        const match = values.find((value) => value.toUpperCase() === folded);
        if (match !== undefined) return match;
      }
    }
    return issue(issues, loc, `Input should be ${expected}`, "enum");
  };
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
