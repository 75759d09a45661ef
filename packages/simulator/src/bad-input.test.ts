// Bad input never crashes the simulator: every malformed request gets a Dollr-shaped 4xx, and a
// property test throws thousands of random requests at it.
import { connect } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "./http.ts";
import { useTestServer } from "./test-helpers.ts";

const shared = useTestServer();
const client = shared.client;

/** Sends bytes as they are, for requests fetch refuses to build. */
function rawHttp(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(text));
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk;
    });
    socket.on("close", () => resolve(answer));
    socket.on("error", () => resolve(answer));
  });
}

const raw = (method: string, path: string, text: string, headers: Record<string, string> = {}) =>
  client.request(method, path, undefined, {
    raw: text,
    headers: { "content-type": "application/json", ...headers },
  });

describe("malformed requests", () => {
  it("malformed JSON → 422 json_invalid", async () => {
    for (const text of ["{", "{'a': 1}", "[1,", "nul", "\u0000"]) {
      const answer = await raw("POST", "/v1/sessions/checkout", text);
      expect(answer.status).toBe(422);
      expect(answer.body.detail[0]).toMatchObject({ loc: ["body", 0], type: "json_invalid" });
    }
  });

  it("no body → 422 body Field required", async () => {
    const answer = await client.post("/v1/sessions/checkout");
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toEqual([{ loc: ["body"], msg: "Field required", type: "missing" }]);
  });

  it.each([
    [[], "model_attributes_type"],
    ["text", "model_attributes_type"],
    [42, "model_attributes_type"],
    [null, "model_attributes_type"],
  ])("a body that is not an object (%j) → 422", async (body, type) => {
    const answer = await raw("POST", "/v1/sessions/checkout", JSON.stringify(body));
    expect(answer.status).toBe(422);
    expect(answer.body.detail[0]).toMatchObject({ loc: ["body"], type });
  });

  it("missing, extra and wrongly typed fields are each reported with loc, msg and type", async () => {
    const answer = await client.post("/v1/executions/collection", {
      session_id: 55,
      payment_account_id: "1",
      currency: "usd",
      sessionId: "55",
    });
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toEqual([
      { loc: ["body", "session_id"], msg: "Input should be a valid string", type: "string_type" },
      {
        loc: ["body", "currency"],
        msg: "String should match pattern '^[A-Z]{3}$'",
        type: "string_pattern_mismatch",
      },
      { loc: ["body", "reference_id"], msg: "Field required", type: "missing" },
      {
        loc: ["body", "sessionId"],
        msg: "Extra inputs are not permitted",
        type: "extra_forbidden",
      },
    ]);
  });

  it("a numeric string is not an integer (stricter than pydantic's lax mode)", async () => {
    const answer = await client.post("/v1/sessions/checkout", {
      source_id: "1001",
      source_type: "INVOICE",
    });
    expect(answer.body.detail[0]).toMatchObject({ loc: ["body", "source_id"], type: "int_type" });
  });

  it("a bad query parameter and a bad path parameter → 422 with query/path loc", async () => {
    const query = await client.get("/v1/status/source?source_type=INVOICE&source_id=ten");
    expect(query.body.detail[0]).toMatchObject({
      loc: ["query", "source_id"],
      type: "int_parsing",
    });
    const path = await client.get("/v1/invoices/retrieve/0");
    expect(path.body.detail[0]).toMatchObject({
      loc: ["path", "invoice_id"],
      type: "greater_than_equal",
    });
  });

  it("a body over 64 KiB → 413 (declared length)", async () => {
    const big = JSON.stringify({ fullname: "x".repeat(MAX_BODY_BYTES), phone: "231880000000" });
    const answer = await raw("POST", "/v1/parties/create", big);
    expect(answer.status).toBe(413);
    expect(answer.body.detail).toMatch(/too large/);
    expect((await client.get("/__simulator/ledger")).status).toBe(200);
  });

  it("a streamed body over 64 KiB → 413 (no declared length)", async () => {
    const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 8) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${client.url}/__simulator/sources`, {
      method: "POST",
      body: stream,
      headers: { "content-type": "application/json" },
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    expect((await response.json()).detail).toMatch(/too large/);
  });

  it("exactly 64 KiB is read (and judged on its content)", async () => {
    const prefix = '{"fullname":"';
    const suffix = '","phone":"231880000000"}';
    const body = prefix + "x".repeat(MAX_BODY_BYTES - prefix.length - suffix.length) + suffix;
    expect(body.length).toBe(MAX_BODY_BYTES);
    const answer = await raw("POST", "/v1/parties/create", body);
    expect(answer.status).toBe(422);
    expect(answer.body.detail[0]).toMatchObject({
      loc: ["body", "fullname"],
      type: "string_too_long",
    });
  });

  it("an unknown route → 404, a known route with another method → 405 with Allow", async () => {
    const unknown = await client.get("/v1/nope");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ detail: "Not Found" });
    expect((await client.get("/")).status).toBe(404);
    expect((await client.get("/__simulator/nope")).status).toBe(404);
    const wrong = await client.request("DELETE", "/v1/sessions/checkout");
    expect(wrong.status).toBe(405);
    expect(wrong.body).toEqual({ detail: "Method Not Allowed" });
    expect(wrong.headers.get("allow")).toBe("POST");
  });

  it("a request Node cannot turn into a Request (bad Host) → 400, not 500", async () => {
    for (const host of ["[bad", "a b", "x:notaport"]) {
      const answer = await rawHttp(
        shared.server.port,
        `GET /v1/status/source HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      );
      expect(answer.split("\r\n")[0]).toMatch(/^HTTP\/1\.1 400/);
      expect(answer).toContain('{"detail":"Bad Request"}');
    }
    expect((await client.get("/__simulator/ledger")).status).toBe(200);
  });

  it("answers CORS preflight permissively", async () => {
    const response = await fetch(`${client.url}/v1/executions/collection`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-method": "POST" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")).toMatch(/authorization/);
  });
});

