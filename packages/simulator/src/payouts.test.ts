// Payout sessions and executions: passcode and device checks, outcomes, status.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestServer, type TestClient, type TestServer } from "./test-helpers.ts";

let running: TestServer;
let client: TestClient;

beforeAll(async () => {
  running = await startTestServer({ payoutPasscode: "777777" });
  client = running.client;
});
afterAll(() => running.server.close());
beforeEach(async () => {
  await client.post("/__simulator/reset");
});

const device = {
  name: "api",
  type: "SERVER",
  platform: "NODE",
  user_agent: "kit-test",
  client_ip: "127.0.0.1",
};

async function payoutSession(phone: string, amount: number | string = 100, currency = "USD") {
  const party = await client.post("/v1/parties/create", { fullname: "Payee", phone });
  const account = await client.mobileMoneyAccount(party.body.id, phone, "PAYOUT");
  const session = await client.post("/v1/sessions/payout", {
    payout_account_id: account.id,
    amount,
    currency,
  });
  return { account, session };
}

function executePayout(sessionId: number, accountId: number, referenceId: string, code = "777777") {
  return client.post("/v1/executions/payout", {
    session_id: String(sessionId),
    payout_account_id: String(accountId),
    reference_id: referenceId,
    passcode: { token: { code, user_id: 1 }, device },
  });
}

describe("POST /v1/sessions/payout", () => {
  it("answers a PayoutSessionResponse", async () => {
    const { account, session } = await payoutSession("231880000000", "100.5");
    expect(session.status).toBe(200);
    expect(session.body).toEqual({
      id: 1,
      wallet_id: 1,
      payout_account_id: account.id,
      amount: 100.5,
      currency: "USD",
      status: "PENDING",
      expires_at: "2026-06-01T12:15:00.000Z",
      created_at: "2026-06-01T12:00:00.000Z",
      updated_at: "2026-06-01T12:00:00.000Z",
    });
  });

  it("refuses a COLLECTION account, a currency the wallet cannot take and a bad amount", async () => {
    const source = await client.source();
    const collection = await client.mobileMoneyAccount(source.party_id, "231880000000");
    const wrongKind = await client.post("/v1/sessions/payout", {
      payout_account_id: collection.id,
      amount: 1,
      currency: "USD",
    });
    expect(wrongKind.body.detail[0].msg).toMatch(/not a PAYOUT account/);
    const { session: rwf } = await payoutSession("250780000000", 100, "USD");
    expect(rwf.body.detail[0].loc).toEqual(["body", "currency"]);
    const { session: zero } = await payoutSession("231880000000", 0);
    expect(zero.status).toBe(422);
    const { session: precise } = await payoutSession("231880000000", "1.005");
    expect(precise.body.detail[0].loc).toEqual(["body", "amount"]);
  });
});

describe("POST /v1/executions/payout", () => {
  it("pays out to a …0 wallet after the processing time", async () => {
    const { account, session } = await payoutSession("231880000000");
    const referenceId = crypto.randomUUID();
    const answer = await executePayout(session.body.id, account.id, referenceId);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      reference_id: referenceId,
      status: "PROCESSING",
      operation_type: "PAYOUT",
      payer_amount: 100,
      payee_amount: 100,
      payer_currency: "USD",
    });
    await client.advance(90_000);
    const status = await client.status(referenceId, "payout");
    expect(status.body).toMatchObject({
      status: "COMPLETED",
      wallet_message: "Merchant wallet debited",
    });
    expect((await client.status(referenceId)).status).toBe(404);
  });

  it("fails a …1 wallet after the processing time and a …3 wallet at once", async () => {
    const late = await payoutSession("231770000001");
    const lateId = crypto.randomUUID();
    await executePayout(late.session.body.id, late.account.id, lateId);
    await client.advance(90_000);
    expect((await client.status(lateId, "payout")).body.status).toBe("FAILED");

    const now = await payoutSession("231770000003");
    const answer = await executePayout(now.session.body.id, now.account.id, crypto.randomUUID());
    expect(answer.body.status).toBe("FAILED");
  });

  it("refuses a wrong passcode with 403 before anything else, replays included", async () => {
    const { account, session } = await payoutSession("231880000000");
    const referenceId = crypto.randomUUID();
    const wrong = await executePayout(session.body.id, account.id, referenceId, "000000");
    expect(wrong.status).toBe(403);
    expect(wrong.body).toEqual({ detail: "Invalid passcode" });
    expect((await client.ledger()).executions).toHaveLength(0);
    await executePayout(session.body.id, account.id, referenceId);
    expect((await executePayout(session.body.id, account.id, referenceId, "000000")).status).toBe(
      403,
    );
    const replay = await executePayout(session.body.id, account.id, referenceId);
    expect(replay.body.reference_id).toBe(referenceId);
    expect((await client.ledger()).executions[0].execute_calls).toBe(2);
  });

  it("needs the device metadata", async () => {
    const { account, session } = await payoutSession("231880000000");
    const answer = await client.post("/v1/executions/payout", {
      session_id: String(session.body.id),
      payout_account_id: String(account.id),
      reference_id: crypto.randomUUID(),
      passcode: { token: { code: "777777" }, device: { name: "api" } },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.detail.map((issue: { loc: string[] }) => issue.loc.at(-1))).toEqual([
      "type",
      "platform",
      "user_agent",
      "client_ip",
    ]);
  });

  it("refuses another account than the session's, a checkout session and an expired session", async () => {
    const first = await payoutSession("231880000000");
    const second = await payoutSession("231880000010");
    const mismatch = await executePayout(
      first.session.body.id,
      second.account.id,
      crypto.randomUUID(),
    );
    expect(mismatch.body.detail[0].msg).toMatch(/does not match the session/);

    const source = await client.source();
    const checkout = await client.checkoutSession(source.source_id);
    const wrongKind = await executePayout(checkout.id, first.account.id, crypto.randomUUID());
    expect(wrongKind.body.detail[0].msg).toBe("session not found");

    await client.advance(15 * 60_000);
    const expired = await executePayout(
      first.session.body.id,
      first.account.id,
      crypto.randomUUID(),
    );
    expect(expired.body.detail[0].msg).toBe("session expired");
  });
});
