// The proxy's refusals over real HTTP: allow-list, origin, auth, media type, size, validation,
// ownership. None of them may reach the simulator.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Harness, newReferenceId, PHONES, startHarness } from "./test-support.ts";

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ proxy: { allowedOrigins: ["https://shop.example"] } });
});
afterEach(async () => {
  await h.close();
});

const execBody = (overrides: Record<string, unknown> = {}) => ({
  session_id: "1",
  payment_account_id: "1",
  currency: "USD",
  reference_id: newReferenceId(),
  ...overrides,
});

describe("the allow-list", () => {
  it.each([
    ["POST", "/v1/jwt/client/obtain/token"],
    ["POST", "/v1/payment-accounts/create"],
    ["GET", "/v1/predictions/card-provider-info"],
    ["GET", "/v1/predictions/amount-and-fees"],
    ["POST", "/v1/checkouts/create"],
    ["POST", "/v1/sessions/payout"],
    ["POST", "/v1/executions/payout"],
    ["GET", `/v1/status/payout/${newReferenceId()}`],
    ["GET", `/v1/status/refund/${newReferenceId()}`],
    ["GET", "/v1/status/collection"],
    ["GET", `/v1/status/collection/${newReferenceId()}/x`],
    ["GET", "/v1/status/collection/..%2F..%2Fjwt"],
    ["GET", "/kit/config/"],
    ["GET", "/kit"],
    ["POST", "/V1/sessions/checkout"],
    ["GET", "/v1/sessions/checkout"],
    ["DELETE", "/v1/executions/collection"],
    ["PUT", "/kit/payment-accounts"],
    ["HEAD", "/kit/config"],
  ])("%s %s → 404", async (method, path) => {
    const answer = await h.call(
      method,
      path,
      method === "POST" || method === "PUT" ? { json: {} } : {},
    );
    // "..%2F" is a path segment the reference_id rule also refuses; both mean "not forwarded".
    expect(path.includes("..%2F") ? [404, 422] : [404]).toContain(answer.status);
    expect(h.forwarded).toHaveLength(0);
  });

  it("answers 404 outside its prefix", async () => {
    const response = await fetch(`${h.origin}/v1/sessions/checkout`, { method: "POST" });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("origins", () => {
  it("refuses an Origin outside the allow-list with 403, reads and writes alike", async () => {
    for (const origin of [
      "https://evil.example",
      "null",
      "https://shop.example.evil.example",
      "not a url",
    ]) {
      const write = await h.call("POST", "/v1/sessions/checkout", {
        json: { source_type: "INVOICE", source_id: 1 },
        headers: { origin },
      });
      expect(write.status).toBe(403);
      expect(write.json).toMatchObject({ code: "ORIGIN_FORBIDDEN" });
      const read = await h.call("GET", "/kit/payment-accounts", { headers: { origin } });
      expect(read.status).toBe(403);
      expect(read.headers.get("access-control-allow-origin")).toBeNull();
    }
    expect(h.forwarded).toHaveLength(0);
  });

  it("allows its own origin and the listed ones, with CORS headers and preflights", async () => {
    const own = await h.call("GET", "/kit/payment-accounts", { headers: { origin: h.origin } });
    expect(own.status).toBe(200);
    const listed = await h.call("GET", "/kit/payment-accounts", {
      headers: { origin: "https://shop.example" },
    });
    expect(listed.status).toBe(200);
    expect(listed.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    expect(listed.headers.get("access-control-allow-credentials")).toBe("true");
    const preflight = await h.call("OPTIONS", "/v1/executions/collection", {
      as: null,
      headers: {
        origin: "https://shop.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, x-csrf-token",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("x-csrf-token");
    const refused = await h.call("OPTIONS", "/v1/executions/collection", {
      as: null,
      headers: { origin: "https://evil.example" },
    });
    expect(refused.status).toBe(403);
  });
});

describe("customers", () => {
  it("answers 401 without a signed-in customer on every customer route", async () => {
    const cases: [string, string, unknown?][] = [
      ["GET", "/kit/payment-accounts"],
      [
        "POST",
        "/kit/payment-accounts",
        { type: "MOBILE_MONEY", phone: PHONES.succeeds, account_name: "x" },
      ],
      ["DELETE", "/kit/payment-accounts/1"],
      ["POST", "/v1/sessions/checkout", { source_type: "INVOICE", source_id: 1 }],
      ["POST", "/v1/executions/collection", execBody()],
      ["GET", `/v1/status/collection/${newReferenceId()}`],
      ["GET", "/v1/status/source?source_type=INVOICE&source_id=1"],
      ["GET", `/v1/predictions/mmo-provider-info?phone=${PHONES.succeeds}`],
      [
        "GET",
        "/v1/predictions/payment-source/amount-and-fees?source_type=INVOICE&source_id=1&target_currency=USD&payment_method=MTN_MOMO_LBR&provider=PAWAPAY",
      ],
    ];
    for (const [method, path, json] of cases) {
      const answer = await h.call(method, path, { as: null, ...(json ? { json } : {}) });
      expect(answer.status, `${method} ${path}`).toBe(401);
      expect(answer.json).toMatchObject({ code: "UNAUTHENTICATED", detail: expect.any(String) });
    }
    expect(h.forwarded).toHaveLength(0);
  });
});

describe("request bodies", () => {
  it("answers 415 to writes that are not JSON", async () => {
    const body = JSON.stringify({ source_type: "INVOICE", source_id: 1 });
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "application/json; charset=latin1",
      "application/jsonp",
      undefined,
    ]) {
      const answer = await h.call("POST", "/v1/sessions/checkout", {
        raw: body,
        headers: type ? { "content-type": type } : {},
      });
      expect(answer.status, String(type)).toBe(415);
    }
    const gzipped = await h.call("POST", "/v1/sessions/checkout", {
      raw: body,
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
    });
    expect(gzipped.status).toBe(415);
    expect(h.forwarded).toHaveLength(0);
  });

  it("answers 413 past 16 KiB, whether or not the length is declared", async () => {
    const big = JSON.stringify({
      source_type: "INVOICE",
      source_id: 1,
      pad: "x".repeat(16 * 1024),
    });
    const declared = await h.call("POST", "/v1/sessions/checkout", {
      raw: big,
      headers: { "content-type": "application/json" },
    });
    expect(declared.status).toBe(413);
    // Streamed in chunks, without Content-Length: cut off while reading.
    const chunks = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < chunks.length; i += 1024) controller.enqueue(chunks.slice(i, i + 1024));
        controller.close();
      },
    });
    const response = await fetch(`${h.url}/v1/sessions/checkout`, {
      method: "POST",
      headers: { authorization: "Bearer alice", "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    // 16 KiB exactly is still accepted (and then fails validation for its unknown field).
    const limit = JSON.stringify({ source_type: "INVOICE", source_id: 1, pad: "" });
    const atLimit = limit.replace('"pad":""', `"pad":"${"x".repeat(16 * 1024 - limit.length)}"`);
    expect(new TextEncoder().encode(atLimit).length).toBe(16 * 1024);
    const ok = await h.call("POST", "/v1/sessions/checkout", {
      raw: atLimit,
      headers: { "content-type": "application/json" },
    });
    expect(ok.status).toBe(422);
    expect(h.forwarded).toHaveLength(0);
  });

  it.each([
    ["malformed JSON", "/v1/sessions/checkout", '{"source_type": "INVOICE",'],
    ["a JSON array", "/v1/sessions/checkout", "[]"],
    ["a JSON string", "/v1/sessions/checkout", '"INVOICE"'],
    ["an empty body", "/v1/sessions/checkout", ""],
    ["invalid UTF-8", "/v1/sessions/checkout", new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])],
    [
      "an unknown field",
      "/v1/sessions/checkout",
      JSON.stringify({ source_type: "INVOICE", source_id: 1, coupon: "FREE" }),
    ],
    [
      "a source_id as text",
      "/v1/sessions/checkout",
      JSON.stringify({ source_type: "INVOICE", source_id: "1" }),
    ],
    [
      "a fractional source_id",
      "/v1/sessions/checkout",
      JSON.stringify({ source_type: "INVOICE", source_id: 1.5 }),
    ],
    [
      "SUBSCRIPTION",
      "/v1/sessions/checkout",
      JSON.stringify({ source_type: "SUBSCRIPTION", source_id: 1 }),
    ],
    [
      "an amount on a session",
      "/v1/sessions/checkout",
      JSON.stringify({ source_type: "INVOICE", source_id: 1, amount: 0.01 }),
    ],
    [
      "an amount on an execute",
      "/v1/executions/collection",
      JSON.stringify(execBody({ amount: "0.01" })),
    ],
    [
      "a payer_amount on an execute",
      "/v1/executions/collection",
      JSON.stringify(execBody({ payer_amount: 0.01 })),
    ],
    [
      "a numeric session_id",
      "/v1/executions/collection",
      JSON.stringify(execBody({ session_id: 1 })),
    ],
    [
      "a lowercase currency",
      "/v1/executions/collection",
      JSON.stringify(execBody({ currency: "usd" })),
    ],
    [
      "a reference_id that is no UUID",
      "/v1/executions/collection",
      JSON.stringify(execBody({ reference_id: "order-42" })),
    ],
    [
      "a UUID v1 reference_id",
      "/v1/executions/collection",
      JSON.stringify(execBody({ reference_id: "6ba7b810-9dad-11d1-80b4-00c04fd430c8" })),
    ],
    [
      "an uppercase UUID v4",
      "/v1/executions/collection",
      JSON.stringify(execBody({ reference_id: newReferenceId().toUpperCase() })),
    ],
    [
      "a phone with +",
      "/kit/payment-accounts",
      JSON.stringify({ type: "MOBILE_MONEY", phone: `+${PHONES.succeeds}`, account_name: "x" }),
    ],
    [
      "a phone as a number",
      "/kit/payment-accounts",
      JSON.stringify({ type: "MOBILE_MONEY", phone: 231880000000, account_name: "x" }),
    ],
    [
      "a party_id from the browser",
      "/kit/payment-accounts",
      JSON.stringify({
        type: "MOBILE_MONEY",
        phone: PHONES.succeeds,
        account_name: "x",
        party_id: 1,
      }),
    ],
    [
      "an unknown account type",
      "/kit/payment-accounts",
      JSON.stringify({ type: "BANK", account_name: "x" }),
    ],
    [
      "a card without pm_",
      "/kit/payment-accounts",
      JSON.stringify({ type: "CARD", payment_method_id: "tok_visa", account_name: "x" }),
    ],
    [
      "an empty account name",
      "/kit/payment-accounts",
      JSON.stringify({ type: "CARD", payment_method_id: "pm_card_visa", account_name: "  " }),
    ],
    [
      "a wallet with a card field",
      "/kit/payment-accounts",
      JSON.stringify({
        type: "MOBILE_MONEY",
        phone: PHONES.succeeds,
        account_name: "x",
        last4: "4242",
      }),
    ],
  ])(
    "answers 422 to %s, in Dollr's detail[] shape, without forwarding",
    async (_name, path, raw) => {
      const answer = await h.call("POST", path, {
        raw,
        headers: { "content-type": "application/json" },
      });
      expect(answer.status).toBe(422);
      expect(answer.json.code).toBe("VALIDATION");
      expect(answer.json.detail.length).toBeGreaterThan(0);
      for (const item of answer.json.detail) {
        expect(item).toEqual({
          loc: expect.arrayContaining(["body"]),
          msg: expect.any(String),
          type: expect.any(String),
        });
      }
      expect(answer.text).not.toContain(PHONES.succeeds);
      expect(h.forwarded).toHaveLength(0);
    },
  );

  it("names the offending fields", async () => {
    const answer = await h.call("POST", "/v1/executions/collection", {
      json: execBody({ amount: "1", currency: 3 }),
    });
    expect(answer.json.detail).toEqual(
      expect.arrayContaining([
        { loc: ["body", "amount"], msg: "Extra inputs are not permitted", type: "extra_forbidden" },
        expect.objectContaining({ loc: ["body", "currency"], type: "type_error" }),
      ]),
    );
  });
});

describe("query strings and path parameters", () => {
  it.each([
    "/v1/status/source?source_type=INVOICE",
    "/v1/status/source?source_type=INVOICE&source_id=0",
    "/v1/status/source?source_type=INVOICE&source_id=01",
    "/v1/status/source?source_type=INVOICE&source_id=1&source_id=2",
    "/v1/status/source?source_type=INVOICE&source_id=1&party_id=3",
    "/v1/predictions/mmo-provider-info",
    `/v1/predictions/mmo-provider-info?phone=${PHONES.succeeds}&operation_type=PAYOUT`,
    "/v1/predictions/mmo-provider-info?phone=12",
    "/v1/predictions/payment-source/amount-and-fees?source_type=INVOICE&source_id=1&target_currency=USD&payment_method=MTN_MOMO_LBR",
    "/kit/config?debug=1",
    "/kit/payment-accounts?customer=bob",
    "/v1/status/collection/not-a-uuid",
    `/v1/status/collection/${newReferenceId().toUpperCase()}`,
    `/v1/status/collection/${newReferenceId()}?x=1`,
  ])("GET %s → 422", async (path) => {
    const answer = await h.call("GET", path);
    expect(answer.status).toBe(422);
    expect(h.forwarded).toHaveLength(0);
  });

  it("refuses a malformed account id on DELETE", async () => {
    expect((await h.call("DELETE", "/kit/payment-accounts/a%20b")).status).toBe(422);
    expect((await h.call("DELETE", `/kit/payment-accounts/${"x".repeat(65)}`)).status).toBe(422);
  });
});

describe("ownership", () => {
  it("refuses a session for a source the customer may not pay (403), and its status and fees", async () => {
    const bobs = await h.source("bob");
    const session = await h.call("POST", "/v1/sessions/checkout", { json: bobs });
    expect(session.status).toBe(403);
    const status = await h.call(
      "GET",
      `/v1/status/source?source_type=INVOICE&source_id=${bobs.source_id}`,
    );
    expect(status.status).toBe(403);
    const fees = await h.call(
      "GET",
      `/v1/predictions/payment-source/amount-and-fees?source_type=INVOICE&source_id=${bobs.source_id}&target_currency=USD&payment_method=MTN_MOMO_LBR&provider=PAWAPAY`,
    );
    expect(fees.status).toBe(403);
    expect(h.apiCalls()).toHaveLength(0);
  });

  it("refuses an execute with another customer's account (403); another's session answers as an unknown one", async () => {
    const aliceSession = await h.session("alice");
    const aliceWallet = await h.wallet("alice");
    const bobWallet = await h.wallet("bob");
    const withBobsAccount = await h.call("POST", "/v1/executions/collection", {
      json: execBody({ session_id: aliceSession, payment_account_id: bobWallet }),
    });
    expect(withBobsAccount.status).toBe(403);
    const unknownAccount = await h.call("POST", "/v1/executions/collection", {
      json: execBody({ session_id: aliceSession, payment_account_id: "424242" }),
    });
    expect(unknownAccount.status).toBe(403);
    const onAlicesSession = await h.call("POST", "/v1/executions/collection", {
      as: "bob",
      json: execBody({ session_id: aliceSession, payment_account_id: bobWallet }),
    });
    const unknownSession = await h.call("POST", "/v1/executions/collection", {
      json: execBody({ session_id: "999999", payment_account_id: aliceWallet }),
    });
    expect(unknownSession.status).toBe(422);
    expect(unknownSession.json.detail[0]).toMatchObject({ loc: ["body", "session_id"] });
    // Another customer's session answers exactly as an unknown one (no session oracle).
    const bobsUnknown = await h.call("POST", "/v1/executions/collection", {
      as: "bob",
      json: execBody({ session_id: "999999", payment_account_id: bobWallet }),
    });
    expect(onAlicesSession.status).toBe(422);
    expect(onAlicesSession.text).toBe(bobsUnknown.text);
    const wrongCurrency = await h.call("POST", "/v1/executions/collection", {
      json: execBody({
        session_id: aliceSession,
        payment_account_id: aliceWallet,
        currency: "RWF",
      }),
    });
    expect(wrongCurrency.status).toBe(422);
    // A currency the account takes but the merchant does not (currencies: USD, LRD).
    const rwandan = await h.wallet("alice", "250780000123");
    const notOffered = await h.call("POST", "/v1/executions/collection", {
      json: execBody({ session_id: aliceSession, payment_account_id: rwandan, currency: "RWF" }),
    });
    expect(notOffered.status).toBe(422);
    expect(notOffered.json.detail[0].msg).toMatch(/not accepted/);
    expect(h.apiCalls().filter((c) => c.path === "/v1/executions/collection")).toHaveLength(0);
    expect(await h.attempts.listAttempts()).toEqual([]);
  });

  it("hides another customer's attempts and accounts", async () => {
    const sessionId = await h.session("alice");
    const wallet = await h.wallet("alice");
    const referenceId = newReferenceId();
    const executed = await h.call("POST", "/v1/executions/collection", {
      json: execBody({
        session_id: sessionId,
        payment_account_id: wallet,
        reference_id: referenceId,
      }),
    });
    expect(executed.status).toBe(200);
    const calls = h.apiCalls().length;
    expect(
      (await h.call("GET", `/v1/status/collection/${referenceId}`, { as: "bob" })).status,
    ).toBe(404);
    expect((await h.call("DELETE", `/kit/payment-accounts/${wallet}`, { as: "bob" })).status).toBe(
      404,
    );
    expect(
      (await h.call("GET", "/kit/payment-accounts", { as: "bob" })).json.payment_accounts,
    ).toEqual([]);
    expect(h.apiCalls()).toHaveLength(calls);
    // An id the proxy never recorded is asked of Dollr: its 404 (never seen) is answered.
    expect((await h.call("GET", `/v1/status/collection/${newReferenceId()}`)).status).toBe(404);
    expect(h.apiCalls()).toHaveLength(calls + 1);
  });
});
