// Receipts, receipt links, realtime keys and created checkouts: the contract's shapes (amounts as
// numbers or strings, URLs that are pages, strict request bodies) and the proxy client's calls.
import { describe, expect, it, vi } from "vitest";
import {
  checkRequest,
  parseCreatedCheckout,
  parseRealtimeKey,
  parseReceipt,
  parseReceiptLink,
  RealtimeKeyBodySchema,
  ReceiptIdSchema,
  receiptPath,
} from "./contract.ts";
import { isDollrKitError } from "./errors.ts";
import { createProxyClient, type ProxyClientOptions } from "./proxy-client.ts";
import { createRealtimeKey, getReceipt, getReceiptLink } from "./proxy-client-extras.ts";

const REF = "0b0c5f8e-4c1d-4a2b-9f3e-1234567890ab";
const receipt = {
  source_type: "ORDER",
  source_id: 12,
  payer_amount: 12.75,
  payer_currency: "USD",
  payee_amount: "12.50",
  payee_currency: "USD",
  fx_rate: 1,
  platform_fee: 0.25,
  items: [{ name: "3 × Tea", qty: 1, amount: 7.5, currency: "USD" }],
  paid_at: "2026-07-01T10:01:00.000Z",
  provider_transaction_id: "ptx-1",
};

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("answer shapes", () => {
  it("read a receipt with amounts as numbers or strings, keeping unknown fields", () => {
    expect(parseReceipt(receipt)).toMatchObject({
      payer_amount: "12.75",
      payee_amount: "12.50",
      fx_rate: "1",
      platform_fee: "0.25",
      total_amount: null,
      items: [{ name: "3 × Tea", amount: "7.5", qty: 1 }],
      provider_transaction_id: "ptx-1",
    });
    const error = thrown(() => parseReceipt({ ...receipt, payer_amount: "twelve" }));
    expect(isDollrKitError(error) && error.message).toMatch(/^Receipt\.payer_amount/);
    expect(isDollrKitError(error) && error.message).not.toContain("twelve");
  });

  it("read a receipt link only when it is an absolute http(s) page", () => {
    expect(parseReceiptLink({ url: "https://pay.example/receipt/r1" }).url).toBe(
      "https://pay.example/receipt/r1",
    );
    for (const url of ["javascript:alert(1)", "/receipt/r1", "https:///x", "data:text/html,x", 5]) {
      expect(() => parseReceiptLink({ url })).toThrow(/ReceiptLink\.url/);
    }
  });

  it("read a realtime key and a created checkout (ids to numbers, totals to decimals)", () => {
    expect(parseRealtimeKey({ access_token: "a.b.c", expires_in: 600 })).toEqual({
      access_token: "a.b.c",
      expires_in: 600,
    });
    expect(() => parseRealtimeKey({ access_token: "", expires_in: 600 })).toThrow();
    const created = parseCreatedCheckout({
      mode: "HOSTED",
      source_type: "ORDER",
      source_id: "5001",
      source_number: "ORD-2026-05001",
      currency: "USD",
      total_amount: 11.5,
      url: "https://pay.example/pay/p1",
    });
    expect(created).toMatchObject({ source_id: 5001, total_amount: "11.5", source_status: null });
    expect(() => parseCreatedCheckout({ ...created, source_type: "SUBSCRIPTION" })).toThrow();
    expect(() => parseCreatedCheckout({ ...created, url: "javascript:x" })).toThrow();
  });
});

describe("request shapes", () => {
  it("take a realtime key's session id as text or Dollr's integer, strictly otherwise", () => {
    const body = { session_id: "55", source_type: "INVOICE", reference_id: REF };
    expect(checkRequest(RealtimeKeyBodySchema, body, "body")).toEqual({ ok: true, value: body });
    expect(checkRequest(RealtimeKeyBodySchema, { ...body, session_id: 55 }, "body")).toEqual({
      ok: true,
      value: body,
    });
    for (const wrong of [
      { ...body, session_id: 5.5 },
      { ...body, session_id: "0" },
      { ...body, reference_id: REF.toUpperCase() },
      { ...body, amount: "1.00" },
    ]) {
      expect(checkRequest(RealtimeKeyBodySchema, wrong, "body").ok).toBe(false);
    }
    expect(checkRequest(ReceiptIdSchema, "42", "path", "id")).toEqual({ ok: true, value: 42 });
    expect(checkRequest(ReceiptIdSchema, "042", "path", "id").ok).toBe(false);
    expect(receiptPath({ source_type: "ORDER", source_id: 9 })).toBe("/v1/orders/receipt/9");
    expect(receiptPath({ source_type: "INVOICE", source_id: 9 })).toBe("/v1/invoices/receipt/9");
  });
});

