// Every execute is recorded (reference id, source, customer, account, time, last known status),
// and the same reference id never makes a second payment.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createMemoryAttemptStore,
  freshAttemptFields,
  isUnsettledAttempt,
} from "./stores/attempt-store.ts";
import { type Harness, newReferenceId, PHONES, startHarness } from "./test-support.ts";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const executes = () => h.apiCalls().filter((c) => c.path === "/v1/executions/collection");

async function setUp(as: "alice" | "bob" = "alice", phone = PHONES.succeeds) {
  const source = await h.source(as);
  const sessionId = await h.session(as, source);
  const wallet = await h.wallet(as, phone);
  return {
    source,
    body: {
      session_id: sessionId,
      payment_account_id: wallet,
      currency: "USD",
      reference_id: newReferenceId(),
    },
  };
}

describe("the attempt record", () => {
  it("records every execute and keeps its last known status as status is read", async () => {
    const { source, body } = await setUp();
    const executed = await h.call("POST", "/v1/executions/collection", { json: body });
    expect(executed.status).toBe(200);
    const recorded = await h.attempts.getAttempt(body.reference_id);
    expect(recorded).toEqual({
      referenceId: body.reference_id,
      operation: "COLLECTION",
      customerId: "alice",
      sessionId: body.session_id,
      source,
      paymentAccountId: body.payment_account_id,
      currency: "USD",
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: expect.any(String),
      status: "PROCESSING",
      statusCheckedAt: expect.any(String),
      httpStatus: 200,
      ambiguous: false,
      executeEndedAt: expect.any(String),
      outcome: "open",
      settledAt: null,
      notifiedAt: null,
      nextCheckAt: null,
      checks: 0,
      claimedBy: null,
      claimedUntil: null,
    });
    expect(isUnsettledAttempt(recorded as never)).toBe(true);
    h.advance(61_000);
    await h.call("GET", `/v1/status/collection/${body.reference_id}`);
    const settled = await h.attempts.getAttempt(body.reference_id);
    expect(settled?.status).toBe("COMPLETED");
    expect(settled).toMatchObject({ outcome: "succeeded", settledAt: expect.any(String) });
    expect(isUnsettledAttempt(settled as never)).toBe(false);
    expect(await h.attempts.listAttempts({ customerId: "alice", unsettled: true })).toEqual([]);
  });

  it("records a failed payment's final word", async () => {
    const { body } = await setUp("bob", PHONES.failsNow);
    await h.call("POST", "/v1/executions/collection", { as: "bob", json: body });
    await h.call("GET", `/v1/status/collection/${body.reference_id}`, { as: "bob" });
    expect((await h.attempts.getAttempt(body.reference_id))?.status).toBe("FAILED");
    expect(
      (await h.attempts.listAttempts({ customerId: "bob" })).map((a) => a.referenceId),
    ).toEqual([body.reference_id]);
  });

  it("records the session's source for each session it opens", async () => {
    const source = await h.source();
    const sessionId = await h.session("alice", source);
    expect(await h.attempts.getSession(sessionId)).toMatchObject({
      sessionId,
      operation: "COLLECTION",
      customerId: "alice",
      source,
      expiresAt: expect.any(String),
    });
  });

  it("sends nothing when the attempt cannot be recorded (503, not ambiguous)", async () => {
    await h.close();
    const store = createMemoryAttemptStore();
    h = await startHarness({
      proxy: {
        attempts: {
          ...store,
          createAttempt: async () => {
            throw new Error("database down");
          },
        },
      },
    });
    const { body } = await setUp();
    const answer = await h.call("POST", "/v1/executions/collection", { json: body });
    expect(answer.status).toBe(503);
    expect(answer.json).toMatchObject({ code: "STORE_UNAVAILABLE", ambiguous: false });
    expect(executes()).toHaveLength(0);
  });
});

describe("one reference id, one payment", () => {
  it("answers a repeated execute from status, without sending it again", async () => {
    const { body } = await setUp();
    const first = await h.call("POST", "/v1/executions/collection", { json: body });
    const second = await h.call("POST", "/v1/executions/collection", { json: body });
    expect(second.status).toBe(200);
    expect(second.headers.get("x-dollr-kit-replayed")).toBe("true");
    expect(second.json.reference_id).toBe(first.json.reference_id);
    expect(executes()).toHaveLength(1);
    const [execution] = h.simulator.control.ledger().executions;
    expect(execution).toMatchObject({
      reference_id: body.reference_id,
      execute_calls: 1,
      payloads: 1,
    });
  });

  it("sends concurrent duplicates (a double click, two tabs) once, and all get the answer", async () => {
    const { body } = await setUp();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => h.call("POST", "/v1/executions/collection", { json: body })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((a) => a.json.reference_id))).toEqual(new Set([body.reference_id]));
    expect(executes()).toHaveLength(1);
    expect(h.simulator.control.ledger().executions).toHaveLength(1);
  });

  it("refuses the same reference id with another payload or for another customer (409)", async () => {
    const { body } = await setUp();
    await h.call("POST", "/v1/executions/collection", { json: body });
    const otherCurrency = await h.call("POST", "/v1/executions/collection", {
      json: { ...body, currency: "LRD" },
    });
    expect(otherCurrency.status).toBe(409);
    expect(otherCurrency.json.code).toBe("CONFLICT");
    const bob = await setUp("bob");
    const stolen = await h.call("POST", "/v1/executions/collection", {
      as: "bob",
      json: { ...bob.body, reference_id: body.reference_id },
    });
    expect(stolen.status).toBe(409);
    expect(executes()).toHaveLength(1);
  });

  it("does not send a repeat while its status cannot be read (502 ambiguous)", async () => {
    const { body } = await setUp();
    h.simulator.control.setFaults({
      kind: "lost_response",
      count: 1,
      match: { method: "POST", path: "/v1/executions/collection" },
    });
    expect((await h.call("POST", "/v1/executions/collection", { json: body })).status).toBe(502);
    h.simulator.control.setFaults({ kind: "error_500", count: 1, match: { method: "GET" } });
    const repeat = await h.call("POST", "/v1/executions/collection", { json: body });
    expect(repeat.status).toBe(502);
    expect(repeat.json.ambiguous).toBe(true);
    expect(executes()).toHaveLength(1);
    // Once status answers, the repeat is answered from it.
    const later = await h.call("POST", "/v1/executions/collection", { json: body });
    expect(later.status).toBe(200);
    expect(later.headers.get("x-dollr-kit-replayed")).toBe("true");
    expect(executes()).toHaveLength(1);
  });
});

