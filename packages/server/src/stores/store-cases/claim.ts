/**
 * `claimDue`: what is due, in which order, what a claim writes, that owners racing never share
 * an attempt, and that a lease holds until its end and no longer. Times are explicit (the
 * store compares the `now` it is given), so nothing depends on the wall clock.
 */
import type { AttemptRecord } from "../attempt-store.ts";
import { at, attemptRecord, check, race, type StoreCase, same, withFixture } from "./support.ts";

const NOW = 100_000;

const ids = (records: AttemptRecord[]) => records.map((r) => r.referenceId);

export const CLAIM_CASES: readonly StoreCase[] = [
  withFixture(
    "claimDue: claims what is due, oldest check first, and writes the lease",
    async (f) => {
      const make = (name: string, fields: Partial<AttemptRecord>) => ({
        name,
        record: attemptRecord(fields),
      });
      const told = at(1);
      const rows = [
        make("open, never checked", {}),
        make("succeeded, hook not told", { outcome: "succeeded", settledAt: at(5) }),
        make("open, check was due 1 ms ago", { nextCheckAt: at(NOW - 1) }),
        make("open, check due now", { nextCheckAt: at(NOW) }),
        make("open, check due in 1 ms", { nextCheckAt: at(NOW + 1) }),
        make("unresolved, check due", {
          outcome: "unresolved",
          settledAt: at(2),
          notifiedAt: told,
          nextCheckAt: at(NOW - 5),
        }),
        make("unresolved, hook not told, check due", {
          outcome: "unresolved",
          settledAt: at(2),
          nextCheckAt: at(NOW - 2),
        }),
        make("unresolved, hook not told, check later", {
          outcome: "unresolved",
          settledAt: at(2),
          nextCheckAt: at(2 * NOW),
        }),
        make("failed, hook not told, retry later", {
          outcome: "failed",
          settledAt: at(5),
          nextCheckAt: at(NOW + 1),
        }),
        make("failed, hook not told, retry due", {
          outcome: "failed",
          settledAt: at(5),
          nextCheckAt: at(NOW - 3),
        }),
        make("succeeded, hook told", { outcome: "succeeded", settledAt: at(5), notifiedAt: told }),
        make("failed, hook told, old check time", {
          outcome: "failed",
          settledAt: at(5),
          notifiedAt: told,
          nextCheckAt: at(1),
        }),
        make("open, another owner's lease runs", { claimedBy: "other", claimedUntil: at(NOW + 1) }),
        make("open, another owner's lease just ended", {
          claimedBy: "other",
          claimedUntil: at(NOW),
        }),
      ];
      for (const { record } of rows) await f.attempts.createAttempt(record);
      const named = (...names: string[]) =>
        names.map((name) => rows.find((r) => r.name === name)?.record.referenceId);
      const expected = named(
        "open, never checked",
        "succeeded, hook not told",
        "open, another owner's lease just ended",
        "unresolved, check due",
        "failed, hook not told, retry due",
        "unresolved, hook not told, check due",
        "open, check was due 1 ms ago",
        "open, check due now",
      );
      const options = { owner: "reconciler-x", now: at(NOW), leaseMs: 30_000 };
      same(await f.attempts.claimDue({ ...options, limit: 0 }), [], "limit 0 claims nothing");
      const firstThree = await f.attempts.claimDue({ ...options, limit: 3 });
      same(ids(firstThree), expected.slice(0, 3), "the first three due, in order");
      const all = await f.attempts.claimDue({ ...options, limit: 100 });
      same(ids(all), expected, "every due attempt (an owner re-claims its own), in order");
      for (const claimed of all) {
        const before = rows.find((r) => r.record.referenceId === claimed.referenceId)?.record;
        const leased = { ...before, claimedBy: "reconciler-x", claimedUntil: at(NOW + 30_000) };
        same(claimed, leased, "a claimed record: only the lease changes");
        same(await f.attempts.getAttempt(claimed.referenceId), leased, "the lease is stored");
      }
      const other = await f.attempts.claimDue({ ...options, owner: "reconciler-y", limit: 100 });
      same(other, [], "another owner gets nothing while the leases run");
    },
  ),

  withFixture(
    "claimDue: owners racing on two connections never get the same attempt",
    async (f) => {
      const total = 40;
      for (let i = 0; i < total; i++) await f.attempts.createAttempt(attemptRecord());
      const claims = await race(f, 4, (stores, i) =>
        stores.attempts.claimDue({ owner: `owner-${i}`, now: at(NOW), leaseMs: 60_000, limit: 15 }),
      );
      const claimed = claims.flatMap(ids);
      check(new Set(claimed).size === claimed.length, "an attempt was claimed by two owners");
      claims.forEach((records, i) => {
        for (const r of records) check(r.claimedBy === `owner-${i}`, "claimedBy names the claimer");
      });
      const rest = await f.attempts.claimDue({
        owner: "late",
        now: at(NOW),
        leaseMs: 1,
        limit: 100,
      });
      const union = new Set([...claimed, ...ids(rest)]);
      check(union.size === total, `expected ${total} attempts claimed in all, got ${union.size}`);
      check(
        rest.every((r) => !claimed.includes(r.referenceId)),
        "a leased attempt was claimed again",
      );
    },
  ),

  withFixture("claimDue: a lease holds until it ends, then another owner may claim", async (f) => {
    const record = attemptRecord();
    await f.attempts.createAttempt(record);
    const claim = (owner: string, ms: number) =>
      f.attempts.claimDue({ owner, now: at(ms), leaseMs: 30_000, limit: 10 });
    same(ids(await claim("a", 0)), [record.referenceId], "a claims it");
    same(await claim("b", 29_999), [], "b waits while a's lease runs");
    same(ids(await claim("b", 30_000)), [record.referenceId], "b claims it once the lease ended");
    same(await claim("a", 30_001), [], "a's old claim does not override b's lease");
    const renewed = await claim("b", 30_002);
    check(renewed[0]?.claimedUntil === at(60_002), "b renews its own lease");
  }),
];
