import { describe, expect, it } from "vitest";
import { DollrKitError } from "../errors.ts";
import { executeFailure, sourceRefusal } from "./refusals.ts";

const T = 1_000;
const mine = "0b0e2b5e-8f55-4a43-9a57-0c3f5b9b7f11";
const theirs = "5c2e8a10-3b4d-4e6f-8a9b-0c1d2e3f4a5b";
const busy = (referenceId: string) =>
  new DollrKitError("SOURCE_BUSY", "busy", {
    status: 409,
    definite: true,
    sourceConflict: { kind: "busy", referenceId, status: "PROCESSING" },
  });

describe("sourceRefusal", () => {
  it("reads SOURCE_BUSY (with its attempt) and ALREADY_PAID; nothing else", () => {
    expect(sourceRefusal(busy(theirs), T)).toEqual({
      type: "SOURCE_BUSY",
      holder: { referenceId: theirs, status: "PROCESSING" },
      at: T,
    });
    const paid = new DollrKitError("ALREADY_PAID", "paid", {
      sourceConflict: { kind: "paid", paidAt: "2026-06-01T10:00:00Z" },
    });
    expect(sourceRefusal(paid, T)).toEqual({
      type: "ALREADY_PAID",
      paidAt: "2026-06-01T10:00:00Z",
    });
    expect(sourceRefusal(new DollrKitError("ALREADY_PAID", "paid"), T)).toEqual({
      type: "ALREADY_PAID",
      paidAt: null,
    });
    expect(sourceRefusal(new DollrKitError("SOURCE_BUSY", "busy"), T)).toBeNull();
    // A reference id the kit cannot follow (not a lowercase UUID v4) is not followed.
    expect(sourceRefusal(busy("../../kit/config"), T)).toBeNull();
    expect(executeFailure(busy("../../kit/config"), mine, T)).toMatchObject({
      event: { type: "EXECUTE_REFUSED", reason: "rejected" },
    });
    expect(sourceRefusal(new DollrKitError("FORBIDDEN", "no"), T)).toBeNull();
    expect(sourceRefusal(new Error("boom"), T)).toBeNull();
  });
});

describe("executeFailure", () => {
  it("follows another attempt that holds the source, and verifies when it names this one", () => {
    expect(executeFailure(busy(theirs), mine, T)).toMatchObject({
      outcome: "source_busy",
      event: { type: "SOURCE_BUSY", holder: { referenceId: theirs } },
    });
    // The proxy holds this very attempt: it may have been sent, so it is verified, never closed.
    expect(executeFailure(busy(mine), mine, T)).toMatchObject({
      outcome: "ambiguous",
      event: { type: "EXECUTE_AMBIGUOUS", at: T },
    });
  });

  it("closes at once on a definite refusal, naming a used card", () => {
    expect(
      executeFailure(new DollrKitError("CARD_USED", "used", { definite: true }), mine, T),
    ).toMatchObject({
      outcome: "card_used",
      event: { type: "EXECUTE_REFUSED", reason: "card_used", error: { code: "CARD_USED" } },
    });
    expect(
      executeFailure(new DollrKitError("SERVER", "not recorded", { definite: true }), mine, T),
    ).toMatchObject({ outcome: "refused", event: { type: "EXECUTE_REFUSED", reason: "rejected" } });
    expect(executeFailure(new DollrKitError("SESSION_EXPIRED", "gone"), mine, T)).toMatchObject({
      event: { type: "EXECUTE_REFUSED", reason: "session_expired" },
    });
    expect(executeFailure(new DollrKitError("ALREADY_PAID", "paid"), mine, T)).toMatchObject({
      outcome: "already_paid",
      event: { type: "ALREADY_PAID", paidAt: null },
    });
    expect(
      executeFailure(new DollrKitError("NETWORK", "lost", { ambiguous: true }), mine, T),
    ).toMatchObject({ outcome: "ambiguous", event: { type: "EXECUTE_AMBIGUOUS" } });
  });
});
