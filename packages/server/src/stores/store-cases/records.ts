/**
 * Records come back exactly as saved: every field, nulls, the largest source id, and strings
 * built to break quoting, encodings and length limits. And `listAttempts` filters and orders.
 */
import {
  at,
  attemptRecord,
  check,
  freshSource,
  HOSTILE_STRINGS,
  type StoreCase,
  same,
  sessionRecord,
  uuid,
  withFixture,
} from "./support.ts";

export const RECORD_CASES: readonly StoreCase[] = [
  withFixture("sessions round-trip unchanged, hostile strings and nulls included", async (f) => {
    const sessions = [
      sessionRecord(),
      sessionRecord({ operation: "PAYOUT", source: null, expiresAt: null }),
      sessionRecord({ source: { source_type: "ORDER", source_id: 2 ** 53 - 1 } }),
      ...HOSTILE_STRINGS.map((text, i) =>
        sessionRecord({ sessionId: `${text}#${i}`, customerId: text }),
      ),
    ];
    for (const session of sessions) await f.attempts.saveSession(session);
    for (const session of sessions) {
      same(await f.attempts.getSession(session.sessionId), session, "a saved session");
    }
    const replaced = { ...(sessions[0] as (typeof sessions)[number]), expiresAt: at(99) };
    await f.attempts.saveSession(replaced);
    same(await f.attempts.getSession(replaced.sessionId), replaced, "saving again replaces it");
    check((await f.attempts.getSession(uuid())) === null, "an unknown session is null");
  }),

  withFixture("attempts round-trip unchanged, hostile strings and nulls included", async (f) => {
    const full = attemptRecord({
      status: "PROCESSING",
      statusCheckedAt: at(1),
      httpStatus: 202,
      ambiguous: true,
      executeEndedAt: at(2),
      outcome: "unresolved",
      settledAt: at(3),
      notifiedAt: at(4),
      nextCheckAt: at(5),
      checks: 2_147_483_647,
      claimedBy: "reconciler",
      claimedUntil: at(6),
      source: { source_type: "INVOICE", source_id: 2 ** 53 - 1 },
    });
    const empty = attemptRecord({
      operation: "PAYOUT",
      sessionId: null,
      source: null,
      paymentAccountId: null,
      currency: null,
    });
    const hostile = HOSTILE_STRINGS.map((text, i) =>
      attemptRecord({
        referenceId: `${text}#${i}`,
        customerId: text,
        sessionId: text,
        paymentAccountId: text,
        currency: text,
        status: text,
        claimedBy: text,
      }),
    );
    for (const record of [full, empty, ...hostile]) {
      check((await f.attempts.createAttempt(record)).created, "created");
      same(await f.attempts.getAttempt(record.referenceId), record, "a stored attempt");
    }
    check((await f.attempts.getAttempt(uuid())) === null, "an unknown reference id is null");
  }),

  withFixture("records are copies: changing an answer never changes the store", async (f) => {
    const record = attemptRecord();
    await f.attempts.createAttempt(record);
    const answer = await f.attempts.getAttempt(record.referenceId);
    check(answer !== null && answer.source !== null, "stored");
    answer.outcome = "succeeded";
    answer.source.source_id = 1;
    record.status = "COMPLETED";
    const again = await f.attempts.getAttempt(record.referenceId);
    check(again?.outcome === "open" && again.status === null, "the stored attempt is unchanged");
    check(again.source?.source_id !== 1, "the stored source is unchanged");
  }),

  withFixture("listAttempts: newest first, by customer, by source, unsettled only", async (f) => {
    const me = uuid();
    const source = freshSource();
    const mine = [
      attemptRecord({
        customerId: me,
        createdAt: at(1),
        outcome: "failed",
        settledAt: at(2),
        source,
      }),
      attemptRecord({ customerId: me, createdAt: at(3), outcome: "unresolved", settledAt: at(4) }),
      attemptRecord({ customerId: me, createdAt: at(5), source }),
    ];
    const theirs = attemptRecord({ customerId: uuid(), createdAt: at(6), source: freshSource() });
    for (const record of [...mine, theirs]) await f.attempts.createAttempt(record);
    const [first, second, third] = mine;
    const listed = (await f.attempts.listAttempts({ customerId: me })).map((a) => a.referenceId);
    same(
      listed,
      [third, second, first].map((a) => a?.referenceId),
      "newest first",
    );
    const open = await f.attempts.listAttempts({ customerId: me, unsettled: true });
    same(
      open.map((a) => a.referenceId),
      [third?.referenceId, second?.referenceId],
      "unsettled",
    );
    const bySource = await f.attempts.listAttempts({ source });
    same(bySource, [third, first], "by source, whole records");
    const everyone = await f.attempts.listAttempts();
    check(everyone.length >= 4, "no filter lists every attempt");
    check(everyone[0]?.referenceId === theirs.referenceId, "no filter: newest first");
  }),
];
