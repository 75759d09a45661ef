// Every scenario row of the README, over real HTTP: outcomes chosen by phone digit and card pm,
// the clock moved with /__simulator/clock, source status following its executions.
import { describe, expect, it } from "vitest";
import { useTestServer } from "./test-helpers.ts";

const { client } = useTestServer();

const PROCESSING_MS = 90_000;

describe("mobile money, by the phone's last digit", () => {
  it("…0 is PROCESSING for the processing time, then COMPLETED; the source goes PROCESSING → PAID", async () => {
    const { answer, referenceId, source } = await client.pay({ phone: "231880000000" });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      reference_id: referenceId,
      status: "PROCESSING",
      operation_type: "COLLECTION",
      requires_action: false,
      client_secret: null,
    });
    expect((await client.sourceStatus(source.source_id)).body.status).toBe("PROCESSING");

    await client.advance(PROCESSING_MS - 1);
    expect((await client.status(referenceId)).body.status).toBe("PROCESSING");

    await client.advance(1);
    const settled = await client.status(referenceId);
    expect(settled.body).toMatchObject({ status: "COMPLETED", wallet_message: expect.any(String) });
    const sourceStatus = await client.sourceStatus(source.source_id);
    expect(sourceStatus.body).toMatchObject({ status: "PAID", paid_at: expect.any(String) });
  });

  it("…1 fails after the processing time and the source is ACTIVE again", async () => {
    const { referenceId, source } = await client.pay({ phone: "231770000001" });
    expect((await client.status(referenceId)).body.status).toBe("PROCESSING");
    await client.advance(PROCESSING_MS);
    const failed = await client.status(referenceId);
    expect(failed.body.status).toBe("FAILED");
    expect(failed.body.gateway_message).toMatch(/did not approve/);
    expect((await client.sourceStatus(source.source_id)).body.status).toBe("ACTIVE");
  });

  it("…2 stays PROCESSING until the session dies, then reports EXPIRED", async () => {
    const { referenceId, session, source } = await client.pay({ phone: "231880000002" });
    const sessionLeft =
      Date.parse(session.expires_at) -
      Date.parse((await client.get("/__simulator/clock")).body.now);
    await client.advance(sessionLeft - 1);
    expect((await client.status(referenceId)).body.status).toBe("PROCESSING");
    expect((await client.sourceStatus(source.source_id)).body.status).toBe("PROCESSING");
    await client.advance(1);
    expect((await client.status(referenceId)).body.status).toBe("EXPIRED");
    expect((await client.sourceStatus(source.source_id)).body.status).toBe("ACTIVE");
  });

  it("…3 fails at once (the execute answer already says FAILED)", async () => {
    const { answer, referenceId, source } = await client.pay(
      { phone: "250730000003" },
      "1000",
      "RWF",
    );
    expect(answer.body.status).toBe("FAILED");
    expect(answer.body.gateway_message).toMatch(/insufficient funds/);
    expect((await client.status(referenceId)).body.status).toBe("FAILED");
    expect((await client.sourceStatus(source.source_id)).body.status).toBe("ACTIVE");
  });

  it.each(["4", "5", "6", "7", "8", "9"])("…%s behaves like …0", async (digit) => {
    const { referenceId } = await client.pay({ phone: `25078000000${digit}` }, "500", "RWF");
    await client.advance(PROCESSING_MS);
    expect((await client.status(referenceId)).body.status).toBe("COMPLETED");
  });

  it("after a failure a new session and a new reference id pay the same source", async () => {
    const { source, account } = await client.pay({ phone: "231880000003" });
    const session = await client.checkoutSession(source.source_id);
    const retry = await client.execute(session.id, account.id, "USD", crypto.randomUUID());
    expect(retry.status).toBe(200);
    expect(retry.body.status).toBe("FAILED");
    const other = await client.mobileMoneyAccount(source.party_id, "231880000000");
    const third = await client.execute(
      (await client.checkoutSession(source.source_id)).id,
      other.id,
      "USD",
      crypto.randomUUID(),
    );
    expect(third.body.status).toBe("PROCESSING");
    await client.advance(PROCESSING_MS);
    expect((await client.sourceStatus(source.source_id)).body.status).toBe("PAID");
    const ledger = await client.ledger();
    expect(ledger.executions.map((execution: { status: string }) => execution.status)).toEqual([
      "FAILED",
      "FAILED",
      "COMPLETED",
    ]);
  });
});

