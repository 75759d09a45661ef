/** Checking a request against the contract, with failures in Dollr's own 422 shape. */
import * as v from "valibot";

/** One item of a 422 `detail[]`, shaped like Dollr's (FastAPI/pydantic). */
export interface ValidationDetailItem {
  /** Where: `["body", "currency"]`, `["query", "phone"]`, `["path", "reference_id"]`. */
  loc: (string | number)[];
  /** What is wrong, in words. */
  msg: string;
  /** The machine type: `missing`, `extra_forbidden`, `type_error`, `value_error`, … */
  type: string;
}

/** What `checkRequest` found: the typed value, or the 422 `detail[]` to answer. */
export type CheckResult<T> = { ok: true; value: T } | { ok: false; detail: ValidationDetailItem[] };

/** Where a checked value came from, for the first element of each `loc`. */
export type RequestLocation = "body" | "query" | "path";

function issueToDetail(
  issue: v.BaseIssue<unknown>,
  location: RequestLocation,
  pathName: string | undefined,
): ValidationDetailItem {
  const keys = (issue.path ?? []).map((item) => {
    const key = (item as { key?: unknown }).key;
    return typeof key === "number" ? key : String(key);
  });
  const loc: (string | number)[] = [location, ...(pathName ? [pathName] : []), ...keys];
  if (issue.type === "strict_object" && issue.expected === "never") {
    return { loc, msg: "Extra inputs are not permitted", type: "extra_forbidden" };
  }
  if (issue.input === undefined && issue.kind === "schema") {
    return { loc, msg: "Field required", type: "missing" };
  }
  const type = issue.kind === "schema" ? "type_error" : "value_error";
  // valibot's messages end with "but received <the input>": cut it, so that a phone number or a
  // passcode sent in the wrong place is never echoed back.
  return { loc, msg: issue.message.replace(/\s*but received[\s\S]*$/, ""), type };
}

/**
 * Checks a request part against a contract schema and answers Dollr's 422 `detail[]` on a
 * failure, so the proxy can reject in the same words Dollr would.
 */
export function checkRequest<TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
  location: RequestLocation,
  pathName?: string,
): CheckResult<v.InferOutput<TSchema>> {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, detail: result.issues.map((i) => issueToDetail(i, location, pathName)) };
}
