// Every contract route over real HTTP (127.0.0.1), the proxy in front of the simulator.
import {
  parseExecutionResponse,
  parseKitConfig,
  parseSavedPaymentAccount,
} from "@dollr-kit/core/internal";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Harness, newReferenceId, PHONES, startHarness } from "./test-support.ts";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe("GET /kit/config", () => {
  it("answers the publishable key, currencies, polling and realtime settings without signing in", async () => {
    const answer = await h.call("GET", "/kit/config", { as: null });
    expect(answer.status).toBe(200);
    const config = parseKitConfig(answer.json);
    expect(config).toMatchObject({
      stripe_publishable_key: "pk_test_harness",
      currencies: ["USD", "LRD"],
      realtime: null,
    });
    expect(config.polling.interval_ms).toBeGreaterThan(0);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.headers.get("x-request-id")).toMatch(/^[\w-]{8,}$/);
    expect(h.forwarded).toHaveLength(0);
  });
});

describe("/kit/payment-accounts", () => {
  it("saves a wallet from the predicted operator, masks the number, and reuses it for the same phone", async () => {
    const created = await h.call("POST", "/kit/payment-accounts", {
      json: { type: "MOBILE_MONEY", phone: PHONES.succeeds, account_name: "My MTN" },
    });
    expect(created.status).toBe(201);
    const account = parseSavedPaymentAccount(created.json);
    expect(account).toMatchObject({
      type: "MOBILE_MONEY",
      account_name: "My MTN",
      provider: "PAWAPAY",
      method: "MTN_MOMO_LBR",
      currencies: ["USD", "LRD"],
      country_code: "LR",
      masked_number: "*********000",
      operator: "MTN Liberia",
      brand: null,
      last4: null,
      single_use: false,
    });
    expect(created.text).not.toContain(PHONES.succeeds);
    // mmo-provider-info, then payment-accounts/create with the party and the full number.
    const calls = h.apiCalls();
    expect(calls.map((c) => c.path)).toEqual([
      `/v1/predictions/mmo-provider-info?phone=${PHONES.succeeds}&operation_type=COLLECTION`,
      "/v1/payment-accounts/create?operation_type=COLLECTION",
    ]);
    expect(JSON.parse(calls[1]?.body ?? "")).toEqual({
      account_name: "My MTN",
      provider: "PAWAPAY",
      method: "MTN_MOMO_LBR",
      country_code: "LR",
      insensitive_account_number: PHONES.succeeds,
      party_id: h.customers.alice.partyId,
    });

    const again = await h.call("POST", "/kit/payment-accounts", {
      json: { type: "MOBILE_MONEY", phone: PHONES.succeeds, account_name: "Again" },
    });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(account.id);
    expect(
      h.apiCalls().filter((c) => c.path.startsWith("/v1/payment-accounts/create")),
    ).toHaveLength(1);

    const list = await h.call("GET", "/kit/payment-accounts");
    expect(list.status).toBe(200);
    expect(list.json.payment_accounts.map((a: { id: string }) => a.id)).toEqual([account.id]);
  });

  it("takes an operator override of the same country (ported numbers) and refuses another country's", async () => {
    const ported = await h.call("POST", "/kit/payment-accounts", {
      json: {
        type: "MOBILE_MONEY",
        phone: PHONES.succeeds,
        account_name: "Ported",
        method: "ORANGE_MONEY_LBR",
      },
    });
    expect(ported.status).toBe(201);
    expect(ported.json.method).toBe("ORANGE_MONEY_LBR");
    const abroad = await h.call("POST", "/kit/payment-accounts", {
      json: {
        type: "MOBILE_MONEY",
        phone: PHONES.succeeds,
        account_name: "Wrong",
        method: "MTN_MOMO_RWA",
      },
    });
    expect(abroad.status).toBe(422);
    expect(abroad.json.detail[0].loc).toEqual(["body", "method"]);
  });

  it("passes Dollr's 422 for a number no operator serves, without the number", async () => {
    const answer = await h.call("POST", "/kit/payment-accounts", {
      json: { type: "MOBILE_MONEY", phone: "231990000123", account_name: "Nobody" },
    });
    expect(answer.status).toBe(422);
    expect(answer.text).not.toContain("231990000123");
    expect(answer.text).toContain("no mobile money provider");
  });

  it("saves a card as a single-use account (card-provider-info, then create) and deletes it", async () => {
    const created = await h.call("POST", "/kit/payment-accounts", {
      json: {
        type: "CARD",
        payment_method_id: "pm_card_visa",
        account_name: "Visa",
        last4: "4242",
      },
    });
    expect(created.status).toBe(201);
    expect(parseSavedPaymentAccount(created.json)).toMatchObject({
      type: "CARD",
      provider: "STRIPE",
      method: "CREDIT_CARD",
      brand: "visa",
      last4: "4242",
      masked_number: null,
      single_use: true,
    });
    expect(h.apiCalls().map((c) => c.path.split("?")[0])).toEqual([
      "/v1/predictions/card-provider-info",
      "/v1/payment-accounts/create",
    ]);
    const removed = await h.call("DELETE", `/kit/payment-accounts/${created.json.id}`);
    expect(removed.status).toBe(204);
    expect(removed.text).toBe("");
    expect((await h.call("GET", "/kit/payment-accounts")).json.payment_accounts).toEqual([]);
    expect((await h.call("DELETE", `/kit/payment-accounts/${created.json.id}`)).status).toBe(404);
  });

  it("binds each card to its own account when cards are added at the same time", async () => {
    // A slow card-provider-info makes concurrent additions overlap, as they would in production.
    await h.close();
    h = await startHarness({
      transport: (inner) => async (request) => {
        const response = await inner(request);
        if (new URL(request.url).pathname === "/v1/predictions/card-provider-info") {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return response;
      },
    });
    const cards = [
      { as: "alice", pm: "pm_card_chargeDeclined" },
      { as: "bob", pm: "pm_card_threeDSecure2Required" },
      { as: "alice", pm: "pm_card_visa" },
      { as: "bob", pm: "pm_card_chargeDeclined" },
    ] as const;
    const ids = await Promise.all(cards.map((c) => h.card(c.as, c.pm)));
    expect(new Set(ids).size).toBe(cards.length);
    // Each account pays the way its own pm_… behaves: proof that no card was bound to another.
    const outcomes = [];
    for (const [i, c] of cards.entries()) {
      const sessionId = await h.session(c.as);
      const answer = await h.call("POST", "/v1/executions/collection", {
        as: c.as,
        json: {
          session_id: sessionId,
          payment_account_id: ids[i],
          currency: "USD",
          reference_id: newReferenceId(),
        },
      });
      outcomes.push(answer.json.requires_action ? "requires_action" : answer.json.status);
    }
    expect(outcomes).toEqual(["FAILED", "requires_action", "COMPLETED", "FAILED"]);
  });
});

describe("a mobile-money checkout", () => {
  it("opens a session, executes, and reads PROCESSING then COMPLETED", async () => {
    const source = await h.source();
    const accountId = await h.wallet();
    const session = await h.call("POST", "/v1/sessions/checkout", { json: source });
    expect(session.status).toBe(200);
    expect(session.json).toMatchObject({ source_id: source.source_id, source_type: "INVOICE" });
    const sessionCall = h.apiCalls().find((c) => c.path === "/v1/sessions/checkout");
    expect(JSON.parse(sessionCall?.body ?? "")).toEqual(source);

    const referenceId = newReferenceId();
    const executed = await h.call("POST", "/v1/executions/collection", {
      json: {
        session_id: String(session.json.id),
        payment_account_id: accountId,
        currency: "LRD",
        reference_id: referenceId,
      },
    });
    expect(executed.status).toBe(200);
    const execution = parseExecutionResponse(executed.json);
    expect(execution).toMatchObject({
      reference_id: referenceId,
      status: "PROCESSING",
      payer_currency: "LRD",
    });

    const processing = await h.call("GET", `/v1/status/collection/${referenceId}`);
    expect(processing.json.status).toBe("PROCESSING");
    h.advance(61_000);
    const done = await h.call("GET", `/v1/status/collection/${referenceId}`);
    expect(done.status).toBe(200);
    expect(done.json.status).toBe("COMPLETED");

    const paid = await h.call(
      "GET",
      `/v1/status/source?source_type=INVOICE&source_id=${source.source_id}`,
    );
    expect(paid.status).toBe(200);
    expect(paid.json.status).toBe("PAID");
  });

  it("predicts the operator (phone masked in the answer) and the payer's amount and fees", async () => {
    const source = await h.source("alice", "10.00");
    const predicted = await h.call(
      "GET",
      `/v1/predictions/mmo-provider-info?phone=${PHONES.succeeds}`,
    );
    expect(predicted.status).toBe(200);
    expect(predicted.json).toMatchObject({
      carrier: "MTN Liberia",
      payment_method: "MTN_MOMO_LBR",
      phone: "*********000",
    });
    expect(predicted.text).not.toContain(PHONES.succeeds);

    const fees = await h.call(
      "GET",
      `/v1/predictions/payment-source/amount-and-fees?source_type=INVOICE&source_id=${source.source_id}&target_currency=USD&payment_method=MTN_MOMO_LBR&provider=PAWAPAY`,
    );
    expect(fees.status).toBe(200);
    expect(fees.json).toMatchObject({ payee_amount: expect.anything(), payer_currency: "USD" });
  });
});

describe("a card checkout with 3-D Secure", () => {
  it("passes requires_action and Stripe's client_secret through, then the authenticated status", async () => {
    const source = await h.source();
    const cardId = await h.card("alice", "pm_card_threeDSecure2Required");
    const sessionId = await h.session("alice", source);
    const referenceId = newReferenceId();
    const executed = await h.call("POST", "/v1/executions/collection", {
      json: {
        session_id: sessionId,
        payment_account_id: cardId,
        currency: "USD",
        reference_id: referenceId,
      },
    });
    expect(executed.status).toBe(200);
    expect(executed.json.requires_action).toBe(true);
    expect(executed.json.client_secret).toMatch(/^pi_\w+_secret_\w+$/);
    h.simulator.control.authenticate(executed.json.client_secret, "succeeded");
    const status = await h.call("GET", `/v1/status/collection/${referenceId}`);
    expect(status.json.status).toBe("COMPLETED");
    // The used card is single use: it is no longer offered.
    expect((await h.call("GET", "/kit/payment-accounts")).json.payment_accounts).toEqual([]);
  });
});
