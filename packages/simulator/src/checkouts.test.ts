// POST /v1/checkouts/create: HOSTED and DIRECT, ORDER and INVOICE, counterparty reuse, refusals
// (nothing is created by a refused checkout), the mounted origin, and snapshots.
import { describe, expect, it } from "vitest";
import { checkoutRequest, createCheckout, getPage, SHOP } from "./checkout-test-helpers.ts";
import { startSimulatorServer } from "./node.ts";
import { FROZEN_NOW, TestClient, useTestServer } from "./test-helpers.ts";

const shared = useTestServer();
const { client } = shared;

describe("POST /v1/checkouts/create", () => {
  it("HOSTED ORDER: party, counterparty, published order and a hosted page URL", async () => {
    const checkout = await createCheckout(client, {
      items: [
        { name: "T-shirt", currency: "USD", amount: 12.5 },
        { name: "Cap", currency: "USD", amount: "7.25" },
      ],
      reference_id: "shop-order-42",
      due_date: "2026-06-30",
      expires_at: "2026-06-01T13:00:00Z",
    });
    expect(checkout).toEqual({
      mode: "HOSTED",
      source_type: "ORDER",
      source_id: 5001,
      source_number: "ORD-2026-05001",
      source_status: "ACTIVE",
      counterparty_id: 1,
      party_id: 1,
      currency: "USD",
      total_amount: 19.75,
      source_checkout_config_id: 1,
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/pay\/pay_[0-9a-f]{48}$/),
      reference_id: "shop-order-42",
      due_date: "2026-06-30",
      expires_at: "2026-06-01T13:00:00.000Z",
      hosted_path_or_token: expect.stringMatching(/^pay_[0-9a-f]{48}$/),
      success_url: `${SHOP}/thanks?order=42`,
      cancel_url: `${SHOP}/cart`,
    });
    expect(checkout.url.startsWith(client.url)).toBe(true);
    expect(checkout.url.endsWith(checkout.hosted_path_or_token)).toBe(true);

    const order = await client.get("/v1/orders/retrieve/5001");
    expect(order.body).toMatchObject({
      status: "ACTIVE",
      fee_bearer: "PAYER",
      as_payment_link: true,
      order_items: [
        { name: "T-shirt", qty: 1, amount: 12.5 },
        { name: "Cap", qty: 1, amount: 7.25 },
      ],
      counterparty: { relationship_type: "CUSTOMER", party: { fullname: "Jane Doe" } },
    });
    expect((await client.get("/v1/parties/retrieve/1")).body.phone).toBe("231880000000");
  });

  it("DIRECT INVOICE: no hosted URL or token, and payable through the API", async () => {
    const checkout = await createCheckout(client, {
      mode: "DIRECT",
      source_kind: "INVOICE",
      success_url: null,
      cancel_url: null,
      party_relationship: "DONOR",
    });
    expect(checkout).toMatchObject({
      mode: "DIRECT",
      source_type: "INVOICE",
      source_number: "INV-2026-01001",
      url: null,
      hosted_path_or_token: null,
      success_url: null,
      cancel_url: null,
      expires_at: null,
      source_checkout_config_id: 1,
    });
    expect((await client.get("/v1/counterparties/retrieve/1")).body.relationship_type).toBe(
      "DONOR",
    );
    const account = await client.mobileMoneyAccount(checkout.party_id, "231880000000");
    const session = await client.checkoutSession(checkout.source_id, "INVOICE");
    const paid = await client.execute(session.id, account.id, "USD", crypto.randomUUID());
    expect(paid.body.status).toBe("PROCESSING");
    await client.advance(90_000);
    expect((await client.sourceStatus(checkout.source_id, "INVOICE")).body.status).toBe("PAID");
  });

  it("reuses the party behind counterparty_id and numbers configs in order", async () => {
    const first = await createCheckout(client);
    const second = await createCheckout(client, {
      counterparty_id: first.counterparty_id,
      party_phone: "231770000000",
      party_name: "Someone Else",
    });
    expect(second).toMatchObject({
      counterparty_id: first.counterparty_id,
      party_id: first.party_id,
      source_id: 5002,
      source_checkout_config_id: 2,
    });
    expect((await client.get("/v1/parties/list")).body).toHaveLength(1);
    expect((await client.get("/v1/counterparties/list")).body).toHaveLength(1);
  });

  it.each([
    ["javascript:alert(1)", "url_scheme"],
    ["data:text/html,<script>alert(1)</script>", "url_scheme"],
    ["/relative/path", "url_parsing"],
    ["https://shop.example/\r\nSet-Cookie: a=b", "url_parsing"],
    ["https://user:secret@shop.example/", "url_parsing"],
    ["not a url", "url_parsing"],
  ])("refuses the success_url %j with a 422", async (hostile, type) => {
    const answer = await client.post(
      "/v1/checkouts/create",
      checkoutRequest({ success_url: hostile, cancel_url: hostile }),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toEqual([
      { loc: ["body", "success_url"], msg: expect.any(String), type },
      { loc: ["body", "cancel_url"], msg: expect.any(String), type },
    ]);
  });

  it("refuses missing and malformed fields the pydantic way", async () => {
    const answer = await client.post("/v1/checkouts/create", {
      mode: "EMBEDDED",
      source_kind: "SUBSCRIPTION",
      party_phone: "+231880000000",
      currency: "usd",
      items: [{ name: "", currency: "USD", amount: -1, qty: 2 }],
      expires_at: "tomorrow",
      surprise: true,
    });
    expect(answer.status).toBe(422);
    expect(
      answer.body.detail.map((issue: { loc: string[]; type: string }) => [
        issue.loc.slice(1).join("."),
        issue.type,
      ]),
    ).toEqual([
      ["mode", "enum"],
      ["source_kind", "enum"],
      ["party_phone", "string_pattern_mismatch"],
      ["currency", "string_pattern_mismatch"],
      ["items.0.name", "string_too_short"],
      ["items.0.amount", "decimal_parsing"],
      ["items.0.qty", "extra_forbidden"],
      ["expires_at", "datetime_parsing"],
      ["surprise", "extra_forbidden"],
    ]);
    expect((await client.post("/v1/checkouts/create", { items: [] })).body.detail[0]).toEqual({
      loc: ["body", "mode"],
      msg: "Field required",
      type: "missing",
    });
  });

  it.each([
    [{ currency: "EUR", items: [{ name: "X", currency: "EUR", amount: 1 }] }, ["body", "currency"]],
    [{ items: [{ name: "X", currency: "LRD", amount: 1 }] }, ["body", "items", 0, "currency"]],
    [{ items: [{ name: "X", currency: "USD", amount: "1.005" }] }, ["body", "items", 0, "amount"]],
    [{ expires_at: "2026-06-01T11:59:59Z" }, ["body", "expires_at"]],
    [{ counterparty_id: 99 }, ["body", "counterparty_id"]],
  ])("refuses broken rules (%j) and creates nothing", async (fields, loc) => {
    const answer = await client.post("/v1/checkouts/create", checkoutRequest(fields));
    expect(answer.status).toBe(422);
    expect(answer.body.detail[0].loc).toEqual(loc);
    const ledger = await client.ledger();
    expect(ledger.sources).toEqual([]);
    expect((await client.get("/v1/parties/list")).body).toEqual([]);
  });

  it("refuses a counterparty that has no party", async () => {
    const bare = await client.post("/v1/counterparties/create", { relationship_type: "CUSTOMER" });
    const answer = await client.post(
      "/v1/checkouts/create",
      checkoutRequest({ counterparty_id: bare.body.id }),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.detail[0].msg).toMatch(/has no party/);
  });

  it("wants a bearer token", async () => {
    const answer = await client.request("POST", "/v1/checkouts/create", checkoutRequest(), {
      token: null,
    });
    expect(answer.status).toBe(401);
  });
});

