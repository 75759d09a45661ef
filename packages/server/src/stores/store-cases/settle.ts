/**
 * `settleAttempt` applies exactly the moves of `settleApplies`, writes what a move writes, and
 * leaves the record untouched otherwise; `updateAttempt` never moves an outcome.
 */
import {
  type AttemptOutcome,
  type AttemptRecord,
  type AttemptUpdate,
  settleApplies,
} from "../attempt-store.ts";
import {
  at,
  attemptRecord,
  check,
  freshSource,
  race,
  type StoreCase,
  same,
  uuid,
  withFixture,
} from "./support.ts";

const OUTCOMES: readonly AttemptOutcome[] = [
  "open",
  "succeeded",
  "failed",
  "not_landed",
  "unresolved",
  "released",
];

/** A record in each outcome, with every field a move would reset set to something. */
function recordIn(outcome: AttemptOutcome, notified: boolean): AttemptRecord {
  return attemptRecord({
    outcome,
    status: "PROCESSING",
    statusCheckedAt: at(1_000),
    httpStatus: 200,
    executeEndedAt: at(500),
    settledAt: outcome === "open" ? null : at(2_000),
    notifiedAt: notified ? at(3_000) : null,
    nextCheckAt: at(60_000),
    checks: 3,
    claimedBy: "reconciler-a",
    claimedUntil: at(90_000),
  });
}

export const SETTLE_CASES: readonly StoreCase[] = [
  withFixture(
    "settleAttempt: every move of settleApplies applies, every other does not",
    async (f) => {
      const settleAt = at(10_000);
      for (const from of OUTCOMES) {
        for (const notified of from === "open" ? [false] : [false, true]) {
          for (const to of OUTCOMES) {
            const record = recordIn(from, notified);
            check((await f.attempts.createAttempt(record)).created, `create ${from}`);
            const answer = await f.attempts.settleAttempt(record.referenceId, {
              outcome: to,
              at: settleAt,
              status: "COMPLETED",
            });
            const expected = settleApplies(record, to)
              ? {
                  ...record,
                  outcome: to,
                  settledAt: to === "open" ? null : settleAt,
                  notifiedAt: null,
                  nextCheckAt: null,
                  updatedAt: settleAt,
                  status: "COMPLETED",
                }
              : record;
            const move = `${from}${notified ? " (notified)" : ""} → ${to}`;
            same(answer, expected, `settle ${move}: the answer`);
            same(
              await f.attempts.getAttempt(record.referenceId),
              expected,
              `settle ${move}: stored`,
            );
          }
        }
      }
    },
  ),

  withFixture("settleAttempt: status is written only when given", async (f) => {
    const kept = attemptRecord({ status: "PROCESSING" });
    await f.attempts.createAttempt(kept);
    const a = await f.attempts.settleAttempt(kept.referenceId, { outcome: "failed", at: at(1) });
    check(a?.status === "PROCESSING", "without `status` the last status word stays");
    const cleared = attemptRecord({ status: "PROCESSING" });
    await f.attempts.createAttempt(cleared);
    const b = await f.attempts.settleAttempt(cleared.referenceId, {
      outcome: "not_landed",
      at: at(1),
      status: null,
    });
    check(b?.status === null, "`status: null` is written");
    const unknown = await f.attempts.settleAttempt(uuid(), { outcome: "failed", at: at(1) });
    check(unknown === null, "an unknown reference id answers null");
  }),

  withFixture("settleAttempt: a late landing reopens only onto a free source", async (f) => {
    const source = freshSource();
    const late = () => attemptRecord({ source, outcome: "not_landed", settledAt: at(1_000) });
    const [reopening, succeeding] = [late(), late()];
    const holder = attemptRecord({ source });
    for (const record of [reopening, succeeding, holder]) await f.attempts.createAttempt(record);
    const refused = await f.attempts.settleAttempt(reopening.referenceId, {
      outcome: "open",
      at: at(2_000),
    });
    same(refused, reopening, "not_landed → open while another attempt holds the source");
    // A late final word holds nothing, so it applies even while the source is held.
    const final = await f.attempts.settleAttempt(succeeding.referenceId, {
      outcome: "succeeded",
      at: at(2_000),
    });
    check(final?.outcome === "succeeded", "not_landed → succeeded while the source is held");
    same(await f.attempts.holdingAttempt(source), holder, "the holder still holds the source");
    await f.attempts.settleAttempt(holder.referenceId, { outcome: "failed", at: at(3_000) });
    const reopened = await f.attempts.settleAttempt(reopening.referenceId, {
      outcome: "open",
      at: at(4_000),
    });
    check(reopened?.outcome === "open", "reopens once the source is free");
    same(await f.attempts.holdingAttempt(source), reopened, "the reopened attempt holds it");
  }),

  withFixture("settleAttempt: 20 racing reopens of late landings reopen exactly one", async (f) => {
    const source = freshSource();
    const late = Array.from({ length: 20 }, () =>
      attemptRecord({ source, outcome: "not_landed", settledAt: at(1) }),
    );
    for (const record of late) await f.attempts.createAttempt(record);
    const answers = await race(f, late.length, (stores, i) =>
      stores.attempts.settleAttempt(late[i]?.referenceId ?? "", { outcome: "open", at: at(2) }),
    );
    const opened = answers.filter((a) => a?.outcome === "open").length;
    check(opened === 1, `expected exactly one reopened attempt, got ${opened}`);
    const holding = await f.attempts.listAttempts({ source, unsettled: true });
    check(holding.length === 1, `expected one holding attempt, got ${holding.length}`);
  }),

  withFixture(
    "updateAttempt: changes its fields only, never the outcome or identity",
    async (f) => {
      const record = attemptRecord({ customerId: uuid() });
      await f.attempts.createAttempt(record);
      const update: AttemptUpdate = {
        status: "PROCESSING",
        statusCheckedAt: at(5),
        httpStatus: 202,
        ambiguous: true,
        updatedAt: at(6),
        executeEndedAt: at(7),
        nextCheckAt: at(8),
        checks: 4,
        claimedBy: "reconciler-b",
        claimedUntil: at(9),
        notifiedAt: at(10),
      };
      await f.attempts.updateAttempt(record.referenceId, update);
      const expected = { ...record, ...update };
      same(await f.attempts.getAttempt(record.referenceId), expected, "after an update");
      const sneaky = {
        outcome: "succeeded",
        settledAt: at(11),
        customerId: "someone-else",
        source: freshSource(),
        status: undefined,
      } as unknown as AttemptUpdate;
      await f.attempts.updateAttempt(record.referenceId, sneaky);
      same(await f.attempts.getAttempt(record.referenceId), expected, "outcome/identity untouched");
      await f.attempts.updateAttempt(record.referenceId, { checks: 0, nextCheckAt: null });
      const cleared = await f.attempts.getAttempt(record.referenceId);
      check(cleared?.checks === 0 && cleared.nextCheckAt === null, "zero and null are written");
      await f.attempts.updateAttempt(uuid(), { status: "COMPLETED" });
      const listed = await f.attempts.listAttempts({ customerId: record.customerId });
      check(listed.length === 1, "updating an unknown reference id records nothing");
    },
  ),
];
