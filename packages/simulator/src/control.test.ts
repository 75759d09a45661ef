// The /__simulator endpoints over HTTP: clock, config, reset and the ledger's shape.
import { describe, expect, it } from "vitest";
import { FROZEN_NOW, useTestServer } from "./test-helpers.ts";

const { client } = useTestServer();

describe("/__simulator/clock", () => {
  it("GET tells now; POST advances it and answers the new now", async () => {
    expect((await client.get("/__simulator/clock")).body).toEqual({
      now: "2026-06-01T12:00:00.000Z",
      now_ms: FROZEN_NOW,
    });
    const advanced = await client.advance(90_000);
    expect(advanced.body).toEqual({ now: "2026-06-01T12:01:30.000Z", now_ms: FROZEN_NOW + 90_000 });
  });

  it.each([
    [{ advanceMs: -5 }],
    [{ advanceMs: 1.5 }],
    [{ advanceMs: "10" }],
    [{}],
    [{ advanceMs: 1, extra: true }],
  ])("refuses %j", async (body) => {
    const answer = await client.post("/__simulator/clock", body);
    expect(answer.status).toBe(422);
    expect((await client.get("/__simulator/clock")).body.now_ms).toBe(FROZEN_NOW);
  });
});

describe("/__simulator/config", () => {
  it("GET answers every run-time option but the secrets", async () => {
    expect((await client.get("/__simulator/config")).body).toEqual({
      clientId: "sim_client_id",
      processingMs: 90_000,
      successWord: "COMPLETED",
      validation: "strict",
      sessionTtlMs: 900_000,
      tokenTtlMinutes: 60,
    });
  });

  it("never answers the client secret or the payout passcode, nor to another origin", async () => {
    const set = await client.post("/__simulator/config", {
      clientSecret: "rotated-secret",
      payoutPasscode: "654321",
    });
    expect(set.status).toBe(200);
    const read = await client.request("GET", "/__simulator/config", undefined, {
      headers: { origin: "https://evil.example" },
    });
    for (const answer of [set, read]) {
      const text = JSON.stringify(answer.body);
      expect(text).not.toContain("rotated-secret");
      expect(text).not.toContain("654321");
      expect(answer.body).not.toHaveProperty("clientSecret");
      expect(answer.body).not.toHaveProperty("payoutPasscode");
      expect(answer.headers.get("access-control-allow-origin")).toBeNull();
    }
    // Still set: the new secret is the one that obtains a token.
    const token = await client.request(
      "POST",
      "/v1/jwt/client/obtain/token",
      { client_id: "sim_client_id", client_secret: "rotated-secret" },
      { token: null },
    );
    expect(token.status).toBe(200);
  });

  it("POST changes the session life for new sessions", async () => {
    await client.post("/__simulator/config", { sessionTtlMs: 60_000 });
    const source = await client.source();
    const session = await client.checkoutSession(source.source_id);
    expect(session.expires_at).toBe("2026-06-01T12:01:00.000Z");
  });

  it.each([
    [{ successWord: "DONE" }],
    [{ processingMs: -1 }],
    [{ sessionTtlMs: 0 }],
    [{ colour: "red" }],
  ])("refuses %j and keeps the config", async (body) => {
    const answer = await client.post("/__simulator/config", body);
    expect(answer.status).toBe(422);
    expect((await client.get("/__simulator/config")).body.successWord).toBe("COMPLETED");
  });
});

describe("/__simulator/reset and /__simulator/ledger", () => {
  it("the ledger lists each execution and source with the documented fields", async () => {
    const { referenceId, session, account, source } = await client.pay(
      { phone: "231880000000" },
      "1900.00",
      "LRD",
    );
    await client.advance(90_000);
    const ledger = await client.ledger();
    expect(ledger).toEqual({
      now: "2026-06-01T12:01:30.000Z",
      executions: [
        {
          reference_id: referenceId,
          operation_type: "COLLECTION",
          session_id: String(session.id),
          payment_account_id: String(account.id),
          source_type: "INVOICE",
          source_id: source.source_id,
          amount: "1938.00",
          currency: "LRD",
          payee_amount: "1900.00",
          payee_currency: "LRD",
          status: "COMPLETED",
          requires_action: false,
          execute_calls: 1,
          payloads: 1,
          created_at: "2026-06-01T12:00:00.000Z",
          settled_at: "2026-06-01T12:01:30.000Z",
        },
      ],
      sources: [
        {
          source_type: "INVOICE",
          source_id: source.source_id,
          source_number: "INV-2026-01001",
          status: "PAID",
          currency: "LRD",
          total_amount: "1900.00",
          paid_at: "2026-06-01T12:01:30.000Z",
        },
      ],
    });
  });

  it("reset forgets records and restarts the id counters", async () => {
    await client.pay({ phone: "231880000000" });
    const reset = await client.post("/__simulator/reset");
    expect(reset.body).toMatchObject({ reset: true, now_ms: FROZEN_NOW });
    expect(await client.ledger()).toMatchObject({ executions: [], sources: [] });
    expect((await client.source()).source_id).toBe(1001);
  });

  it("authenticate validates its body", async () => {
    const answer = await client.post("/__simulator/authenticate", {
      client_secret: "pi_x",
      outcome: "maybe",
    });
    expect(answer.status).toBe(422);
    expect(answer.body.detail[0].loc).toEqual(["body", "outcome"]);
  });
});
