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
