import { describe, expect, it } from "vitest";
import { DollrKitError, type DollrKitErrorCode } from "../errors.ts";
import {
  classifyExecuteFailure,
  engineErrorInfo,
  executionView,
  isRetryableSessionFailure,
  isStatusNotFound,
} from "./transport.ts";

const error = (code: DollrKitErrorCode, ambiguous = false) =>
  new DollrKitError(code, code, { ambiguous, status: 400 });

describe("classifyExecuteFailure", () => {
  it.each<[DollrKitErrorCode, boolean, string]>([
    ["NETWORK", true, "ambiguous"],
    ["TIMEOUT", true, "ambiguous"],
    ["SERVER", true, "ambiguous"],
    ["SERVER", false, "ambiguous"],
    ["RATE_LIMITED", false, "ambiguous"],
    ["INVALID_RESPONSE", false, "ambiguous"],
    ["CONFLICT", false, "ambiguous"],
    ["ABORTED", false, "ambiguous"],
    ["SESSION_EXPIRED", false, "session_expired"],
    ["VALIDATION", false, "refused"],
    ["UNAUTHORIZED", false, "refused"],
    ["FORBIDDEN", false, "refused"],
    ["NOT_FOUND", false, "refused"],
    ["VALIDATION", true, "ambiguous"],
  ])("%s (ambiguous %s) → %s", (code, ambiguous, kind) => {
    expect(classifyExecuteFailure(error(code, ambiguous))).toBe(kind);
  });

  it('honours an explicit `"ambiguous": false`: nothing was sent, whatever the code', () => {
    const definite = (code: DollrKitErrorCode, status: number) =>
      new DollrKitError(code, code, { status, definite: true });
    expect(classifyExecuteFailure(definite("CONFLICT", 409))).toBe("refused");
    expect(classifyExecuteFailure(definite("SERVER", 503))).toBe("refused");
    expect(classifyExecuteFailure(definite("SESSION_EXPIRED", 422))).toBe("session_expired");
  });

  it("reads the proxy's own refusals", () => {
    const busy = new DollrKitError("SOURCE_BUSY", "busy", {
      status: 409,
      sourceConflict: { kind: "busy", referenceId: "r", status: null },
    });
    expect(classifyExecuteFailure(busy)).toBe("source_busy");
    // Without a named attempt there is nothing to follow, but nothing was sent either.
    expect(classifyExecuteFailure(error("SOURCE_BUSY"))).toBe("refused");
    expect(classifyExecuteFailure(error("CARD_USED"))).toBe("card_used");
    expect(classifyExecuteFailure(error("ALREADY_PAID"))).toBe("already_paid");
    // An answer that says it may have landed is never a refusal.
    expect(classifyExecuteFailure(error("CARD_USED", true))).toBe("ambiguous");
  });

  it("treats anything that is not a DollrKitError as ambiguous", () => {
    expect(classifyExecuteFailure(new TypeError("fetch failed"))).toBe("ambiguous");
    expect(classifyExecuteFailure("boom")).toBe("ambiguous");
  });
});

describe("helpers", () => {
  it("retries session creation only on transient failures", () => {
    expect(isRetryableSessionFailure(error("NETWORK"))).toBe(true);
    expect(isRetryableSessionFailure(error("RATE_LIMITED"))).toBe(true);
    expect(isRetryableSessionFailure(error("FORBIDDEN"))).toBe(false);
    expect(isRetryableSessionFailure(error("VALIDATION"))).toBe(false);
  });

  it("recognises a 404 status answer", () => {
    expect(isStatusNotFound(error("NOT_FOUND"))).toBe(true);
    expect(isStatusNotFound(error("SERVER"))).toBe(false);
  });

  it("keeps an error's code, words, status and Retry-After only", () => {
    const info = engineErrorInfo(
      new DollrKitError("RATE_LIMITED", "slow", { status: 429, retryAfterMs: 3_000, detail: "x" }),
    );
    expect(info).toEqual({
      code: "RATE_LIMITED",
      message: "slow",
      status: 429,
      retryAfterMs: 3_000,
    });
    expect(engineErrorInfo(new Error("oops"))).toEqual({ code: "UNEXPECTED", message: "oops" });
  });

  it("reads an execution answer, both success words, and 3DS only with a secret", () => {
    for (const word of ["COMPLETED", "SUCCESSFUL"]) {
      expect(executionView({ reference_id: "r", status: word })).toMatchObject({
        state: "succeeded",
        terminal: true,
        raw: word,
      });
    }
    expect(
      executionView({
        reference_id: "r",
        status: "PROCESSING",
        requires_action: true,
        client_secret: "pi_s",
      }),
    ).toMatchObject({ state: "processing", requiresAction: true, clientSecret: "pi_s" });
    expect(
      executionView({
        reference_id: "r",
        status: "PROCESSING",
        requires_action: true,
        client_secret: null,
      }),
    ).toMatchObject({ requiresAction: false });
    expect(
      executionView({ reference_id: "r", status: "FAILED", gateway_message: "declined" }),
    ).toMatchObject({ state: "failed", message: "declined" });
  });
});
