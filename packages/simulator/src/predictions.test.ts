// Provider predictions (mobile money by prefix, cards by pm), payment accounts, and the fee and
// FX tables behind amount-and-fees.
import { describe, expect, it } from "vitest";
import { useTestServer } from "./test-helpers.ts";

const { client } = useTestServer();

const mmo = (phone: string, operation = "COLLECTION") =>
  client.get(`/v1/predictions/mmo-provider-info?phone=${phone}&operation_type=${operation}`);

describe("GET /v1/predictions/mmo-provider-info", () => {
  it.each([
    ["231880000000", "MTN Liberia", "MTN_MOMO_LBR", "LR", ["USD", "LRD"]],
    ["231770000001", "Orange Liberia", "ORANGE_MONEY_LBR", "LR", ["USD", "LRD"]],
    ["250780000002", "MTN Rwanda", "MTN_MOMO_RWA", "RW", ["RWF"]],
    ["250730000003", "Airtel Rwanda", "AIRTEL_RWA", "RW", ["RWF"]],
  ])("%s → %s", async (phone, carrier, method, country, currencies) => {
    const answer = await mmo(phone, "PAYOUT");
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      carrier,
      country,
      currencies,
      phone,
      payment_method: method,
      gateway_provider: "PAWAPAY",
      operation_type: "PAYOUT",
    });
  });

  it.each([
    ["231550000000", /no mobile money provider/],
    ["+231880000000", /invalid phone/],
    ["23188000000", /12 digits/],
    ["2318800000000", /12 digits/],
    ["0231880000000", /invalid phone/],
    ["abc", /invalid phone/],
  ])("%s → 422", async (phone, message) => {
    const answer = await mmo(encodeURIComponent(phone));
    expect(answer.status).toBe(422);
    expect(answer.body.detail[0].loc).toEqual(["query", "phone"]);
    expect(answer.body.detail[0].msg).toMatch(message);
  });

  it("needs phone and operation_type", async () => {
    const answer = await client.get("/v1/predictions/mmo-provider-info");
    expect(answer.status).toBe(422);
    expect(answer.body.detail.map((issue: { loc: string[] }) => issue.loc)).toEqual([
      ["query", "phone"],
      ["query", "operation_type"],
    ]);
  });
});

describe("GET /v1/predictions/card-provider-info", () => {
  const card = (pm: string, extra = "") =>
    client.get(
      `/v1/predictions/card-provider-info?payment_method_id=${pm}&operation_type=COLLECTION&provider=STRIPE${extra}`,
    );

  it("describes the card", async () => {
    expect((await card("pm_card_mastercard")).body).toEqual({
      brand: "mastercard",
      country: "US",
      currencies: ["USD"],
      payment_method: "CREDIT_CARD",
      gateway_provider: "STRIPE",
    });
    expect((await card("pm_card_threeDSecure2Required")).body.brand).toBe("visa");
  });

  it("refuses a non-pm id, a provider other than STRIPE and PAYOUT", async () => {
    expect((await card("tok_visa")).status).toBe(422);
    const pawapay = await client.get(
      "/v1/predictions/card-provider-info?payment_method_id=pm_card_visa&operation_type=COLLECTION&provider=PAWAPAY",
    );
    expect(pawapay.body.detail[0].msg).toMatch(/invalid combination/);
    const payout = await client.get(
      "/v1/predictions/card-provider-info?payment_method_id=pm_card_visa&operation_type=PAYOUT&provider=STRIPE",
    );
    expect(payout.status).toBe(422);
  });
});

describe("POST /v1/payment-accounts/create", () => {
  it("creates a mobile money account without echoing the number", async () => {
    const source = await client.source();
    const answer = await client.post("/v1/payment-accounts/create?operation_type=COLLECTION", {
      account_name: "Jane MTN",
      provider: "MTN_MOMO_LBR",
      method: "MTN_MOMO_LBR",
      party_id: source.party_id,
      country_code: "LBR",
      insensitive_account_number: "231880000000",
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      id: 1,
      account_name: "Jane MTN",
      provider: "MTN_MOMO_LBR",
      method: "MTN_MOMO_LBR",
      party_id: source.party_id,
      is_active: true,
      country_code: "LBR",
      created_at: "2026-06-01T12:00:00.000Z",
      updated_at: "2026-06-01T12:00:00.000Z",
    });
    expect(JSON.stringify(answer.body)).not.toContain("231880000000");
  });

  it.each([
    [
      { provider: "STRIPE", method: "MTN_MOMO_LBR", insensitive_account_number: "231880000000" },
      /invalid combination/,
    ],
    [{ provider: "PAWAPAY", method: "MTN_MOMO_LBR" }, /needs insensitive_account_number/],
    [
      { provider: "PAWAPAY", method: "MTN_MOMO_LBR", insensitive_account_number: "+231" },
      /invalid phone/,
    ],
    [
      { provider: "STRIPE", method: "CREDIT_CARD", insensitive_account_number: "4242" },
      /no account number/,
    ],
    [{ provider: "STRIPE", method: "CREDIT_CARD" }, /card-provider-info/],
    [
      {
        provider: "PAWAPAY",
        method: "MTN_MOMO_LBR",
        insensitive_account_number: "231880000000",
        payment_method_id: "pm_card_visa",
      },
      /CREDIT_CARD accounts only/,
    ],
  ])("refuses %j", async (fields, message) => {
    const source = await client.source();
    const answer = await client.post("/v1/payment-accounts/create?operation_type=COLLECTION", {
      account_name: "X",
      party_id: source.party_id,
      ...fields,
    });
    expect(answer.status).toBe(422);
    expect(answer.body.detail[0].msg).toMatch(message);
  });

  it("needs operation_type and a known party", async () => {
    const missing = await client.post("/v1/payment-accounts/create", {
      account_name: "X",
      provider: "PAWAPAY",
      method: "MTN_MOMO_LBR",
      party_id: 1,
      insensitive_account_number: "231880000000",
    });
    expect(missing.body.detail[0].loc).toEqual(["query", "operation_type"]);
    const noParty = await client.post("/v1/payment-accounts/create?operation_type=COLLECTION", {
      account_name: "X",
      provider: "PAWAPAY",
      method: "MTN_MOMO_LBR",
      party_id: 999,
      insensitive_account_number: "231880000000",
    });
    expect(noParty.body.detail[0].loc).toEqual(["body", "party_id"]);
  });
});

