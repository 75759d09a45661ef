// Errors the simulator answers with, in Dollr's (FastAPI's) shapes:
// 422 → {"detail": [{loc, msg, type}]}, everything else → {"detail": "<string>"}.

export type Loc = readonly (string | number)[];

/** One entry of a 422 `detail[]`, as FastAPI/pydantic writes it. */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** An error that becomes an HTTP answer. Route code throws it; the simulator turns it into JSON. */
export class HttpError extends Error {
  readonly status: number;
  readonly detail: string | ValidationIssue[];
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    detail: string | ValidationIssue[],
    headers: Record<string, string> = {},
  ) {
    super(typeof detail === "string" ? detail : detail.map((issue) => issue.msg).join("; "));
    this.name = "HttpError";
    this.status = status;
    this.detail = detail;
    this.headers = headers;
  }
}

/** A 422 with one issue: how Dollr reports a rule broken by an otherwise well-formed request. */
export function unprocessable(loc: Loc, msg: string, type = "value_error"): HttpError {
  return new HttpError(422, [{ loc: [...loc], msg, type }]);
}

export function notFound(detail: string): HttpError {
  return new HttpError(404, detail);
}

/**
 * Thrown by the fetch handler after it has committed an operation whose response a
 * `lost_response` fault drops. An in-process `fetch` built on the handler rejects with it, as a
 * real fetch rejects on a dropped connection; the Node server destroys the socket instead.
 */
export class LostResponseError extends Error {
  constructor(method: string, path: string) {
    super(`Simulated lost response for ${method} ${path}: the operation was committed`);
    this.name = "LostResponseError";
  }
}