describe("single-use card accounts", () => {
  it("bind to their first reference id; another id is refused (409) and the card is no longer listed", async () => {
    const source = await h.source();
    const card = await h.card();
    const sessionId = await h.session("alice", source);
    const referenceId = newReferenceId();
    const body = {
      session_id: sessionId,
      payment_account_id: card,
      currency: "USD",
      reference_id: referenceId,
    };
    expect((await h.call("POST", "/v1/executions/collection", { json: body })).status).toBe(200);
    expect((await h.call("GET", "/kit/payment-accounts")).json.payment_accounts).toEqual([]);
    const secondSession = await h.session("alice");
    const reuse = await h.call("POST", "/v1/executions/collection", {
      json: { ...body, session_id: secondSession, reference_id: newReferenceId() },
    });
    expect(reuse.status).toBe(409);
    // The same attempt may still be repeated (answered from status).
    expect((await h.call("POST", "/v1/executions/collection", { json: body })).status).toBe(200);
  });

  it("are free again when Dollr refuses the execute outright (4xx)", async () => {
    const card = await h.card();
    const sessionId = await h.session();
    h.advance(16 * 60_000); // Dollr's session has expired; the proxy's clock agrees, so: 422 here
    const refused = await h.call("POST", "/v1/executions/collection", {
      json: {
        session_id: sessionId,
        payment_account_id: card,
        currency: "USD",
        reference_id: newReferenceId(),
      },
    });
    expect(refused.status).toBe(422);
    // Refused before forwarding: the card was never bound.
    expect((await h.call("GET", "/kit/payment-accounts")).json.payment_accounts).toHaveLength(1);
  });

  it("are freed after Dollr's own 4xx refusal", async () => {
    const card = await h.card();
    const sessionId = await h.session();
    h.simulator.control.advance(16 * 60_000); // only Dollr sees the session expire
    const referenceId = newReferenceId();
    const refused = await h.call("POST", "/v1/executions/collection", {
      json: {
        session_id: sessionId,
        payment_account_id: card,
        currency: "USD",
        reference_id: referenceId,
      },
    });
    expect(refused.status).toBe(422);
    expect(executes()).toHaveLength(1);
    expect(await h.attempts.getAttempt(referenceId)).toMatchObject({
      httpStatus: 422,
      ambiguous: false,
    });
    const accounts = (await h.call("GET", "/kit/payment-accounts")).json.payment_accounts;
    expect(accounts.map((a: { id: string }) => a.id)).toEqual([card]);
    const fresh = await h.session();
    const retry = await h.call("POST", "/v1/executions/collection", {
      json: {
        session_id: fresh,
        payment_account_id: card,
        currency: "USD",
        reference_id: newReferenceId(),
      },
    });
    expect(retry.status).toBe(200);
  });
});

describe("the in-memory attempt store", () => {
  it("copies records in and out: changing an object given or returned changes nothing stored", async () => {
    const store = createMemoryAttemptStore();
    const referenceId = newReferenceId();
    const record = {
      referenceId,
      operation: "COLLECTION" as const,
      customerId: "alice",
      sessionId: "1",
      source: { source_type: "INVOICE" as const, source_id: 1001 },
      paymentAccountId: "7",
      currency: "USD",
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-01T00:00:00.000Z",
      status: null,
      statusCheckedAt: null,
      httpStatus: null,
      ambiguous: false,
      ...freshAttemptFields(),
    };
    await store.createAttempt(record);
    record.source.source_id = 1;
    record.status = "COMPLETED" as never;
    const read = await store.getAttempt(referenceId);
    expect(read).toMatchObject({ source: { source_id: 1001 }, status: null });
    (read as { source: { source_id: number } }).source.source_id = 2;
    const update = { status: "PROCESSING", statusCheckedAt: "2026-01-01T00:00:01.000Z" };
    await store.updateAttempt(referenceId, update);
    update.status = "FAILED";
    expect(await store.getAttempt(referenceId)).toMatchObject({
      source: { source_id: 1001 },
      status: "PROCESSING",
    });
    const [listed] = await store.listAttempts();
    (listed as { source: { source_id: number } }).source.source_id = 3;
    expect((await store.getAttempt(referenceId))?.source).toEqual({
      source_type: "INVOICE",
      source_id: 1001,
    });
  });
});
