import { describe, expect, it } from "vitest";
import {
  DOLLR_KIT_ERROR_CODES,
  DollrKitError,
  type DollrKitErrorCode,
  errorFromResponse,
  isDollrKitError,
  parseRetryAfter,
} from "./errors.ts";

const NOW = Date.parse("2026-06-23T12:00:00Z");

describe("DollrKitError", () => {
  it("is an Error with a code and safe defaults", () => {
    const error = new DollrKitError("NETWORK", "The network failed");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("DollrKitError");
    expect(error.code).toBe("NETWORK");
    expect(error.message).toBe("The network failed");
    expect(error.ambiguous).toBe(false);
    expect(error.status).toBeUndefined();
    expect(error.retryAfterMs).toBeUndefined();
    expect(error.fields).toEqual([]);
    expect(error.cause).toBeUndefined();
    expect(String(error)).toBe("DollrKitError: The network failed");
  });

  it("keeps its options", () => {
    const cause = new TypeError("fetch failed");
    const error = new DollrKitError("RATE_LIMITED", "Slow down", {
      ambiguous: true,
      status: 429,
      retryAfterMs: 2000,
      detail: "Too many requests",
      fields: [{ path: "a", message: "b" }],
      cause,
    });
    expect(error).toMatchObject({
      ambiguous: true,
      status: 429,
      retryAfterMs: 2000,
      detail: "Too many requests",
      fields: [{ path: "a", message: "b" }],
      cause,
    });
    expect(Object.isFrozen(error.fields)).toBe(true);
  });

  it("has a closed list of eighteen codes", () => {
    expect([...DOLLR_KIT_ERROR_CODES].sort()).toEqual(
      [
        "ABORTED",
        "CONFIGURATION",
        "CONFLICT",
        "FORBIDDEN",
        "INVALID_RESPONSE",
        "NETWORK",
        "NOT_FOUND",
        "PAYLOAD_TOO_LARGE",
        "RATE_LIMITED",
        "SERVER",
        "SESSION_EXPIRED",
        "TIMEOUT",
        "UNAUTHORIZED",
        "UNSUPPORTED_MEDIA_TYPE",
        "VALIDATION",
        "SOURCE_BUSY",
        "ALREADY_PAID",
        "CARD_USED",
      ].sort(),
    );
    expect(Object.isFrozen(DOLLR_KIT_ERROR_CODES)).toBe(true);
  });

  it("logs as JSON without the raw detail, which may echo request data", () => {
    const error = errorFromResponse({
      status: 422,
      body: {
        detail: [
          {
            type: "string_too_short",
            loc: ["body", "passcode", "token", "code"],
            msg: "String should have at least 6 characters",
            input: "12345",
          },
        ],
      },
    });
    const logged = JSON.stringify(error);
    expect(logged).not.toContain("12345");
    expect(JSON.parse(logged)).toEqual({
      name: "DollrKitError",
      code: "VALIDATION",
      message:
        "The request was rejected (HTTP 422): passcode.token.code: String should have at least 6 characters",
      ambiguous: false,
      status: 422,
      fields: [
        {
          path: "passcode.token.code",
          message: "String should have at least 6 characters",
          type: "string_too_short",
        },
      ],
    });
  });

  it("logs its cause by name and message, and a DollrKitError cause in full", () => {
    const inner = new DollrKitError("TIMEOUT", "No answer in 10 s", { ambiguous: true });
    const outer = new DollrKitError("NETWORK", "Lost", { cause: inner });
    expect(outer.toJSON().cause).toEqual(inner.toJSON());
    const fromTypeError = new DollrKitError("NETWORK", "Lost", {
      cause: new TypeError("fetch failed"),
    });
    expect(fromTypeError.toJSON().cause).toEqual({ name: "TypeError", message: "fetch failed" });
    const fromString = new DollrKitError("NETWORK", "Lost", { cause: "secret-ish string" });
    expect(JSON.stringify(fromString)).not.toContain("secret-ish");
  });
});

