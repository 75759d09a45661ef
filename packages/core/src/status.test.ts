import { describe, expect, it } from "vitest";
import {
  EXECUTION_STATUS_WORDS,
  isTerminalExecutionState,
  normaliseExecutionStatus,
  normaliseSourceStatus,
  SOURCE_STATUS_WORDS,
  TERMINAL_EXECUTION_STATES,
  TERMINAL_SOURCE_STATES,
} from "./status.ts";

describe("normaliseExecutionStatus", () => {
  it.each([
    ["COMPLETED", "succeeded", true],
    ["SUCCESSFUL", "succeeded", true],
    // Words live integrators map as success: read as unknown before, they polled to the cap.
    ["SUCCESS", "succeeded", true],
    ["SUCCEEDED", "succeeded", true],
    ["PAID", "succeeded", true],
    ["FAILED", "failed", true],
    ["CANCELED", "failed", true],
    ["CANCELLED", "failed", true],
    ["EXPIRED", "failed", true],
    ["REJECTED", "failed", true],
    ["DECLINED", "failed", true],
    ["PENDING", "pending", false],
    ["PROCESSING", "processing", false],
  ] as const)("%s → %s (terminal %s)", (raw, state, terminal) => {
    expect(normaliseExecutionStatus(raw)).toEqual({ state, raw, terminal });
  });

  it.each([
    ["completed", "succeeded"],
    ["  Successful\n", "succeeded"],
    ["Cancelled", "failed"],
    [" processing ", "processing"],
    ["pending", "pending"],
  ] as const)("reads %j case-insensitively and trimmed, keeping the raw word", (raw, state) => {
    const status = normaliseExecutionStatus(raw);
    expect(status.state).toBe(state);
    expect(status.raw).toBe(raw);
  });

  it.each(["", "IN_PROGRESS", "AUTHORISED", "COMPLETE", "FAIL", "SUCCEEDS"])(
    "treats %j as unknown and still in progress",
    (raw) => {
      expect(normaliseExecutionStatus(raw)).toEqual({ state: "unknown", raw, terminal: false });
    },
  );

  it("does not throw on a non-string at runtime", () => {
    expect(normaliseExecutionStatus(42 as unknown as string)).toEqual({
      state: "unknown",
      raw: 42,
      terminal: false,
    });
  });

  it("reads every listed word as its state", () => {
    for (const [state, words] of Object.entries(EXECUTION_STATUS_WORDS)) {
      for (const word of words) expect(normaliseExecutionStatus(word).state).toBe(state);
    }
  });
});

describe("normaliseSourceStatus", () => {
  it.each([
    ["IDLE", "idle", false],
    ["ACTIVE", "active", false],
    ["PROCESSING", "processing", false],
    ["PAID", "paid", true],
    ["CANCELED", "canceled", true],
    ["CANCELLED", "canceled", true],
    [" paid ", "paid", true],
    ["Canceled", "canceled", true],
    ["COMPLETED", "unknown", false],
    ["", "unknown", false],
  ] as const)("%j → %s (terminal %s)", (raw, state, terminal) => {
    expect(normaliseSourceStatus(raw)).toEqual({ state, raw, terminal });
  });

  it("reads every listed word as its state", () => {
    for (const [state, words] of Object.entries(SOURCE_STATUS_WORDS)) {
      for (const word of words) expect(normaliseSourceStatus(word).state).toBe(state);
    }
  });
});

describe("word lists", () => {
  it("are the documented words, frozen", () => {
    expect(EXECUTION_STATUS_WORDS).toEqual({
      pending: ["PENDING"],
      processing: ["PROCESSING"],
      succeeded: ["COMPLETED", "SUCCESSFUL", "SUCCESS", "SUCCEEDED", "PAID"],
      failed: ["FAILED", "CANCELED", "CANCELLED", "EXPIRED", "REJECTED", "DECLINED"],
    });
    expect(SOURCE_STATUS_WORDS).toEqual({
      idle: ["IDLE"],
      active: ["ACTIVE"],
      processing: ["PROCESSING"],
      paid: ["PAID"],
      canceled: ["CANCELED", "CANCELLED"],
    });
    for (const list of [
      EXECUTION_STATUS_WORDS,
      ...Object.values(EXECUTION_STATUS_WORDS),
      SOURCE_STATUS_WORDS,
      ...Object.values(SOURCE_STATUS_WORDS),
      TERMINAL_EXECUTION_STATES,
      TERMINAL_SOURCE_STATES,
    ]) {
      expect(Object.isFrozen(list)).toBe(true);
    }
  });

  it("name no word twice", () => {
    const executionWords = Object.values(EXECUTION_STATUS_WORDS).flat();
    expect(new Set(executionWords).size).toBe(executionWords.length);
    const sourceWords = Object.values(SOURCE_STATUS_WORDS).flat();
    expect(new Set(sourceWords).size).toBe(sourceWords.length);
  });
});

describe("isTerminalExecutionState", () => {
  it("is true only for succeeded and failed", () => {
    expect(isTerminalExecutionState("succeeded")).toBe(true);
    expect(isTerminalExecutionState("failed")).toBe(true);
    expect(isTerminalExecutionState("pending")).toBe(false);
    expect(isTerminalExecutionState("processing")).toBe(false);
    expect(isTerminalExecutionState("unknown")).toBe(false);
  });
});
