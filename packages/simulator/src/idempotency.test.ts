// reference_id as the idempotency key: replays move no money, other payloads are duplicates.
import { describe, expect, it } from "vitest";
import { useTestServer } from "./test-helpers.ts";

const { client } = useTestServer();

describe("POST /v1/executions/collection idempotency", () => {
  it("the same payload answers the same execution and moves no money again", async () => {
    const { session, account, referenceId, answer } = await client.pay({ phone: "231880000000" });
    const replay = await client.execute(session.id, account.id, "USD", referenceId);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(answer.body);

    const ledger = await client.ledger();
    expect(ledger.executions).toHaveLength(1);
    expect(ledger.executions[0]).toMatchObject({
      reference_id: referenceId,
      session_id: String(session.id),
      payment_account_id: String(account.id),
      amount: "12.75",
      currency: "USD",
      status: "PROCESSING",
      execute_calls: 2,
      payloads: 1,
    });
  });

  it("a replay after settlement answers the settled status", async () => {
    const { session, account, referenceId } = await client.pay({ phone: "231880000000" });
    await client.advance(90_000);
    const replay = await client.execute(session.id, account.id, "USD", referenceId);
    expect(replay.body.status).toBe("COMPLETED");
  });

  it("a replay works after the session expired (the execution exists)", async () => {
    const { session, account, referenceId } = await client.pay({ phone: "231880000000" });
    await client.advance(16 * 60_000);
    const replay = await client.execute(session.id, account.id, "USD", referenceId);
    expect(replay.status).toBe(200);
    expect(replay.body.reference_id).toBe(referenceId);
  });

  it("reference ids compare case-insensitively", async () => {
    const { session, account, referenceId } = await client.pay({ phone: "231880000000" });
    const replay = await client.execute(session.id, account.id, "USD", referenceId.toUpperCase());
    expect(replay.body.reference_id).toBe(referenceId);
    expect((await client.status(referenceId.toUpperCase())).status).toBe(200);
  });

  it("the same reference id with another payload is 422 duplicate", async () => {
    const { session, account, referenceId } = await client.pay({ phone: "231880000000" });
    const duplicate = await client.execute(session.id, account.id, "LRD", referenceId);
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.detail[0]).toMatchObject({ loc: ["body", "reference_id"] });
    expect(duplicate.body.detail[0].msg).toMatch(/duplicate/);

    const ledger = await client.ledger();
    expect(ledger.executions).toHaveLength(1);
    expect(ledger.executions[0]).toMatchObject({ currency: "USD", execute_calls: 2, payloads: 2 });
  });

  it("a payout cannot reuse a collection's reference id", async () => {
    const { referenceId, source } = await client.pay({ phone: "231880000000" });
    const payoutAccount = await client.mobileMoneyAccount(
      source.party_id,
      "231880000000",
      "PAYOUT",
    );
    const session = await client.post("/v1/sessions/payout", {
      payout_account_id: payoutAccount.id,
      amount: 5,
      currency: "USD",
    });
    const payout = await client.post("/v1/executions/payout", {
      session_id: String(session.body.id),
      payout_account_id: String(payoutAccount.id),
      reference_id: referenceId,
      passcode: {
        token: { code: "123456" },
        device: {
          name: "srv",
          type: "SERVER",
          platform: "NODE",
          user_agent: "test",
          client_ip: "127.0.0.1",
        },
      },
    });
    expect(payout.status).toBe(422);
    expect(payout.body.detail[0].msg).toMatch(/duplicate/);
  });

  it("a reference id that is not a UUID v4 is 422 invalid uuid", async () => {
    const source = await client.source();
    const account = await client.mobileMoneyAccount(source.party_id, "231880000000");
    const session = await client.checkoutSession(source.source_id);
    for (const bad of ["order-42", "6ba7b810-9dad-11d1-80b4-00c04fd430c8", ""]) {
      const answer = await client.execute(session.id, account.id, "USD", bad);
      expect(answer.status).toBe(422);
    }
    const v1 = await client.execute(
      session.id,
      account.id,
      "USD",
      "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
    );
    expect(v1.body.detail[0].msg).toMatch(/invalid uuid/);
    expect((await client.ledger()).executions).toHaveLength(0);
  });
});

describe("status by reference id", () => {
  it("an unknown reference id is 404", async () => {
    const answer = await client.status(crypto.randomUUID());
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ detail: "Execution not found" });
  });

  it("a collection's id is unknown to the payout status", async () => {
    const { referenceId } = await client.pay({ phone: "231880000000" });
    expect((await client.status(referenceId, "payout")).status).toBe(404);
  });

  it("a failed execute (expired session) leaves nothing to find", async () => {
    const source = await client.source();
    const account = await client.mobileMoneyAccount(source.party_id, "231880000000");
    const session = await client.checkoutSession(source.source_id);
    await client.advance(15 * 60_000);
    const referenceId = crypto.randomUUID();
    expect((await client.execute(session.id, account.id, "USD", referenceId)).status).toBe(422);
    expect((await client.status(referenceId)).status).toBe(404);
  });
});
