import { describe, expect, it, vi } from "vitest";
import {
  type Attempt,
  CLOSED_ATTEMPTS_KEPT,
  createAttemptLedger,
  executePayloadOf,
  LEDGER_KEY_PREFIX,
  LedgerError,
  type NewAttempt,
  parseAttempt,
} from "./ledger.ts";
import { createMemoryStorage, type StorageLike } from "./storage.ts";

const source = { type: "INVOICE", id: 7 } as const;
const draft: NewAttempt = {
  source,
  sessionId: "55",
  sessionExpiresAt: "2026-01-01T00:15:00Z",
  paymentAccountId: "42",
  currency: "LRD",
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function setup(storage: StorageLike = createMemoryStorage()) {
  let now = 1_000;
  const onProblem = vi.fn();
  const ledger = createAttemptLedger({ storage, now: () => now, onProblem });
  return { ledger, storage, onProblem, tick: (ms: number) => (now += ms) };
}

describe("attempt ledger", () => {
  it("mints a UUID v4 and has it in storage when open() returns", () => {
    const { ledger, storage } = setup();
    const attempt = ledger.open(draft);
    expect(attempt.referenceId).toMatch(UUID);
    expect(storage.getItem(ledger.keyOf(source))).toContain(attempt.referenceId);
    expect(attempt).toMatchObject({ executeCalls: 1, outcome: "open", answerSeen: false });
    expect(ledger.keyOf(source)).toBe(`${LEDGER_KEY_PREFIX}INVOICE:7`);
  });

  it("keeps one open attempt per source", () => {
    const { ledger } = setup();
    ledger.open(draft);
    expect(() => ledger.open(draft)).toThrow(LedgerError);
    // Another source is independent.
    expect(() => ledger.open({ ...draft, source: { type: "ORDER", id: 7 } })).not.toThrow();
  });

  it("is read back by a new ledger over the same storage (a reload)", () => {
    const storage = createMemoryStorage();
    const first = setup(storage).ledger.open(draft);
    const reloaded = setup(storage).ledger.read(source);
    expect(reloaded.open).toEqual(first);
    expect(reloaded.latest).toEqual(first);
  });

  it("records answers and closes only once", () => {
    const { ledger, tick } = setup();
    const attempt = ledger.open(draft);
    tick(5);
    ledger.markSettled(source, attempt.referenceId);
    ledger.recordAnswer(source, attempt.referenceId, "PROCESSING");
    const closed = ledger.close(source, attempt.referenceId, "succeeded");
    expect(closed).toMatchObject({
      answerSeen: true,
      lastStatus: "PROCESSING",
      lastSettledAt: 1_005,
      outcome: "succeeded",
      closedAt: 1_005,
    });
    expect(ledger.close(source, attempt.referenceId, "failed")?.outcome).toBe("succeeded");
    expect(ledger.read(source).open).toBeNull();
    expect(ledger.open(draft).referenceId).not.toBe(attempt.referenceId);
  });

  it("replays a not-landed attempt with the same id and payload, counting the send", () => {
    const { ledger } = setup();
    const attempt = ledger.open(draft);
    ledger.close(source, attempt.referenceId, "not_landed");
    const replay = ledger.replay(source, attempt.referenceId);
    expect(replay).toMatchObject({ outcome: "open", executeCalls: 2 });
    expect(executePayloadOf(replay)).toEqual(executePayloadOf(attempt));
  });

  it("refuses to replay a finished attempt, or while another is open", () => {
    const { ledger } = setup();
    const done = ledger.open(draft);
    ledger.close(source, done.referenceId, "failed");
    expect(() => ledger.replay(source, done.referenceId)).toThrow(LedgerError);
    const lost = ledger.open(draft);
    ledger.close(source, lost.referenceId, "not_landed");
    ledger.open(draft);
    expect(() => ledger.replay(source, lost.referenceId)).toThrow(LedgerError);
  });

  it("opens again an attempt thought not landed when an answer arrives", () => {
    const { ledger } = setup();
    const attempt = ledger.open(draft);
    ledger.close(source, attempt.referenceId, "not_landed");
    const back = ledger.recordAnswer(source, attempt.referenceId, "PROCESSING");
    expect(back).toMatchObject({ outcome: "open", answerSeen: true, closedAt: null });
  });

  it("keeps a bounded history of closed attempts", () => {
    const { ledger, storage, tick } = setup();
    const ids: string[] = [];
    for (let i = 0; i < CLOSED_ATTEMPTS_KEPT + 3; i += 1) {
      const attempt = ledger.open(draft);
      ids.push(attempt.referenceId);
      tick(1);
      ledger.close(source, attempt.referenceId, "failed");
    }
    const open = ledger.open(draft);
    const stored = JSON.parse(storage.getItem(ledger.keyOf(source)) ?? "null");
    const kept = stored.attempts.map((attempt: Attempt) => attempt.referenceId);
    expect(kept).toEqual([...ids.slice(-CLOSED_ATTEMPTS_KEPT), open.referenceId]);
    expect(ledger.read(source).open).toEqual(open);
    expect(ledger.read(source).latest).toEqual(open);
  });

  it("backs up corrupt storage, reports it, and keeps the ids it can see until status says", () => {
    const storage = createMemoryStorage();
    const { ledger, onProblem } = setup(storage);
    const key = ledger.keyOf(source);
    const lost = "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f";
    storage.setItem(key, `{"v":1,"attempts":[{"referenceId":"${lost}"`);
    const snapshot = ledger.read(source);
    expect(snapshot.problems).toHaveLength(1);
    const [problem] = snapshot.problems;
    expect(problem?.salvagedReferenceIds).toEqual([lost]);
    expect(problem?.backupKey && storage.getItem(problem.backupKey)).toContain(lost);
    expect(onProblem).toHaveBeenCalledWith(problem, source);
    // The salvaged id may have moved money: it is followed like an open attempt, and no new
    // attempt opens until status closed it (before, a second payment could start at once).
    expect(snapshot.open).toMatchObject({ referenceId: lost, outcome: "unverified" });
    expect(() => ledger.open(draft)).toThrow(LedgerError);
    ledger.recordAnswer(source, lost, "FAILED");
    ledger.close(source, lost, "failed");
    expect(ledger.read(source).open).toBeNull();
    expect(ledger.open(draft).outcome).toBe("open");
  });

  it("remembers once that the host was told of an outcome", () => {
    const { ledger } = setup(createMemoryStorage());
    const attempt = ledger.open(draft);
    ledger.close(source, attempt.referenceId, "succeeded");
    expect(ledger.markTold(source, attempt.referenceId)).toBe(true);
    expect(ledger.markTold(source, attempt.referenceId)).toBe(false);
    expect(ledger.read(source).latest?.told).toBe(true);
  });

  it("keeps the readable attempts of a partly corrupt record", () => {
    const storage = createMemoryStorage();
    const { ledger } = setup(storage);
    const good = ledger.open(draft);
    const key = ledger.keyOf(source);
    const record = JSON.parse(storage.getItem(key) ?? "{}");
    record.attempts.push({ referenceId: "broken" }, 42);
    storage.setItem(key, JSON.stringify(record));
    const snapshot = ledger.read(source);
    expect(snapshot.open).toEqual(good);
    expect(snapshot.problems).toHaveLength(1);
  });

  it("treats another version's record as unreadable (backed up, not misread)", () => {
    const storage = createMemoryStorage();
    const { ledger } = setup(storage);
    storage.setItem(ledger.keyOf(source), JSON.stringify({ v: 99, attempts: [] }));
    expect(ledger.read(source).problems).toHaveLength(1);
  });

  it("refuses to write over unreadable text it could not back up", () => {
    const inner = createMemoryStorage();
    const storage: StorageLike = {
      getItem: (key) => inner.getItem(key),
      removeItem: (key) => inner.removeItem(key),
      setItem: (key, value) => {
        if (key.includes(":corrupt:")) throw new Error("QuotaExceededError");
        inner.setItem(key, value);
      },
    };
    const { ledger } = setup(storage);
    inner.setItem(ledger.keyOf(source), "not json");
    expect(() => ledger.open(draft)).toThrow(LedgerError);
    expect(inner.getItem(ledger.keyOf(source))).toBe("not json");
  });

  it("fails loudly when storage refuses the write (so nothing is sent)", () => {
    const storage: StorageLike = {
      getItem: () => null,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => {},
    };
    const { ledger } = setup(storage);
    expect(() => ledger.open(draft)).toThrow(
      expect.objectContaining({ reason: "storage_unavailable" }),
    );
  });

  it("fails loudly when storage drops a write silently", () => {
    const storage: StorageLike = { getItem: () => null, setItem: () => {}, removeItem: () => {} };
    expect(() => setup(storage).ledger.open(draft)).toThrow(LedgerError);
  });
});

describe("parseAttempt", () => {
  const valid: Attempt = {
    referenceId: "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f",
    source,
    sessionId: "55",
    sessionExpiresAt: null,
    paymentAccountId: "42",
    currency: "LRD",
    createdAt: 1,
    executeCalls: 1,
    lastSentAt: 1,
    lastSettledAt: null,
    answerSeen: false,
    lastStatus: null,
    outcome: "open",
    closedAt: null,
  };

  it("accepts a well-formed attempt and drops unknown fields", () => {
    expect(parseAttempt({ ...valid, extra: true })).toEqual(valid);
  });

  it.each([
    ["referenceId", 5],
    ["referenceId", ""],
    ["source", { type: "SUBSCRIPTION", id: 1 }],
    ["sessionId", 55],
    ["executeCalls", "1"],
    ["outcome", "maybe"],
    ["answerSeen", "yes"],
    ["lastSentAt", Number.NaN],
  ])("rejects a wrong %s", (field, value) => {
    expect(parseAttempt({ ...valid, [field]: value })).toBeNull();
  });
});