const runs = Number(process.env.DOLLR_PROPERTY_RUNS ?? 0) || 1500;

const idSegment = fc.oneof(
  fc.constantFrom(
    "1",
    "1001",
    "5001",
    "0",
    "-1",
    "abc",
    "1.5",
    "99999999999999999999",
    "%ZZ",
    "%00",
    "null",
  ),
  fc.uuid(),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);

const path = fc.oneof(
  fc.constantFrom(
    "/v1/jwt/client/obtain/token",
    "/v1/parties/create",
    "/v1/parties/list",
    "/v1/counterparties/create",
    "/v1/invoices/create",
    "/v1/orders/create",
    "/v1/invoices/list",
    "/v1/sessions/checkout",
    "/v1/sessions/payout",
    "/v1/payment-accounts/create",
    "/v1/predictions/mmo-provider-info",
    "/v1/predictions/card-provider-info",
    "/v1/predictions/payment-source/amount-and-fees",
    "/v1/predictions/amount-and-fees",
    "/v1/executions/collection",
    "/v1/executions/payout",
    "/v1/status/source",
    "/v1/fees/gateway",
    "/v1/fees/platform",
    "/v1/fees/merchant-tier",
    "/v1/fees/tiers",
    "/v1/merchants/merchant-info",
    "/v1/realtime-keys/collection",
    "/__simulator/sources",
    "/__simulator/faults",
    "/__simulator/clock",
    "/__simulator/config",
    "/__simulator/authenticate",
    "/v1",
    "/",
  ),
  idSegment.map((id) => `/v1/invoices/${id}/items/add`),
  fc.tuple(idSegment, idSegment).map(([id, item]) => `/v1/orders/${id}/items/${item}/update`),
  fc.tuple(idSegment, idSegment).map(([id, item]) => `/v1/invoices/${id}/items/${item}/remove`),
  idSegment.map((id) => `/v1/invoices/update/${id}`),
  idSegment.map((id) => `/v1/status/refund/${id}`),
  idSegment.map((id) => `/v1/orders/publish/${id}`),
  idSegment.map((id) => `/v1/invoices/retrieve/${id}`),
  idSegment.map((id) => `/v1/status/collection/${id}`),
  idSegment.map((id) => `/v1/status/payout/${id}`),
  fc.webPath(),
);

