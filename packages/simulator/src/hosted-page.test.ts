// The hosted pay page over real HTTP: its HTML (escaping, CSP, labels), paying with test numbers
// and cards (303s, then PROCESSING → PAID on the simulator clock), declines, cancel, bad tokens.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  createCheckout,
  getPage,
  locationOf,
  postForm,
  SHOP,
  unlabelledControls,
} from "./checkout-test-helpers.ts";
import { useTestServer } from "./test-helpers.ts";

const { client } = useTestServer();

const HOSTILE = [
  { name: "<script>alert(1)</script>", currency: "USD", amount: 1 },
  { name: '"><img src=x onerror=alert(1)>', currency: "USD", amount: 2 },
];

async function payPageOf(checkout: { url: string }) {
  const path = new URL(checkout.url).pathname;
  return { url: checkout.url, path };
}

describe("GET /pay/{token}", () => {
  it("escapes every dynamic string and sends a strict CSP", async () => {
    const checkout = await createCheckout(client, {
      items: HOSTILE,
      note: "</p><script>steal()</script>",
    });
    const { response, text } = await getPage(checkout.url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(text).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
    expect(text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(text).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(text).toContain("&lt;/p&gt;&lt;script&gt;steal()&lt;/script&gt;");

    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`form-action 'self' ${SHOP}`);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(text)?.[1] ?? "";
    const hash = createHash("sha256").update(style).digest("base64");
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(text).not.toMatch(/\b(?:src|href)="https?:/);
  });

  it("is an accessible page: lang, one h1, every control labelled, items and total", async () => {
    const checkout = await createCheckout(client, {
      items: [
        { name: "T-shirt", currency: "USD", amount: 12.5 },
        { name: "Cap", currency: "USD", amount: 7.5 },
      ],
    });
    const { text } = await getPage(checkout.url);
    expect(text).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(text.match(/<h1\b/g)).toHaveLength(1);
    expect(text).toContain("<h1>Pay order ORD-2026-05001</h1>");
    expect(unlabelledControls(text)).toEqual([]);
    expect(text).toContain('<label for="phone">Mobile money number</label>');
    expect(text).toContain('<label for="card">Test card</label>');
    expect(text).toContain('<td>T-shirt</td><td>1</td><td class="amount">USD 12.50</td>');
    expect(text).toContain('<td class="amount">USD 20.00</td>');
    // Mobile money: 2 % on top (PAYER); card: 3.5 % + 0.30.
    expect(text).toContain("Pay USD 20.40 with mobile money");
    expect(text).toContain("Pay USD 21.00 by card");
    const { path } = await payPageOf(checkout);
    expect(text).toContain(`<a href="${path}/cancel">Cancel and return to the shop</a>`);
  });

  it("answers 404 for an unknown, malformed or expired token", async () => {
    const base = `${client.url}/pay/`;
    for (const token of ["pay_0000", `pay_${"0".repeat(48)}`, "%3Cscript%3E"]) {
      const { response, text } = await getPage(`${base}${token}`);
      expect(response.status).toBe(404);
      expect(text).toContain("<h1>Payment link not found</h1>");
      expect(text).not.toContain("<script>");
    }
    const checkout = await createCheckout(client, { expires_at: "2026-06-01T12:10:00Z" });
    expect((await getPage(checkout.url)).response.status).toBe(200);
    await client.advance(10 * 60_000);
    expect((await getPage(checkout.url)).response.status).toBe(404);
    expect((await postForm(checkout.url, { method: "card", card: "pm_card_visa" })).status).toBe(
      404,
    );
  });

  it("answers 405 with Allow for other methods", async () => {
    const checkout = await createCheckout(client);
    const response = await fetch(checkout.url, { method: "PUT" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST");
  });
});

describe("POST /pay/{token}", () => {
  it("a success number: 303 to success_url, then PROCESSING → PAID on the simulator clock", async () => {
    const checkout = await createCheckout(client);
    const response = await postForm(checkout.url, {
      method: "mobile_money",
      phone: "231880000000",
    });
    expect(response.status).toBe(303);
    expect(locationOf(response)).toBe(`${SHOP}/thanks?order=42`);
    expect((await client.sourceStatus(checkout.source_id, "ORDER")).body.status).toBe("PROCESSING");
    const ledger = await client.ledger();
    expect(ledger.executions).toMatchObject([
      {
        source_type: "ORDER",
        source_id: checkout.source_id,
        amount: "12.75",
        status: "PROCESSING",
      },
    ]);
    const status = await client.status(ledger.executions[0].reference_id);
    expect(status.body).toMatchObject({ status: "PROCESSING", payer_amount: 12.75 });
    const processingPage = await getPage(checkout.url);
    expect(processingPage.text).toContain("Your payment is being processed");
    expect(processingPage.text).not.toContain("<form");

    await client.advance(89_999);
    expect((await client.sourceStatus(checkout.source_id, "ORDER")).body.status).toBe("PROCESSING");
    await client.advance(1);
    const paid = await client.sourceStatus(checkout.source_id, "ORDER");
    expect(paid.body).toMatchObject({ status: "PAID", paid_at: "2026-06-01T12:01:30.000Z" });
    const paidPage = await getPage(checkout.url);
    expect(paidPage.text).toContain("This order is already paid.");
    expect(paidPage.text).not.toContain("<form");
    expect(paidPage.text).toContain('href="/receipt/rcpt_');
    // A second payment is refused: the form is gone, and a replayed post changes nothing.
    const again = await postForm(checkout.url, { method: "mobile_money", phone: "231880000000" });
    expect(locationOf(again)).toBe(new URL(checkout.url).pathname);
    expect((await client.ledger()).executions).toHaveLength(1);
  });

  it("follows the configured processingMs", async () => {
    await client.post("/__simulator/config", { processingMs: 5_000 });
    const checkout = await createCheckout(client);
    await postForm(checkout.url, { method: "mobile_money", phone: "231770000000" });
    await client.advance(5_000);
    expect((await client.sourceStatus(checkout.source_id, "ORDER")).body.status).toBe("PAID");
  });

  it("a test card pays at once", async () => {
    const checkout = await createCheckout(client, { source_kind: "INVOICE" });
    const response = await postForm(checkout.url, { method: "card", card: "pm_card_mastercard" });
    expect(locationOf(response)).toBe(`${SHOP}/thanks?order=42`);
    expect((await client.sourceStatus(checkout.source_id, "INVOICE")).body.status).toBe("PAID");
  });

  it.each([
    ["mobile_money", { phone: "231880000003" }, "your wallet does not have enough money"],
    ["card", { card: "pm_card_chargeDeclined" }, "your card was declined"],
  ])(
    "a declined %s goes back to the page, which says so and can be paid again",
    async (method, fields, reason) => {
      const checkout = await createCheckout(client);
      const { path } = await payPageOf(checkout);
      const declined = await postForm(checkout.url, { method, ...fields });
      expect(declined.status).toBe(303);
      expect(locationOf(declined)).toBe(path);
      expect((await client.sourceStatus(checkout.source_id, "ORDER")).body.status).toBe("ACTIVE");
      const page = await getPage(checkout.url);
      expect(page.text).toContain(`role="alert">Your payment was declined: ${reason}.`);
      expect(page.text).toContain("<form");

      const retry = await postForm(checkout.url, { method: "mobile_money", phone: "231880000000" });
      expect(locationOf(retry)).toBe(`${SHOP}/thanks?order=42`);
      expect((await getPage(checkout.url)).text).not.toContain("declined");
    },
  );

  it("a number that fails later leaves the source payable, and the page says so", async () => {
    const checkout = await createCheckout(client);
    await postForm(checkout.url, { method: "mobile_money", phone: "231880000001" });
    await client.advance(90_000);
    expect((await client.sourceStatus(checkout.source_id, "ORDER")).body.status).toBe("ACTIVE");
    expect((await getPage(checkout.url)).text).toContain(
      "Your payment was declined: it was not approved on your phone in time.",
    );
  });

  it("re-renders the form with a 422 for a wrong number, card or method, keeping what was typed", async () => {
    const checkout = await createCheckout(client);
    const wrong = await postForm(checkout.url, { method: "mobile_money", phone: '1234"><b>x' });
    expect(wrong.status).toBe(422);
    const text = await wrong.text();
    expect(text).toContain('role="alert">Enter a test mobile money number');
    expect(text).toContain('value="1234&quot;&gt;&lt;b&gt;x"');
    expect(text).toContain('aria-invalid="true"');
    const rwanda = await postForm(checkout.url, { method: "mobile_money", phone: "250780000000" });
    expect(await rwanda.text()).toContain("MTN Rwanda cannot pay in USD.");
    expect((await postForm(checkout.url, { method: "card", card: "pm_evil" })).status).toBe(422);
    expect((await postForm(checkout.url, { method: "cash" })).status).toBe(422);
    expect((await client.ledger()).executions).toEqual([]);
  });

  it("refuses a body that is not form-encoded, or too large", async () => {
    const checkout = await createCheckout(client);
    const asJson = await fetch(checkout.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ method: "card", card: "pm_card_visa" }),
    });
    expect(asJson.status).toBe(415);
    const huge = await postForm(checkout.url, { method: "card", card: "x".repeat(10_000) });
    expect(huge.status).toBe(413);
  });
});

describe("GET /pay/{token}/cancel", () => {
  it("answers 303 to cancel_url, and 404 when the checkout has none", async () => {
    const checkout = await createCheckout(client);
    const response = await fetch(`${checkout.url}/cancel`, { redirect: "manual" });
    expect(response.status).toBe(303);
    expect(locationOf(response)).toBe(`${SHOP}/cart`);
    expect((await client.sourceStatus(checkout.source_id, "ORDER")).body.status).toBe("ACTIVE");

    const without = await createCheckout(client, { cancel_url: null, success_url: null });
    expect((await getPage(without.url)).text).not.toContain("Cancel and return");
    expect((await getPage(`${without.url}/cancel`)).response.status).toBe(404);
    // No success_url: back to the page, which shows the payment under way.
    const paid = await postForm(without.url, { method: "mobile_money", phone: "231880000000" });
    expect(locationOf(paid)).toBe(new URL(without.url).pathname);
  });
});
