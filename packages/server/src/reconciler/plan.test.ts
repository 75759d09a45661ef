// The reconciler's decisions as pure functions of a record and the time.
import { describe, expect, it } from "vitest";
import { type AttemptRecord, freshAttemptFields } from "../stores/attempt-store.ts";
import { DEFAULT_NOT_LANDED_CHECKS_MS, DEFAULT_RECONCILE_SCHEDULE_MS } from "./options.ts";
import {
  lateChecksDone,
  nextCheck,
  nextLateCheck,
  pastUnresolvedLimit,
  planVisit,
  scheduledWait,
  wantsNotify,
} from "./plan.ts";

const T0 = Date.parse("2026-07-01T10:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();
const CHECKS = DEFAULT_NOT_LANDED_CHECKS_MS;

function attempt(change: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    referenceId: "3f1c9a52-8d0e-4b7a-9c2f-5e6d7a8b9c01",
    operation: "COLLECTION",
    customerId: "alice",
    sessionId: "1",
    source: { source_type: "INVOICE", source_id: 1001 },
    paymentAccountId: "1",
    currency: "USD",
    createdAt: iso(T0),
    updatedAt: iso(T0),
    status: null,
    statusCheckedAt: null,
    httpStatus: null,
    ambiguous: true,
    ...freshAttemptFields(),
    ...change,
  };
}

describe("planVisit", () => {
  it("checks open and unresolved attempts when due, else waits", () => {
    expect(planVisit(attempt(), T0, CHECKS)).toBe("check");
    expect(planVisit(attempt({ nextCheckAt: iso(T0 + 1) }), T0, CHECKS)).toBe("wait");
    expect(planVisit(attempt({ outcome: "unresolved", nextCheckAt: iso(T0) }), T0, CHECKS)).toBe(
      "check",
    );
  });

  it("notifies settled attempts not told yet, unless a hook retry is still ahead", () => {
    const settled = attempt({ outcome: "succeeded", settledAt: iso(T0), status: "COMPLETED" });
    expect(planVisit(settled, T0, CHECKS)).toBe("notify");
    expect(planVisit({ ...settled, nextCheckAt: iso(T0 + 30_000) }, T0, CHECKS)).toBe("wait");
    expect(planVisit({ ...settled, notifiedAt: iso(T0) }, T0, CHECKS)).toBe("wait");
  });

  it("reads a not-landed attempt at each late check, and notifies it after the last", () => {
    const verdict = attempt({
      outcome: "not_landed",
      settledAt: iso(T0),
      statusCheckedAt: iso(T0),
      nextCheckAt: iso(T0 + 60_000),
    });
    expect(planVisit(verdict, T0 + 59_999, CHECKS)).toBe("wait");
    expect(planVisit(verdict, T0 + 60_000, CHECKS)).toBe("check");
    const done = { ...verdict, statusCheckedAt: iso(T0 + 600_000), nextCheckAt: null };
    expect(lateChecksDone(done, CHECKS)).toBe(true);
    expect(planVisit(done, T0 + 600_000, CHECKS)).toBe("notify");
    expect(wantsNotify(done, CHECKS)).toBe(true);
    // Dollr showed a word for it: never "did not land", whatever the time.
    expect(lateChecksDone({ ...done, status: "PROCESSING" }, CHECKS)).toBe(false);
    // No late checks at all: the verdict's own read is enough.
    expect(lateChecksDone(verdict, [])).toBe(true);
  });
});

describe("the schedules", () => {
  it("waits by the number of reads, the last wait repeating", () => {
    expect(scheduledWait(1, DEFAULT_RECONCILE_SCHEDULE_MS)).toBe(5_000);
    expect(scheduledWait(3, DEFAULT_RECONCILE_SCHEDULE_MS)).toBe(15_000);
    expect(scheduledWait(1_000, DEFAULT_RECONCILE_SCHEDULE_MS)).toBe(600_000);
    const firstHour = DEFAULT_RECONCILE_SCHEDULE_MS.slice(0, -1).reduce((a, b) => a + b, 0);
    expect(firstHour).toBeLessThanOrEqual(3_600_000);
  });

  it("reads an unproven 404 again no later than it could prove 'did not land'", () => {
    const sent = attempt({ executeEndedAt: iso(T0) });
    const options = { executeTimeoutMs: 25_000 };
    expect(nextCheck(sent, 6, T0 + 20_000, [60_000], { ...options, notFound: true })).toBe(
      iso(T0 + 30_000),
    );
    expect(nextCheck(sent, 6, T0 + 20_000, [60_000], options)).toBe(iso(T0 + 80_000));
    // The end never seen: the execute's timeout counts from when it was recorded.
    expect(nextCheck(attempt(), 1, T0, [60_000], { ...options, notFound: true })).toBe(
      iso(T0 + 55_000),
    );
  });

  it("finds the next late-landing check after a read, or none after the last", () => {
    const verdict = attempt({ outcome: "not_landed", settledAt: iso(T0) });
    expect(nextLateCheck(verdict, T0, CHECKS)).toBe(iso(T0 + 60_000));
    expect(nextLateCheck(verdict, T0 + 60_000, CHECKS)).toBe(iso(T0 + 180_000));
    expect(nextLateCheck(verdict, T0 + 599_999, CHECKS)).toBe(iso(T0 + 600_000));
    expect(nextLateCheck(verdict, T0 + 600_000, CHECKS)).toBeNull();
  });
});

describe("pastUnresolvedLimit", () => {
  it("needs both the limit and the session's expiry behind", () => {
    const open = attempt();
    const limit = 3_600_000;
    expect(pastUnresolvedLimit(open, T0 + limit - 1, limit, null)).toBe(false);
    expect(pastUnresolvedLimit(open, T0 + limit, limit, null)).toBe(true);
    expect(pastUnresolvedLimit(open, T0 + limit, limit, iso(T0 + limit + 1))).toBe(false);
    expect(pastUnresolvedLimit(open, T0 + limit + 1, limit, iso(T0 + limit + 1))).toBe(true);
  });
});