describe("cards, by Stripe payment method id", () => {
  it("pm_card_visa succeeds at once, with a PaymentIntent client secret", async () => {
    const { answer, source } = await client.pay({ card: "pm_card_visa" });
    expect(answer.body).toMatchObject({ status: "COMPLETED", requires_action: false });
    expect(answer.body.client_secret).toMatch(/^pi_\w+_secret_\w+$/);
    expect(answer.body.provider_transaction_id).toMatch(/^pi_/);
    expect((await client.sourceStatus(source.source_id)).body.status).toBe("PAID");
  });

  it("pm_card_chargeDeclined fails at once", async () => {
    const { answer, source } = await client.pay({ card: "pm_card_chargeDeclined" });
    expect(answer.body.status).toBe("FAILED");
    expect(answer.body.gateway_message).toMatch(/declined/);
    expect((await client.sourceStatus(source.source_id)).body.status).toBe("ACTIVE");
  });

  it("pm_card_threeDSecure2Required asks for action and succeeds once authenticated", async () => {
    const { answer, referenceId, source } = await client.pay({
      card: "pm_card_threeDSecure2Required",
    });
    expect(answer.body).toMatchObject({ status: "PROCESSING", requires_action: true });
    expect(answer.body.client_secret).toMatch(/^pi_\w+_secret_\w+$/);
    // It waits: time alone (short of the session's end) does not settle it.
    await client.advance(PROCESSING_MS * 2);
    expect((await client.status(referenceId)).body).toMatchObject({
      status: "PROCESSING",
      requires_action: true,
    });
    expect((await client.sourceStatus(source.source_id)).body.status).toBe("PROCESSING");

    const authenticated = await client.post("/__simulator/authenticate", {
      client_secret: answer.body.client_secret,
      outcome: "succeeded",
    });
    expect(authenticated.status).toBe(200);
    expect(authenticated.body).toMatchObject({ status: "COMPLETED", requires_action: false });
    expect((await client.status(referenceId)).body.status).toBe("COMPLETED");
    expect((await client.sourceStatus(source.source_id)).body.status).toBe("PAID");
  });

  it("a failed 3DS challenge fails the payment and frees the source", async () => {
    const { answer, referenceId, source } = await client.pay({
      card: "pm_card_threeDSecure2Required",
    });
    const failed = await client.post("/__simulator/authenticate", {
      client_secret: answer.body.client_secret,
      outcome: "failed",
    });
    expect(failed.body.status).toBe("FAILED");
    expect((await client.status(referenceId)).body.status).toBe("FAILED");
    expect((await client.sourceStatus(source.source_id)).body.status).toBe("ACTIVE");
    const again = await client.post("/__simulator/authenticate", {
      client_secret: answer.body.client_secret,
      outcome: "succeeded",
    });
    expect(again.status).toBe(422);
    expect(again.body.detail[0].msg).toMatch(/no longer waiting/);
  });

  it("an unauthenticated 3DS payment expires with its session", async () => {
    const { answer, referenceId } = await client.pay({ card: "pm_card_threeDSecure2Required" });
    await client.advance(15 * 60_000);
    expect((await client.status(referenceId)).body).toMatchObject({
      status: "EXPIRED",
      requires_action: false,
    });
    const late = await client.post("/__simulator/authenticate", {
      client_secret: answer.body.client_secret,
      outcome: "succeeded",
    });
    expect(late.status).toBe(422);
  });

  it("authenticate refuses an unknown secret (404) and a card that needs no challenge (422)", async () => {
    const unknown = await client.post("/__simulator/authenticate", {
      client_secret: "pi_nope_secret_nope",
      outcome: "succeeded",
    });
    expect(unknown.status).toBe(404);
    const { answer } = await client.pay({ card: "pm_card_visa" });
    const needless = await client.post("/__simulator/authenticate", {
      client_secret: answer.body.client_secret,
      outcome: "succeeded",
    });
    expect(needless.status).toBe(422);
    expect(needless.body.detail[0].msg).toMatch(/does not require authentication/);
  });

  it("a pm passed explicitly on payment-accounts/create binds that card", async () => {
    const source = await client.source();
    const account = await client.post("/v1/payment-accounts/create?operation_type=COLLECTION", {
      account_name: "Card",
      provider: "STRIPE",
      method: "CREDIT_CARD",
      party_id: source.party_id,
      payment_method_id: "pm_card_chargeDeclined",
    });
    expect(account.status).toBe(200);
    const session = await client.checkoutSession(source.source_id);
    const answer = await client.execute(session.id, account.body.id, "USD", crypto.randomUUID());
    expect(answer.body.status).toBe("FAILED");
  });

  it("card-provider-info with party_id binds only that party's next card account", async () => {
    const first = await client.source();
    const second = await client.source();
    await client.get(
      `/v1/predictions/card-provider-info?payment_method_id=pm_card_chargeDeclined&operation_type=COLLECTION&provider=STRIPE&party_id=${first.party_id}`,
    );
    const create = (partyId: number) =>
      client.post("/v1/payment-accounts/create?operation_type=COLLECTION", {
        account_name: "Card",
        provider: "STRIPE",
        method: "CREDIT_CARD",
        party_id: partyId,
      });
    const forSecond = await create(second.party_id);
    expect(forSecond.status).toBe(422);
    expect(forSecond.body.detail[0].msg).toMatch(/card-provider-info/);
    expect((await create(first.party_id)).status).toBe(200);
    // Consumed: a second account needs a new card-provider-info call.
    expect((await create(first.party_id)).status).toBe(422);
  });
});

