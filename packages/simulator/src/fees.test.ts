// The fee schedule (/v1/fees/*) agrees with the predictions, the merchant info, and the status
// reads for operations the simulator does not make (transfers, refunds).
import { describe, expect, it } from "vitest";
import { useTestServer } from "./test-helpers.ts";

const { client } = useTestServer();

const START = "2026-01-01T00:00:00.000Z";
const DEFAULT_TIER = {
  id: 1,
  name: "default",
  is_default: true,
  created_at: START,
  updated_at: START,
};

const predict = (method: string, provider: string, baseAmount: string) =>
  client.get(
    `/v1/predictions/amount-and-fees?base_amount=${baseAmount}&base_currency=USD&target_currency=USD&payment_method=${method}&operation_type=COLLECTION&provider=${provider}&fee_bearer=PAYER`,
  );

describe("GET /v1/fees/*", () => {
  it("lists one tier, the default, and names it as the simulated merchant's tier", async () => {
    expect((await client.get("/v1/fees/tiers")).body).toEqual([DEFAULT_TIER]);
    const tier = await client.get("/v1/fees/merchant-tier?owner_type=ORGANIZATION&owner_id=1");
    expect(tier.body).toEqual({
      id: 1,
      owner_type: "ORGANIZATION",
      owner_id: 1,
      assigned_at: START,
      assigned_by: null,
      tier: DEFAULT_TIER,
    });
    expect((await client.get("/v1/fees/merchant-tier?owner_type=USER&owner_id=1")).body).toEqual({
      detail: "Merchant not found",
    });
    const bad = await client.get("/v1/fees/merchant-tier?owner_type=SHOP&owner_id=x");
    expect(bad.body.detail.map((issue: { type: string }) => issue.type)).toEqual([
      "enum",
      "int_parsing",
    ]);
  });

  it.each([
    ["MTN_MOMO_LBR", "PAWAPAY", "2.00", 0, null],
    ["CREDIT_CARD", "STRIPE", "3.50", 0.3, "USD"],
  ])(
    "the %s platform rate is what its prediction charges",
    async (method, provider, percentage, fixed, fixedCurrency) => {
      const rate = await client.get(
        `/v1/fees/platform?operation_type=COLLECTION&fee_tier_name=default&payment_method=${method}`,
      );
      expect(rate.body).toEqual({
        id: method === "CREDIT_CARD" ? 2 : 1,
        operation_type: "COLLECTION",
        percentage,
        fx_percentage: "0.00",
        effective_from: START,
        created_at: START,
        payment_method: method,
        fixed_fee: fixed,
        fixed_fee_currency: fixedCurrency,
        effective_to: null,
        tier: DEFAULT_TIER,
      });
      // 200.00 USD: the fee is percentage × amount + the fixed part, and no gateway fee.
      const prediction = (await predict(method, provider, "200.00")).body;
      const expected = (200 * Number(percentage)) / 100 + fixed;
      expect(Number(prediction.platform_fee)).toBeCloseTo(expected, 10);
      expect(prediction.gateway_fee).toBeNull();
      const gateway = await client.get(
        `/v1/fees/gateway?payment_method=${method}&operation_type=COLLECTION`,
      );
      expect(gateway.body).toMatchObject({
        provider_id: method === "CREDIT_CARD" ? 2 : 1,
        operation_type: "COLLECTION",
        payment_method: method,
        percentage: 0,
        fixed_fee: 0,
        fixed_fee_currency: null,
        effective_from: START,
        effective_to: null,
      });
    },
  );

  it("answers the mobile-money rate without a method, no fee for payouts, and 404 where there is none", async () => {
    const general = await client.get(
      "/v1/fees/platform?operation_type=COLLECTION&fee_tier_name=default",
    );
    expect(general.body).toMatchObject({ percentage: "2.00", payment_method: null, fixed_fee: 0 });
    const payout = await client.get(
      "/v1/fees/platform?operation_type=PAYOUT&fee_tier_name=default",
    );
    expect(payout.body).toMatchObject({
      operation_type: "PAYOUT",
      percentage: "0.00",
      fixed_fee: 0,
    });
    for (const path of [
      "/v1/fees/platform?operation_type=COLLECTION&fee_tier_name=gold",
      "/v1/fees/platform?operation_type=TRANSFER&fee_tier_name=default",
      "/v1/fees/platform?operation_type=PAYOUT&fee_tier_name=default&payment_method=CREDIT_CARD",
      "/v1/fees/gateway?payment_method=WALLET&operation_type=TRANSFER",
      "/v1/fees/gateway?payment_method=CREDIT_CARD&operation_type=PAYOUT",
    ]) {
      const answer = await client.get(path);
      expect([path, answer.status]).toEqual([path, 404]);
    }
    expect(
      (await client.get("/v1/fees/gateway?payment_method=AIRTEL_RWA&operation_type=PAYOUT")).status,
    ).toBe(200);
    const missing = await client.get("/v1/fees/gateway?payment_method=MTN_MOMO_LBR");
    expect(missing.body.detail[0]).toMatchObject({
      loc: ["query", "operation_type"],
      type: "missing",
    });
  });

  it("wants a bearer token", async () => {
    const answer = await client.request("GET", "/v1/fees/tiers", undefined, { token: null });
    expect(answer.status).toBe(401);
  });
});

describe("GET /v1/merchants/merchant-info", () => {
  it("answers the simulated merchant, and 404 for any other", async () => {
    const info = await client.get(
      "/v1/merchants/merchant-info?merchant_id=1&merchant_type=ORGANIZATION",
    );
    expect(info.body).toEqual({
      id: 1,
      name: "Simulated Merchant",
      type: "ORGANIZATION",
      email: "merchant@simulator.dollr.test",
      phone: "231555000000",
    });
    for (const query of [
      "merchant_id=2&merchant_type=ORGANIZATION",
      "merchant_id=1&merchant_type=MICRO_ORGANIZATION",
    ]) {
      const answer = await client.get(`/v1/merchants/merchant-info?${query}`);
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ detail: "Merchant not found" });
    }
    const bad = await client.get("/v1/merchants/merchant-info?merchant_id=1&merchant_type=USER");
    expect(bad.body.detail[0]).toMatchObject({ loc: ["query", "merchant_type"], type: "enum" });
  });
});

describe("GET /v1/status/transfer|refund/{reference_id}", () => {
  it.each(["transfer", "refund"])(
    "%s: every id is unknown (the simulator makes none)",
    async (operation) => {
      const { referenceId } = await client.pay({ card: "pm_card_visa" });
      for (const id of [referenceId, crypto.randomUUID()]) {
        const answer = await client.get(`/v1/status/${operation}/${id}`);
        expect(answer.status).toBe(404);
        expect(answer.body).toEqual({ detail: "Execution not found" });
      }
    },
  );
});