describe("amount-and-fees: the fee and FX tables", () => {
  async function predict(
    amount: string,
    currency: string,
    feeBearer: string,
    target: string,
    method: string,
    provider = method === "CREDIT_CARD" ? "STRIPE" : "PAWAPAY",
  ) {
    const source = await client.source(amount, currency, { fee_bearer: feeBearer });
    return client.get(
      `/v1/predictions/payment-source/amount-and-fees?source_type=INVOICE&source_id=${source.source_id}&target_currency=${target}&payment_method=${method}&provider=${provider}`,
    );
  }

  it.each([
    // amount, currency, bearer, target, method → payer, payee, fee
    ["12.50", "USD", "PAYER", "USD", "MTN_MOMO_LBR", "12.75", "12.50", "0.25"],
    ["12.50", "USD", "PAYEE", "USD", "MTN_MOMO_LBR", "12.50", "12.25", "0.25"],
    ["12.50", "USD", "PAYER", "LRD", "ORANGE_MONEY_LBR", "2422.50", "12.50", "47.50"],
    ["12.50", "USD", "PAYEE", "LRD", "ORANGE_MONEY_LBR", "2375.00", "12.25", "47.50"],
    ["1900.00", "LRD", "PAYER", "USD", "MTN_MOMO_LBR", "10.20", "1900.00", "0.20"],
    ["1900.00", "LRD", "PAYEE", "USD", "MTN_MOMO_LBR", "10.00", "1862.00", "0.20"],
    ["1000", "RWF", "PAYER", "RWF", "MTN_MOMO_RWA", "1020", "1000", "20"],
    ["1000", "RWF", "PAYEE", "RWF", "AIRTEL_RWA", "1000", "980", "20"],
    ["12.50", "USD", "PAYER", "USD", "CREDIT_CARD", "13.24", "12.50", "0.74"],
    ["12.50", "USD", "PAYEE", "USD", "CREDIT_CARD", "12.50", "11.76", "0.74"],
    ["1900.00", "LRD", "PAYER", "USD", "CREDIT_CARD", "10.65", "1900.00", "0.65"],
  ])(
    "%s %s %s paid in %s by %s → payer %s, payee %s, fee %s",
    async (amount, currency, bearer, target, method, payer, payee, fee) => {
      const answer = await predict(amount, currency, bearer, target, method);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        payer_amount: payer,
        payer_currency: target,
        payee_amount: payee,
        payee_currency: currency,
        platform_fee: fee,
        platform_currency: target,
        fx_fee: null,
        gateway_fee: null,
        gateway_currency: null,
      });
    },
  );

  it.each([
    ["1000", "RWF", "PAYER", "USD", "MTN_MOMO_RWA", /not supported by MTN_MOMO_RWA/],
    ["12.50", "USD", "PAYER", "RWF", "MTN_MOMO_RWA", /no exchange rate from USD/],
    ["12.50", "USD", "PAYER", "LRD", "CREDIT_CARD", /not supported by CREDIT_CARD/],
    ["0.20", "USD", "PAYEE", "USD", "CREDIT_CARD", /does not cover the fees/],
  ])("%s %s %s in %s by %s → 422", async (amount, currency, bearer, target, method, message) => {
    const answer = await predict(amount, currency, bearer, target, method);
    expect(answer.status).toBe(422);
    expect(answer.body.detail[0].msg).toMatch(message);
  });

  it("refuses an invalid method/provider combination and an unknown source", async () => {
    expect(
      (await predict("1", "USD", "PAYER", "USD", "MTN_MOMO_LBR", "STRIPE")).body.detail[0].msg,
    ).toMatch(/invalid combination/);
    const unknown = await client.get(
      "/v1/predictions/payment-source/amount-and-fees?source_type=ORDER&source_id=1001&target_currency=USD&payment_method=MTN_MOMO_LBR&provider=PAWAPAY",
    );
    expect(unknown.status).toBe(404);
  });

  it("GET /v1/predictions/amount-and-fees prices a bare amount the same way", async () => {
    const answer = await client.get(
      "/v1/predictions/amount-and-fees?base_amount=12.50&base_currency=USD&target_currency=LRD&payment_method=MTN_MOMO_LBR&operation_type=COLLECTION&provider=PAWAPAY&fee_bearer=PAYER",
    );
    expect(answer.body).toMatchObject({
      payer_amount: "2422.50",
      payee_amount: "12.50",
      platform_fee: "47.50",
    });
    const payout = await client.get(
      "/v1/predictions/amount-and-fees?base_amount=12.50&base_currency=USD&target_currency=USD&payment_method=MTN_MOMO_LBR&operation_type=PAYOUT&provider=PAWAPAY&fee_bearer=PAYER",
    );
    expect(payout.status).toBe(422);
  });
});