describe("source and session rules", () => {
  it("a source that is PROCESSING takes no new session", async () => {
    const { source } = await client.pay({ phone: "231880000000" });
    const session = await client.post("/v1/sessions/checkout", {
      source_id: source.source_id,
      source_type: "INVOICE",
    });
    expect(session.status).toBe(422);
    expect(session.body.detail[0].msg).toMatch(/source already being paid/);
  });

  it("a second session created before the first executes cannot pay twice", async () => {
    const source = await client.source();
    const account = await client.mobileMoneyAccount(source.party_id, "231880000000");
    const first = await client.checkoutSession(source.source_id);
    const second = await client.checkoutSession(source.source_id);
    expect((await client.execute(first.id, account.id, "USD", crypto.randomUUID())).status).toBe(
      200,
    );
    const again = await client.execute(second.id, account.id, "USD", crypto.randomUUID());
    expect(again.status).toBe(422);
    expect(again.body.detail[0].msg).toMatch(/source already being paid/);
    await client.advance(PROCESSING_MS);
    const paid = await client.execute(second.id, account.id, "USD", crypto.randomUUID());
    expect(paid.body.detail[0].msg).toMatch(/source already paid/);
    const ledger = await client.ledger();
    expect(ledger.executions).toHaveLength(1);
  });

  it("a session pays once: another reference id on a spent session is refused", async () => {
    const { session, account } = await client.pay({ phone: "231880000003" });
    const reuse = await client.execute(session.id, account.id, "USD", crypto.randomUUID());
    expect(reuse.status).toBe(422);
    expect(reuse.body.detail[0]).toMatchObject({ loc: ["body", "session_id"] });
    expect(reuse.body.detail[0].msg).toMatch(/session already used/);
  });

  it("a session lives 15 minutes: executing after that is 422 session expired", async () => {
    const source = await client.source();
    const account = await client.mobileMoneyAccount(source.party_id, "231880000000");
    const session = await client.checkoutSession(source.source_id);
    const clock = (await client.get("/__simulator/clock")).body;
    expect(Date.parse(session.expires_at) - clock.now_ms).toBe(15 * 60_000);
    await client.advance(15 * 60_000);
    const late = await client.execute(session.id, account.id, "USD", crypto.randomUUID());
    expect(late.status).toBe(422);
    expect(late.body.detail[0].msg).toMatch(/session expired/);
    expect((await client.ledger()).executions).toHaveLength(0);
  });

  it("an unknown session is 422 session not found", async () => {
    const source = await client.source();
    const account = await client.mobileMoneyAccount(source.party_id, "231880000000");
    const answer = await client.execute("999", account.id, "USD", crypto.randomUUID());
    expect(answer.status).toBe(422);
    expect(answer.body.detail[0].msg).toBe("session not found");
  });

  it("IDLE, PAID and CANCELED sources take no session", async () => {
    const party = await client.post("/v1/parties/create", { fullname: "A", phone: "231880000000" });
    const counterparty = await client.post("/v1/counterparties/create", {
      relationship_type: "CUSTOMER",
      party_id: party.body.id,
    });
    const idle = await client.post("/v1/orders/create", {
      counterparty_id: counterparty.body.id,
      currency: "USD",
      fee_bearer: "PAYEE",
    });
    const idleSession = await client.post("/v1/sessions/checkout", {
      source_id: idle.body.id,
      source_type: "ORDER",
    });
    expect(idleSession.body.detail[0].msg).toMatch(/not published/);

    const canceled = await client.source();
    await client.request("DELETE", `/v1/invoices/cancel/${canceled.source_id}`);
    const canceledSession = await client.post("/v1/sessions/checkout", {
      source_id: canceled.source_id,
      source_type: "INVOICE",
    });
    expect(canceledSession.body.detail[0].msg).toMatch(/canceled/);

    const { source } = await client.pay({ card: "pm_card_visa" });
    const paidSession = await client.post("/v1/sessions/checkout", {
      source_id: source.source_id,
      source_type: "INVOICE",
    });
    expect(paidSession.body.detail[0].msg).toMatch(/already paid/);
  });

  it("the execution's payer amount is the prediction's for the same method and currency", async () => {
    for (const [currency, feeBearer] of [
      ["USD", "PAYER"],
      ["LRD", "PAYER"],
      ["USD", "PAYEE"],
      ["LRD", "PAYEE"],
    ] as const) {
      const source = await client.source("19.99", "USD", { fee_bearer: feeBearer });
      const prediction = await client.get(
        `/v1/predictions/payment-source/amount-and-fees?source_type=INVOICE&source_id=${source.source_id}&target_currency=${currency}&payment_method=ORANGE_MONEY_LBR&provider=PAWAPAY`,
      );
      const account = await client.mobileMoneyAccount(source.party_id, "231770000000");
      const session = await client.checkoutSession(source.source_id);
      const answer = await client.execute(session.id, account.id, currency, crypto.randomUUID());
      expect(answer.body.payer_amount).toBe(Number(prediction.body.payer_amount));
      expect(answer.body.payer_currency).toBe(currency);
      expect(answer.body.payee_amount).toBe(Number(prediction.body.payee_amount));
      expect(answer.body.payee_currency).toBe("USD");
    }
  });

  it("a payer currency the method cannot pay in is refused", async () => {
    const source = await client.source("1000", "RWF");
    const account = await client.mobileMoneyAccount(source.party_id, "250780000000");
    const session = await client.checkoutSession(source.source_id);
    const answer = await client.execute(session.id, account.id, "USD", crypto.randomUUID());
    expect(answer.status).toBe(422);
    expect(answer.body.detail[0].loc).toEqual(["body", "currency"]);
  });

  it("a PAYOUT account cannot collect", async () => {
    const source = await client.source();
    const account = await client.mobileMoneyAccount(source.party_id, "231880000000", "PAYOUT");
    const session = await client.checkoutSession(source.source_id);
    const answer = await client.execute(session.id, account.id, "USD", crypto.randomUUID());
    expect(answer.status).toBe(422);
    expect(answer.body.detail[0].msg).toMatch(/not a COLLECTION account/);
  });
});

describe("controls of the outcome", () => {
  it("processingMs and successWord change at run time through /__simulator/config", async () => {
    const config = await client.post("/__simulator/config", {
      processingMs: 5_000,
      successWord: "SUCCESSFUL",
    });
    expect(config.body).toMatchObject({ processingMs: 5_000, successWord: "SUCCESSFUL" });
    const { referenceId } = await client.pay({ phone: "231880000000" });
    await client.advance(5_000);
    expect((await client.status(referenceId)).body.status).toBe("SUCCESSFUL");
  });

  it("an execution keeps the processing time and word it started with", async () => {
    const { referenceId } = await client.pay({ phone: "231880000000" });
    await client.post("/__simulator/config", { processingMs: 1, successWord: "SUCCESSFUL" });
    await client.advance(PROCESSING_MS - 1);
    expect((await client.status(referenceId)).body.status).toBe("PROCESSING");
    await client.advance(1);
    expect((await client.status(referenceId)).body.status).toBe("COMPLETED");
  });

  it("reset restores the start options", async () => {
    await client.post("/__simulator/config", { processingMs: 1 });
    await client.post("/__simulator/reset");
    expect((await client.get("/__simulator/config")).body.processingMs).toBe(PROCESSING_MS);
  });
});