describe("isDollrKitError", () => {
  it("recognises the class and, optionally, the codes", () => {
    const error = new DollrKitError("SERVER", "Down");
    expect(isDollrKitError(error)).toBe(true);
    expect(isDollrKitError(error, "SERVER", "NETWORK")).toBe(true);
    expect(isDollrKitError(error, "NETWORK")).toBe(false);
  });

  it("recognises one from another copy of the package by its shape", () => {
    const foreign = Object.assign(new Error("Down"), {
      name: "DollrKitError",
      code: "SERVER",
      ambiguous: true,
    });
    expect(isDollrKitError(foreign)).toBe(true);
    expect(isDollrKitError(foreign, "SERVER")).toBe(true);
  });

  it.each([
    new Error("plain"),
    Object.assign(new Error("x"), { name: "DollrKitError", code: "NOPE", ambiguous: false }),
    Object.assign(new Error("x"), { name: "DollrKitError", code: "SERVER" }),
    { name: "DollrKitError", code: "SERVER", ambiguous: false, message: "not an Error" },
    null,
    undefined,
    "DollrKitError",
  ])("rejects %j", (value) => {
    expect(isDollrKitError(value)).toBe(false);
  });
});

describe("parseRetryAfter", () => {
  it.each([
    ["7", 7000],
    ["0", 0],
    [" 120 ", 120_000],
    ["1.5", 1500],
    ["Tue, 23 Jun 2026 12:00:30 GMT", 30_000],
    ["Tue, 23 Jun 2026 11:00:00 GMT", 0],
  ] as const)("reads %j as %s ms", (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it.each([null, undefined, "", "-1", "soon", "12abc", "1e3"])("ignores %j", (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

function expectError(
  error: DollrKitError,
  code: DollrKitErrorCode,
  extra: Partial<Pick<DollrKitError, "ambiguous" | "status" | "retryAfterMs" | "message">> = {},
) {
  expect(error).toBeInstanceOf(DollrKitError);
  expect(error.code).toBe(code);
  expect(error).toMatchObject(extra);
}

describe("errorFromResponse: 422 validation bodies", () => {
  it("maps pydantic v1's detail[] to VALIDATION fields without the body prefix", () => {
    const body = {
      detail: [{ loc: ["body", "currency"], msg: "field required", type: "value_error.missing" }],
    };
    const error = errorFromResponse({ status: 422, body });
    expectError(error, "VALIDATION", {
      status: 422,
      ambiguous: false,
      message: "The request was rejected (HTTP 422): currency: field required",
    });
    expect(error.fields).toEqual([
      { path: "currency", message: "field required", type: "value_error.missing" },
    ]);
    expect(error.detail).toEqual(body.detail);
  });

  it("maps pydantic v2's spelling with extra keys, never quoting the input", () => {
    const error = errorFromResponse({
      status: 422,
      body: JSON.stringify({
        detail: [
          {
            type: "missing",
            loc: ["body", "currency"],
            msg: "Field required",
            input: { session_id: "55", client_secret: "pi_1_secret_2" },
            url: "https://errors.pydantic.dev/2.7/v/missing",
          },
          {
            type: "string_pattern_mismatch",
            loc: ["query", "phone"],
            msg: "String should match pattern '^[1-9]\\d{7,14}$'",
            ctx: { pattern: "^[1-9]\\d{7,14}$" },
            input: "0123",
          },
        ],
      }),
    });
    expectError(error, "VALIDATION");
    expect(error.fields).toEqual([
      { path: "currency", message: "Field required", type: "missing" },
      {
        path: "phone",
        message: "String should match pattern '^[1-9]\\d{7,14}$'",
        type: "string_pattern_mismatch",
      },
    ]);
    expect(error.message).not.toContain("pi_1_secret_2");
    expect(error.message).not.toContain("0123");
  });

  it("writes nested paths with dots and keeps a bare location", () => {
    const error = errorFromResponse({
      status: 422,
      body: {
        detail: [
          { loc: ["body", "items", 0, "amount"], msg: "bad" },
          { loc: ["body"], msg: "JSON decode error", type: "json_invalid" },
          { msg: "no loc at all" },
        ],
      },
    });
    expect(error.fields.map((field) => field.path)).toEqual(["items.0.amount", "body", ""]);
    expect(error.fields[0]).not.toHaveProperty("type");
  });

  it("lists at most three fields in the message", () => {
    const detail = ["a", "b", "c", "d", "e"].map((name) => ({
      loc: ["body", name],
      msg: "field required",
    }));
    const error = errorFromResponse({ status: 422, body: { detail } });
    expect(error.fields).toHaveLength(5);
    expect(error.message).toBe(
      "The request was rejected (HTTP 422): a: field required; b: field required; c: field required (and 2 more)",
    );
  });

  it.each([
    { detail: "Session expired" },
    { detail: "Checkout session has expired" },
    { detail: "session not found" },
    { detail: "Session 55 does not exist" },
    { detail: "Invalid session" },
    { detail: [{ loc: ["body", "session_id"], msg: "Session not found / expired" }] },
    { detail: [{ loc: ["body", "session_id"], msg: "not found", type: "value_error" }] },
  ])("maps a 422 about a gone session to SESSION_EXPIRED: %j", (body) => {
    const error = errorFromResponse({ status: 422, body });
    expectError(error, "SESSION_EXPIRED", { status: 422, ambiguous: false });
    expect(error.message).toMatch(/^The checkout session is expired or unknown \(HTTP 422\)/);
  });

  it.each([
    { detail: "Duplicate reference_id" },
    { detail: "reference_id already exists" },
    { detail: [{ loc: ["body", "reference_id"], msg: "duplicate / already exists" }] },
  ])("maps a 422 about a reused reference to CONFLICT: %j", (body) => {
    expectError(errorFromResponse({ status: 422, body }), "CONFLICT", { status: 422 });
  });

  it("does not take another field's 'not found' for a gone session", () => {
    const error = errorFromResponse({
      status: 422,
      body: {
        detail: [
          { loc: ["body", "session_id"], msg: "field required" },
          { loc: ["body", "payment_account_id"], msg: "not found" },
        ],
      },
    });
    expectError(error, "VALIDATION");
  });

  it("reads a 400 the same way", () => {
    expectError(errorFromResponse({ status: 400, body: { detail: "Bad request" } }), "VALIDATION", {
      message: "The request was rejected (HTTP 400): Bad request",
    });
    expectError(
      errorFromResponse({ status: 400, body: { detail: "Session expired" } }),
      "SESSION_EXPIRED",
    );
  });
});

describe("errorFromResponse: other statuses", () => {
  it.each([
    [
      401,
      { detail: "Could not validate credentials" },
      "UNAUTHORIZED",
      "Not authorised (HTTP 401): Could not validate credentials",
    ],
    [
      401,
      { detail: "Not authenticated" },
      "UNAUTHORIZED",
      "Not authorised (HTTP 401): Not authenticated",
    ],
    [
      403,
      { detail: "Merchant verification incomplete" },
      "FORBIDDEN",
      "Forbidden (HTTP 403): Merchant verification incomplete",
    ],
    [404, { detail: "Not Found" }, "NOT_FOUND", "Not found (HTTP 404): Not Found"],
    [410, undefined, "NOT_FOUND", "Not found (HTTP 410)"],
    [
      405,
      { detail: "Method Not Allowed" },
      "CONFIGURATION",
      "The endpoint does not accept this method (HTTP 405); check the proxy's routes: Method Not Allowed",
    ],
    [409, { detail: "Conflict" }, "CONFLICT", "Conflict (HTTP 409): Conflict"],
    [
      413,
      { detail: "Body too large" },
      "PAYLOAD_TOO_LARGE",
      "The request is too large (HTTP 413): Body too large",
    ],
    [415, "", "UNSUPPORTED_MEDIA_TYPE", "The request's content type is not accepted (HTTP 415)"],
    [
      418,
      { message: "I'm a teapot" },
      "VALIDATION",
      "The request was rejected (HTTP 418): I'm a teapot",
    ],
    [
      451,
      { error: "Unavailable" },
      "VALIDATION",
      "The request was rejected (HTTP 451): Unavailable",
    ],
  ] as const)("%s %j → %s", (status, body, code, message) => {
    const error = errorFromResponse({ status, body, ambiguousOnServerError: true });
    expectError(error, code, { status, message, ambiguous: false });
  });

  it.each([500, 502, 503, 504])("%s → SERVER, ambiguous only when asked", (status) => {
    const body = { detail: "Internal Server Error" };
    expectError(errorFromResponse({ status, body }), "SERVER", {
      status,
      ambiguous: false,
      message: `The server failed (HTTP ${status}): Internal Server Error`,
    });
    expectError(errorFromResponse({ status, body, ambiguousOnServerError: true }), "SERVER", {
      ambiguous: true,
    });
  });

  it("408 → TIMEOUT, ambiguous when asked", () => {
    expectError(errorFromResponse({ status: 408, ambiguousOnServerError: true }), "TIMEOUT", {
      ambiguous: true,
      message: "The server timed out (HTTP 408)",
    });
  });

  it("lets the proxy's own `ambiguous` flag decide", () => {
    const landed = errorFromResponse({
      status: 502,
      body: { detail: "Dollr did not answer", ambiguous: true },
    });
    expectError(landed, "SERVER", {
      ambiguous: true,
      message: "The server failed (HTTP 502): Dollr did not answer",
    });
    const neverSent = errorFromResponse({
      status: 502,
      body: { detail: "Dollr unreachable", ambiguous: false },
      ambiguousOnServerError: true,
    });
    expect(neverSent.ambiguous).toBe(false);
    expect(neverSent.definite).toBe(true);
    expect(landed.definite).toBe(false);
  });

  it('is definite only when the body says `"ambiguous": false` outright', () => {
    const said = errorFromResponse({
      status: 503,
      body: { detail: "Not recorded, not sent", code: "STORE_UNAVAILABLE", ambiguous: false },
      ambiguousOnServerError: true,
    });
    expect(said).toMatchObject({ code: "SERVER", ambiguous: false, definite: true });
    expect(said.toJSON()).toMatchObject({ ambiguous: false, definite: true });
    const silent = errorFromResponse({ status: 422, body: { detail: "bad" } });
    expect(silent).toMatchObject({ ambiguous: false, definite: false });
    expect(silent.toJSON()).not.toHaveProperty("definite");
    // Both at once cannot be: "it may have landed" wins.
    expect(new DollrKitError("SERVER", "x", { ambiguous: true, definite: true }).definite).toBe(
      false,
    );
  });

  it("reads the proxy's SOURCE_BUSY with the attempt in flight", () => {
    const busy = errorFromResponse({
      status: 409,
      body: {
        detail: "A payment for this source is already in progress",
        code: "SOURCE_BUSY",
        ambiguous: false,
        reference_id: "3f1c9a52-8d0e-4b7a-9c2f-5e6d7a8b9c01",
        status: "PROCESSING",
      },
      ambiguousOnServerError: true,
    });
    expect(busy).toMatchObject({
      code: "SOURCE_BUSY",
      status: 409,
      ambiguous: false,
      definite: true,
      sourceConflict: {
        kind: "busy",
        referenceId: "3f1c9a52-8d0e-4b7a-9c2f-5e6d7a8b9c01",
        status: "PROCESSING",
      },
    });
    expect(busy.message).toBe(
      "Refused by the payment proxy (HTTP 409): A payment for this source is already in progress",
    );
    expect(busy.toJSON().sourceConflict).toEqual(busy.sourceConflict);
    const noStatus = errorFromResponse({
      status: 409,
      body: {
        code: "SOURCE_BUSY",
        reference_id: "3f1c9a52-8d0e-4b7a-9c2f-5e6d7a8b9c01",
        status: null,
      },
    });
    expect(noStatus.sourceConflict).toMatchObject({ kind: "busy", status: null });
    // Without a reference id there is nothing to carry.
    const unnamed = errorFromResponse({
      status: 409,
      body: { code: "SOURCE_BUSY", reference_id: 7 },
    });
    expect(unnamed).toMatchObject({ code: "SOURCE_BUSY", sourceConflict: undefined });
  });

  it("reads the proxy's ALREADY_PAID with when, and CARD_USED", () => {
    expect(
      errorFromResponse({
        status: 409,
        body: { code: "ALREADY_PAID", ambiguous: false, paid_at: "2026-06-01T10:00:00Z" },
      }),
    ).toMatchObject({
      code: "ALREADY_PAID",
      definite: true,
      sourceConflict: { kind: "paid", paidAt: "2026-06-01T10:00:00Z" },
    });
    expect(
      errorFromResponse({ status: 409, body: { code: "ALREADY_PAID", paid_at: null } })
        .sourceConflict,
    ).toEqual({ kind: "paid", paidAt: null });
    expect(
      errorFromResponse({
        status: 409,
        body: { detail: "Add the card again", code: "CARD_USED", ambiguous: false },
      }),
    ).toMatchObject({ code: "CARD_USED", definite: true, sourceConflict: undefined });
    // Only the proxy's 4xx: a 5xx keeps its own code, and an unknown `code` changes nothing.
    expect(errorFromResponse({ status: 503, body: { code: "SOURCE_BUSY" } }).code).toBe("SERVER");
    expect(errorFromResponse({ status: 409, body: { code: "SOMETHING" } }).code).toBe("CONFLICT");
  });

  it("says clearly when the body is not JSON, without quoting it", () => {
    const error = errorFromResponse({
      status: 502,
      body: "<html><body>Bad gateway token=abc</body></html>",
    });
    expectError(error, "SERVER", {
      message: "The server failed (HTTP 502) (the body is not JSON)",
    });
  });

  it("gives a clear message for JSON of an unknown shape, or none", () => {
    expect(errorFromResponse({ status: 500, body: { foo: 1 } }).message).toBe(
      "The server failed (HTTP 500)",
    );
    expect(errorFromResponse({ status: 500, body: "[1,2]" }).message).toBe(
      "The server failed (HTTP 500)",
    );
    expect(errorFromResponse({ status: 404, body: null }).message).toBe("Not found (HTTP 404)");
    expect(errorFromResponse({ status: 404, body: "   " }).message).toBe("Not found (HTTP 404)");
  });

  it("clips a long detail to one short line", () => {
    const error = errorFromResponse({ status: 403, body: { detail: `x\n${"y".repeat(500)}` } });
    expect(error.message.length).toBeLessThan(240);
    expect(error.message).toMatch(/^Forbidden \(HTTP 403\): x y+…$/);
  });

  it("maps a status that is not an error to INVALID_RESPONSE", () => {
    expectError(errorFromResponse({ status: 200, body: "{}" }), "INVALID_RESPONSE", {
      message: "Unexpected HTTP status 200",
    });
    expectError(errorFromResponse({ status: 302 }), "INVALID_RESPONSE");
    expectError(errorFromResponse({ status: 600 }), "INVALID_RESPONSE");
  });
});

describe("errorFromResponse: 429", () => {
  it("reads Retry-After seconds from a Headers object", () => {
    const error = errorFromResponse({
      status: 429,
      body: { detail: "Too Many Requests" },
      headers: new Headers({ "Retry-After": "3" }),
    });
    expectError(error, "RATE_LIMITED", {
      status: 429,
      retryAfterMs: 3000,
      ambiguous: false,
      message: "Too many requests (HTTP 429); retry after 3 s",
    });
  });

  it("reads an HTTP-date Retry-After from a plain record, in any letter case", () => {
    const error = errorFromResponse({
      status: 429,
      headers: { "RETRY-AFTER": "Tue, 23 Jun 2026 12:01:00 GMT" },
      now: NOW,
    });
    expect(error.retryAfterMs).toBe(60_000);
  });

  it("reads Node's header arrays", () => {
    const error = errorFromResponse({ status: 429, headers: { "retry-after": ["5"] } });
    expect(error.retryAfterMs).toBe(5000);
  });

  it("leaves retryAfterMs undefined when absent or unreadable", () => {
    expect(errorFromResponse({ status: 429 }).retryAfterMs).toBeUndefined();
    expect(
      errorFromResponse({ status: 429, headers: { "retry-after": "later" } }).retryAfterMs,
    ).toBeUndefined();
    expect(errorFromResponse({ status: 429 }).message).toBe("Too many requests (HTTP 429)");
  });

  it("is ambiguous when asked, since an execute may have landed", () => {
    expect(errorFromResponse({ status: 429, ambiguousOnServerError: true }).ambiguous).toBe(true);
  });
});