describe("mounted under a basePath", () => {
  it("builds the hosted URL from the request's origin and mount, and serves the page there", async () => {
    const server = await startSimulatorServer({
      basePath: "/dollr",
      clock: { now: () => FROZEN_NOW },
    });
    try {
      const mounted = new TestClient(`${server.url}/dollr`);
      mounted.token = server.handler.control.issueToken();
      const checkout = await createCheckout(mounted);
      expect(checkout.url).toBe(`${server.url}/dollr/pay/${checkout.hosted_path_or_token}`);
      const page = await getPage(checkout.url);
      expect(page.response.status).toBe(200);
      expect(page.text).toContain(`action="/dollr/pay/${checkout.hosted_path_or_token}"`);
      expect(
        (await getPage(`${server.url}/pay/${checkout.hosted_path_or_token}`)).response.status,
      ).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe("snapshots", () => {
  it("a checkout's page, token and numbering survive a snapshot", async () => {
    const checkout = await createCheckout(client);
    const snapshot = JSON.parse(JSON.stringify(shared.server.handler.control.snapshot()));
    const restored = await startSimulatorServer({
      state: snapshot,
      clock: { now: () => FROZEN_NOW },
    });
    try {
      const again = new TestClient(restored.url);
      again.token = client.token;
      const url = checkout.url.replace(client.url, restored.url);
      const page = await getPage(url);
      expect(page.response.status).toBe(200);
      expect(page.text).toContain("ORD-2026-05001");
      expect((await createCheckout(again)).source_checkout_config_id).toBe(2);
    } finally {
      await restored.close();
    }
  });

  it("a snapshot from before checkouts existed still loads, and numbering starts at 1", async () => {
    await client.source();
    const snapshot = JSON.parse(JSON.stringify(shared.server.handler.control.snapshot()));
    delete snapshot.state.checkoutConfigs;
    delete snapshot.state.counters.checkoutConfig;
    const restored = await startSimulatorServer({
      state: snapshot,
      clock: { now: () => FROZEN_NOW },
    });
    try {
      const again = new TestClient(restored.url);
      again.token = client.token;
      const checkout = await createCheckout(again);
      expect(checkout).toMatchObject({ source_checkout_config_id: 1, source_id: 5001 });
      expect((await again.ledger()).sources).toHaveLength(2);
    } finally {
      await restored.close();
    }
  });
});
