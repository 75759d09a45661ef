// Receipts (JSON, by id and number, 409 until PAID), the receipt page, and the payment links
// (`GET /v1/links/pay`, `GET /v1/links/receipt`).
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createCheckout, getPage, postForm } from "./checkout-test-helpers.ts";
import { useTestServer } from "./test-helpers.ts";

const { client } = useTestServer();

/** An unpublished invoice made the long way (party, counterparty, invoice, item). */
async function idleInvoice() {
  const party = await client.post("/v1/parties/create", { fullname: "Jo", phone: "231880000000" });
  const counterparty = await client.post("/v1/counterparties/create", {
    relationship_type: "CUSTOMER",
    party_id: party.body.id,
  });
  const invoice = await client.post("/v1/invoices/create", {
    counterparty_id: counterparty.body.id,
    currency: "USD",
    fee_bearer: "PAYER",
  });
  await client.post(`/v1/invoices/${invoice.body.id}/items/add`, {
    name: "Lesson",
    currency: "USD",
    amount: "10.00",
  });
  return invoice.body as { id: number; invoice_number: string };
}

describe.each([
  ["INVOICE", "invoices", "INV-2026-01001"],
  ["ORDER", "orders", "ORD-2026-05001"],
] as const)("%s receipts", (type, path, number) => {
  it("answer 409 until PAID, then the payment: amounts as numbers, fee, method, items", async () => {
    const checkout = await createCheckout(client, {
      source_kind: type,
      reference_id: "shop-ref-7",
      items: [
        { name: "T-shirt", currency: "USD", amount: 12.5 },
        { name: "Cap", currency: "USD", amount: 7.5 },
      ],
    });
    const byId = `/v1/${path}/receipt/${checkout.source_id}`;
    const byNumber = `/v1/${path}/receipt/number/${number}`;
    const before = await client.get(byId);
    expect(before.status).toBe(409);
    expect(before.body.detail).toMatch(/is ACTIVE: a receipt exists once it is PAID/);

    await postForm(checkout.url, { method: "mobile_money", phone: "231770000000" });
    expect((await client.get(byNumber)).body.detail).toMatch(/is PROCESSING/);
    await client.advance(90_000);

    const receipt = await client.get(byId);
    expect(receipt.status).toBe(200);
    const reference = (await client.ledger()).executions[0].reference_id;
    expect(receipt.body).toEqual({
      source_type: type,
      source_id: checkout.source_id,
      source_number: number,
      status: "PAID",
      currency: "USD",
      total_amount: 20,
      payer_amount: 20.4,
      payer_currency: "USD",
      payee_amount: 20,
      payee_currency: "USD",
      fx_rate: 1,
      fx_currency_from: "USD",
      fx_currency_to: "USD",
      fee_bearer: "PAYER",
      platform_fee: 0.4,
      platform_currency: "USD",
      fx_fee: null,
      gateway_fee: null,
      gateway_currency: null,
      provider: "PAWAPAY",
      payment_method: "ORANGE_MONEY_LBR",
      payment_method_details: { label: "Orange Liberia", last_digits: "0000" },
      provider_transaction_id: expect.any(String),
      items: [
        { name: "T-shirt", currency: "USD", qty: 1, amount: 12.5 },
        { name: "Cap", currency: "USD", qty: 1, amount: 7.5 },
      ],
      paid_at: "2026-06-01T12:01:30.000Z",
      reference_id: reference,
      source_reference_id: "shop-ref-7",
    });
    expect(JSON.stringify(receipt.body)).not.toContain("231770000000");
    expect((await client.get(byNumber)).body).toEqual(receipt.body);
  });

  it("answer 404 for an unknown source and 422 for a malformed id", async () => {
    expect((await client.get(`/v1/${path}/receipt/42`)).status).toBe(404);
    expect((await client.get(`/v1/${path}/receipt/number/NOPE-1`)).status).toBe(404);
    expect((await client.get(`/v1/${path}/receipt/abc`)).status).toBe(422);
  });
});

describe("a receipt paid in another currency", () => {
  it("reports the FX rate and the fee in the payer's currency", async () => {
    const source = await client.source("12.50", "USD");
    const account = await client.mobileMoneyAccount(source.party_id, "231880000000");
    const session = await client.checkoutSession(source.source_id);
    await client.execute(session.id, account.id, "LRD", crypto.randomUUID());
    await client.advance(90_000);
    const receipt = await client.get(`/v1/invoices/receipt/${source.source_id}`);
    expect(receipt.body).toMatchObject({
      payer_amount: 2422.5,
      payer_currency: "LRD",
      payee_amount: 12.5,
      payee_currency: "USD",
      fx_rate: 190,
      fx_currency_from: "USD",
      fx_currency_to: "LRD",
      platform_fee: 47.5,
      platform_currency: "LRD",
    });
  });
});

