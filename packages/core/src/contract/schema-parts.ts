/**
 * The valibot pieces the contract's request and answer shapes are built from. Not exported from
 * `contract.ts`: they are building blocks, not shapes of their own.
 */
import * as v from "valibot";
import { minValue } from "../internal/rule.ts";

/** Trimmed text of 1 to `max` characters. */
export const text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max));
/** A string matching `regex`; `what` is the message otherwise. */
export const pattern = (regex: RegExp, what: string) => v.pipe(v.string(), v.regex(regex, what));
// Source ids are integers in Dollr; as query text they are digits only, safely below 2^53.
export const sourceIdNumber = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(1),
  v.maxValue(2 ** 53 - 1),
);
export const sourceIdText = v.pipe(
  pattern(/^[1-9]\d{0,15}$/, "Expected a positive integer"),
  v.transform(Number),
  sourceIdNumber,
);

/** A duration in an answer: a non-negative number. */
export const duration = v.pipe(v.number(), minValue(0, "expected a non-negative number"));