describe("the proxy client", () => {
  type FetchFn = NonNullable<ProxyClientOptions["fetch"]>;
  const answering = (respond: (url: string, init: RequestInit) => Response) => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetch = vi.fn<FetchFn>(async (url, init) => {
      calls.push({ url, init });
      return respond(url, init);
    });
    return { calls, client: createProxyClient({ baseUrl: "/api/dollr", fetch }) };
  };

  it("reads a receipt and its link, and asks for a realtime key", async () => {
    const { calls, client } = answering((url) =>
      Response.json(
        url.includes("/links/")
          ? { url: "https://pay.example/receipt/r1" }
          : url.includes("/realtime-keys/")
            ? { access_token: "a.b.c", expires_in: 600 }
            : receipt,
      ),
    );
    const source = { source_type: "ORDER" as const, source_id: 12 };
    expect((await getReceipt(client, source)).payer_amount).toBe("12.75");
    expect((await getReceiptLink(client, source)).url).toBe("https://pay.example/receipt/r1");
    const key = await createRealtimeKey(client, {
      sessionId: 55,
      sourceType: "ORDER",
      referenceId: REF,
    });
    expect(key.expires_in).toBe(600);
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      "GET /api/dollr/v1/orders/receipt/12",
      "GET /api/dollr/v1/links/receipt?source_type=ORDER&source_id=12",
      "POST /api/dollr/v1/realtime-keys/collection",
    ]);
    expect(JSON.parse(String(calls[2]?.init.body))).toEqual({
      session_id: "55",
      source_type: "ORDER",
      reference_id: REF,
    });
  });

  it("never calls a lost realtime key ambiguous, and reads the proxy's refusals", async () => {
    const lost = createProxyClient({
      baseUrl: "/api/dollr",
      fetch: async () => {
        throw new TypeError("fetch failed");
      },
    });
    const input = { sessionId: "55", sourceType: "INVOICE" as const, referenceId: REF };
    const error = await createRealtimeKey(lost, input).catch((e: unknown) => e);
    expect(isDollrKitError(error) && [error.code, error.ambiguous]).toEqual(["NETWORK", false]);
    const { client } = answering(() =>
      Response.json({ detail: "This source is ORDER 12's: not yet PAID" }, { status: 409 }),
    );
    const early = await getReceipt(client, { source_type: "ORDER", source_id: 12 }).catch((e) => e);
    expect(isDollrKitError(early) && [early.code, early.status]).toEqual(["CONFLICT", 409]);
  });

  it("client.request keeps the methods' rules: a lost write is ambiguous, a lost read is not", async () => {
    const lost = createProxyClient({
      baseUrl: "/api/dollr",
      fetch: async () => {
        throw new TypeError("fetch failed");
      },
    });
    const parse = (json: unknown) => json;
    const write = await lost
      .request({ method: "POST", path: "/kit/x", kind: "write", body: {}, parse })
      .catch((e: unknown) => e);
    expect(isDollrKitError(write) && [write.code, write.ambiguous]).toEqual(["NETWORK", true]);
    const read = await lost.request({ method: "GET", path: "/kit/x", parse }).catch((e) => e);
    expect(isDollrKitError(read) && [read.code, read.ambiguous]).toEqual(["NETWORK", false]);
    const { client, calls } = answering(() => Response.json({ ok: true }));
    await client.request({ method: "GET", path: "/kit/x", query: { a: "1 2" }, parse });
    expect(calls.map((c) => c.url)).toEqual(["/api/dollr/kit/x?a=1+2"]);
  });
});
