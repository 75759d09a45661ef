/**
 * `createAttempt`: atomic on the reference id and on "one holding attempt per source", also when
 * the writes race through two connections (two proxy instances on one database).
 */
import type { CreateAttemptResult } from "../attempt-store.ts";
import {
  attemptRecord,
  check,
  freshSource,
  race,
  type StoreCase,
  same,
  sessionRecord,
  uuid,
  withFixture,
} from "./support.ts";

const RACERS = 50;

function tally(results: CreateAttemptResult[]) {
  return {
    created: results.filter((r) => r.created).length,
    existing: results.flatMap((r) => ("existing" in r ? [r.existing] : [])),
    busy: results.flatMap((r) => ("busy" in r ? [r.busy] : [])),
  };
}

export const CREATE_CASES: readonly StoreCase[] = [
  withFixture(
    "createAttempt: 50 concurrent creates of one reference id record it once",
    async (f) => {
      const attempt = attemptRecord();
      const results = await race(f, RACERS, (stores) => stores.attempts.createAttempt(attempt));
      const { created, existing, busy } = tally(results);
      check(created === 1, `expected exactly 1 created, got ${created}`);
      check(
        existing.length === RACERS - 1,
        `expected ${RACERS - 1} existing, got ${existing.length}`,
      );
      check(busy.length === 0, `expected no busy answers, got ${busy.length}`);
      for (const record of existing) same(record, attempt, "the existing record");
      same(await f.attempts.getAttempt(attempt.referenceId), attempt, "the stored record");
    },
  ),

  withFixture("createAttempt: 50 concurrent ids for one source record exactly one", async (f) => {
    const source = freshSource();
    const attempts = Array.from({ length: RACERS }, () => attemptRecord({ source }));
    const results = await race(f, RACERS, (stores, i) =>
      stores.attempts.createAttempt(attempts[i] as (typeof attempts)[number]),
    );
    const { created, existing, busy } = tally(results);
    check(created === 1, `expected exactly 1 created, got ${created}`);
    check(existing.length === 0, `expected no existing answers, got ${existing.length}`);
    check(busy.length === RACERS - 1, `expected ${RACERS - 1} busy, got ${busy.length}`);
    const winner = attempts[results.findIndex((r) => r.created)];
    check(winner !== undefined, "no winner");
    for (const record of busy) same(record, winner, "the busy answer names the winner");
    same(await f.attempts.holdingAttempt(source), winner, "holdingAttempt");
    const listed = await f.attempts.listAttempts({ source });
    check(listed.length === 1, `expected 1 attempt for the source, got ${listed.length}`);
  }),

  withFixture("createAttempt: a known reference id wins over a busy source", async (f) => {
    const holder = attemptRecord();
    await f.attempts.createAttempt(holder);
    const again = await f.attempts.createAttempt({ ...holder, currency: "LRD" });
    check("existing" in again, "the same reference id again must answer `existing`");
    same(again.existing, holder, "the existing record (unchanged by the second create)");
  }),

  withFixture("createAttempt: `unresolved` holds the source until released", async (f) => {
    const source = freshSource();
    const first = attemptRecord({
      source,
      outcome: "unresolved",
      settledAt: "2030-01-01T00:00:00.000Z",
    });
    check((await f.attempts.createAttempt(first)).created, "the first attempt is created");
    const second = attemptRecord({ source });
    const refused = await f.attempts.createAttempt(second);
    check(
      "busy" in refused && refused.busy.referenceId === first.referenceId,
      "busy with the unresolved one",
    );
    await f.attempts.settleAttempt(first.referenceId, {
      outcome: "released",
      at: "2030-01-01T01:00:00.000Z",
    });
    check((await f.attempts.createAttempt(second)).created, "created once the source is released");
  }),

  withFixture("createAttempt: a settled source accepts a new attempt", async (f) => {
    const source = freshSource();
    for (const outcome of ["succeeded", "failed", "not_landed"] as const) {
      const holder = attemptRecord({ source });
      check((await f.attempts.createAttempt(holder)).created, `holder before ${outcome} created`);
      const blocked = await f.attempts.createAttempt(attemptRecord({ source }));
      check("busy" in blocked, "a second attempt is busy while the first holds the source");
      await f.attempts.settleAttempt(holder.referenceId, {
        outcome,
        at: "2030-01-01T00:01:00.000Z",
      });
      check((await f.attempts.holdingAttempt(source)) === null, `nothing holds after ${outcome}`);
    }
    const next = attemptRecord({ source });
    check((await f.attempts.createAttempt(next)).created, "a new attempt after the settled ones");
    same(await f.attempts.holdingAttempt(source), next, "the new attempt holds the source");
  }),

  withFixture("createAttempt: only holding attempts of the same operation conflict", async (f) => {
    const source = freshSource();
    const settled = attemptRecord({
      source,
      outcome: "failed",
      settledAt: "2030-01-01T00:00:00.000Z",
    });
    check((await f.attempts.createAttempt(settled)).created, "a settled record is created");
    const open = attemptRecord({ source });
    check((await f.attempts.createAttempt(open)).created, "a settled record does not hold");
    const payout = attemptRecord({ source, operation: "PAYOUT" });
    check((await f.attempts.createAttempt(payout)).created, "another operation does not conflict");
    same(await f.attempts.holdingAttempt(source, "PAYOUT"), payout, "holdingAttempt per operation");
    const other = { source_type: "ORDER" as const, source_id: source.source_id };
    check(
      (await f.attempts.createAttempt(attemptRecord({ source: other }))).created,
      "ORDER ≠ INVOICE",
    );
    const free = [attemptRecord({ source: null }), attemptRecord({ source: null })];
    for (const a of free)
      check((await f.attempts.createAttempt(a)).created, "no source, no conflict");
  }),

  withFixture("two connections: what one writes, the other reads at once", async (f) => {
    const other = f.second ?? f;
    const session = sessionRecord();
    await f.attempts.saveSession(session);
    same(await other.attempts.getSession(session.sessionId), session, "session via the other");
    const attempt = attemptRecord();
    await other.attempts.createAttempt(attempt);
    same(await f.attempts.getAttempt(attempt.referenceId), attempt, "attempt via the other");
    await f.attempts.settleAttempt(attempt.referenceId, {
      outcome: "failed",
      at: "2030-01-01T00:00:01.000Z",
    });
    const seen = await other.attempts.getAttempt(attempt.referenceId);
    check(seen?.outcome === "failed", "the settlement is seen through the other connection");
    const lost = await other.attempts.createAttempt({ ...attempt, referenceId: uuid() });
    check(lost.created, "the source freed on one connection is free on the other");
  }),
];
