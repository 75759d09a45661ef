import * as v from "valibot";

// The helpers are marked free of side effects, like valibot's own, so that a schema nobody uses
// is dropped from a bundle together with them.

/**
 * A validation action with its own issue `type` (`"non_empty"`, `"min_value"`, …), built on
 * valibot's `check`: the browser then ships one validation function instead of one per rule,
 * while `fields[].type` of an `INVALID_RESPONSE` still names the rule.
 */
/* @__NO_SIDE_EFFECTS__ */
export function rule<T>(
  type: string,
  requirement: (input: T) => boolean,
  message: string,
): v.BaseValidation<T, T, v.BaseIssue<T>> {
  // `check` reports its issue under `this.type`, so the copy's own type is the issue's.
  return { ...v.check(requirement, message), type };
}

/** A non-empty string. */
/* @__NO_SIDE_EFFECTS__ */
export function nonEmpty(message: string) {
  return rule("non_empty", (text: string) => text.length > 0, message);
}

/** A number of at least `min`. */
/* @__NO_SIDE_EFFECTS__ */
export function minValue(min: number, message: string) {
  return rule("min_value", (value: number) => value >= min, message);
}