describe("GET /v1/links/pay", () => {
  it("gives the pay page of an ACTIVE source, the same one each time", async () => {
    const invoice = await idleInvoice();
    const query = `?source_type=INVOICE&source_number=${invoice.invoice_number}`;
    const idle = await client.get(`/v1/links/pay${query}`);
    expect(idle.status).toBe(422);
    expect(idle.body.detail[0]).toMatchObject({
      loc: ["query", "source_number"],
      msg: expect.stringMatching(/^source not published/),
    });
    await client.request("PUT", `/v1/invoices/publish/${invoice.id}`);
    const link = await client.get(`/v1/links/pay${query}`);
    expect(link.body).toEqual({
      url: expect.stringMatching(new RegExp(`^${client.url}/pay/pay_[0-9a-f]{48}$`)),
    });
    expect((await client.get(`/v1/links/pay${query}`)).body.url).toBe(link.body.url);
    const page = await getPage(link.body.url);
    expect(page.text).toContain("<h1>Pay invoice INV-2026-01001</h1>");
    expect(page.text).not.toContain("Cancel and return");
  });

  it("gives a checkout's own page, and refuses canceled, unknown and malformed sources", async () => {
    const checkout = await createCheckout(client);
    const query = `?source_type=ORDER&source_number=${checkout.source_number}`;
    expect((await client.get(`/v1/links/pay${query}`)).body.url).toBe(checkout.url);
    await client.request("DELETE", `/v1/orders/cancel/${checkout.source_id}`);
    const canceled = await client.get(`/v1/links/pay${query}`);
    expect(canceled.status).toBe(422);
    expect(canceled.body.detail[0].msg).toBe("source canceled");
    expect((await getPage(checkout.url)).text).toContain("This order was canceled");
    expect((await client.get("/v1/links/pay?source_type=ORDER&source_number=X")).status).toBe(404);
    const malformed = await client.get("/v1/links/pay?source_type=order");
    expect(malformed.status).toBe(422);
    expect(malformed.body.detail.map((issue: { loc: string[] }) => issue.loc[1])).toEqual([
      "source_type",
      "source_number",
    ]);
  });
});

describe("GET /v1/links/receipt and the receipt page", () => {
  it("409 until PAID, then a receipt page that shows the last digits only", async () => {
    const checkout = await createCheckout(client, {
      items: [{ name: '<script>alert("x")</script>', currency: "USD", amount: 5 }],
      reference_id: '"><img src=x onerror=alert(1)>',
    });
    const query = `?source_type=ORDER&source_number=${checkout.source_number}`;
    const before = await client.get(`/v1/links/receipt${query}`);
    expect(before.status).toBe(409);
    await postForm(checkout.url, { method: "mobile_money", phone: "231880000000" });
    await client.advance(90_000);
    const link = await client.get(`/v1/links/receipt${query}`);
    expect(link.body.url).toMatch(new RegExp(`^${client.url}/receipt/rcpt_[0-9a-f]{48}$`));

    const { response, text } = await getPage(link.body.url);
    expect(response.status).toBe(200);
    expect(text.match(/<h1\b/g)).toHaveLength(1);
    expect(text).toContain('<html lang="en">');
    expect(text).toContain("<dt>Amount paid</dt><dd>USD 5.10</dd>");
    expect(text).toContain("<dt>Fee (included)</dt><dd>USD 0.10</dd>");
    expect(text).toContain("<dt>Payment method</dt><dd>MTN Liberia ending 0000</dd>");
    expect(text).toContain(
      '<time datetime="2026-06-01T12:01:30.000Z">2026-06-01 12:01:30 UTC</time>',
    );
    expect(text).toContain(checkout.source_number);
    expect(text).toContain((await client.ledger()).executions[0].reference_id);
    expect(text).not.toContain("231880000000");
    expect(text).not.toMatch(/<script|<img/);
    expect(text).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(text).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    const csp = response.headers.get("content-security-policy") ?? "";
    const style = /<style>([\s\S]*?)<\/style>/.exec(text)?.[1] ?? "";
    expect(csp).toContain(
      `style-src 'sha256-${createHash("sha256").update(style).digest("base64")}'`,
    );
    expect(csp).toContain("default-src 'none'");
  });

  it("a card receipt names the brand and its last four digits", async () => {
    const checkout = await createCheckout(client, { source_kind: "INVOICE" });
    await postForm(checkout.url, { method: "card", card: "pm_card_mastercard" });
    const link = await client.get(
      `/v1/links/receipt?source_type=INVOICE&source_number=${checkout.source_number}`,
    );
    expect((await getPage(link.body.url)).text).toContain("<dd>Mastercard ending 4444</dd>");
  });

  it("a PAYEE source: the customer pays the total, the shop pays the fee", async () => {
    const source = await client.source("10.00", "USD", { fee_bearer: "PAYEE" });
    const number = "source_type=INVOICE&source_number=INV-2026-01001";
    const pay = await client.get(`/v1/links/pay?${number}`);
    const page = await getPage(pay.body.url);
    expect(page.text).toContain('<p class="hint">You pay USD 10.00.</p>');
    await postForm(pay.body.url, { method: "card", card: "pm_card_visa" });
    const receipt = await client.get(`/v1/invoices/receipt/${source.source_id}`);
    expect(receipt.body).toMatchObject({
      payer_amount: 10,
      payee_amount: 9.35,
      platform_fee: 0.65,
    });
    const link = await client.get(`/v1/links/receipt?${number}`);
    expect((await getPage(link.body.url)).text).toContain(
      "<dt>Fee (paid by the shop)</dt><dd>USD 0.65</dd>",
    );
  });

  it("an unknown receipt token is a 404 page", async () => {
    const { response, text } = await getPage(`${client.url}/receipt/rcpt_${"a".repeat(48)}`);
    expect(response.status).toBe(404);
    expect(text).toContain("<h1>Receipt not found</h1>");
    expect((await fetch(`${client.url}/receipt/x`, { method: "POST" })).status).toBe(405);
  });
});