const queryValue = fc.oneof(
  fc.constantFrom(
    "COLLECTION",
    "PAYOUT",
    "INVOICE",
    "ORDER",
    "USD",
    "LRD",
    "RWF",
    "STRIPE",
    "PAWAPAY",
  ),
  fc.constantFrom(
    "231880000000",
    "250730000003",
    "pm_card_visa",
    "MTN_MOMO_LBR",
    "CREDIT_CARD",
    "1001",
  ),
  fc.string({ maxLength: 20 }),
);
const queryKey = fc.constantFrom(
  "phone",
  "operation_type",
  "source_type",
  "source_id",
  "target_currency",
  "payment_method",
  "provider",
  "payment_method_id",
  "party_id",
  "base_amount",
  "base_currency",
  "fee_bearer",
  "status",
  "currency",
);
const query = fc
  .array(fc.tuple(queryKey, queryValue), { maxLength: 6 })
  .map((pairs) => (pairs.length === 0 ? "" : `?${new URLSearchParams(pairs).toString()}`));

const fieldName = fc.constantFrom(
  "session_id",
  "payment_account_id",
  "currency",
  "reference_id",
  "source_id",
  "source_type",
  "amount",
  "items",
  "name",
  "qty",
  "fee_bearer",
  "party_id",
  "fullname",
  "phone",
  "counterparty_id",
  "kind",
  "count",
  "rate",
  "match",
  "faults",
  "advanceMs",
  "processingMs",
  "successWord",
  "validation",
  "client_secret",
  "outcome",
  "passcode",
  "method",
  "provider",
  "account_name",
  "insensitive_account_number",
  "clear",
);
const fieldValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    "USD",
    "RWF",
    "INVOICE",
    "PAYER",
    "1",
    "1001",
    "231880000003",
    "pm_card_visa",
    "error_500",
    "lax",
    "invoice",
  ),
  fc.uuid(),
  fc.integer(),
  fc.double(),
);
const body = fc.oneof(
  fc.dictionary(fieldName, fieldValue, { maxKeys: 8 }).map((value) => JSON.stringify(value)),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
  fc.constant(""),
);

describe("property: random requests", () => {
  it(`never answer 5xx and never stop the server (${runs} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"),
        path,
        query,
        body,
        fc.boolean(),
        async (method, pathname, search, text, withToken) => {
          const headers: Record<string, string> = { "content-type": "application/json" };
          if (withToken && client.token) headers.authorization = `Bearer ${client.token}`;
          const response = await fetch(`${client.url}${pathname}${search}`, {
            method,
            headers,
            body: method === "GET" || method === "HEAD" ? undefined : text,
          });
          const answered = await response.text();
          if (response.status >= 500)
            throw new Error(
              `${method} ${pathname}${search} ${text} → ${response.status} ${answered}`,
            );
          if (response.status >= 400 && method !== "HEAD")
            expect(JSON.parse(answered)).toHaveProperty("detail");
          // A random body may arm a real fault (e.g. {"kind": "error_500"}): disarm it so that the
          // 500 it would cause is not mistaken for a crash.
          if (pathname.startsWith("/__simulator/faults"))
            await client.request("DELETE", "/__simulator/faults");
        },
      ),
      { numRuns: runs },
    );
    // Whatever the random requests did (faults, clock, config), the server still answers.
    await client.request("DELETE", "/__simulator/faults");
    expect((await client.get("/__simulator/ledger")).status).toBe(200);
  });
});
