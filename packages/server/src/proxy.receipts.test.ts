// Receipts, receipt links and realtime keys through the proxy, over real HTTP in front of the
// simulator: only for a customer who may pay the source (keys: only for their own recorded
// payment), Dollr's JSON checked before it is passed on, and the kit's client reading it all.
import {
  createProxyClient,
  createRealtimeKey,
  getReceipt,
  getReceiptLink,
  isDollrKitError,
} from "@dollr-kit/core/internal";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, newReferenceId, startHarness } from "./test-support.ts";
import type { DollrFetch } from "./upstream/transport.ts";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** A payment through the proxy, as the kit makes it; answers its source, session and id. */
async function pay(as: "alice" | "bob" = "alice") {
  const source = await h.source(as);
  const sessionId = await h.session(as, source);
  const referenceId = newReferenceId();
  const answer = await h.call("POST", "/v1/executions/collection", {
    as,
    json: {
      session_id: sessionId,
      payment_account_id: await h.wallet(as),
      currency: "USD",
      reference_id: referenceId,
    },
  });
  expect(answer.status).toBe(200);
  return { source, sessionId, referenceId };
}

const receiptOf = (source: { source_type: string; source_id: number }) =>
  `/v1/${source.source_type === "ORDER" ? "orders" : "invoices"}/receipt/${source.source_id}`;

describe("receipts", () => {
  it("answer a paid source's receipt and link; before PAID, Dollr's refusal passes through", async () => {
    h = await startHarness();
    const { source, referenceId } = await pay();
    const early = await h.call("GET", receiptOf(source));
    expect(early.status).toBe(409);
    expect(early.json.detail).toMatch(/PAID/);

    h.advance(61_000);
    expect((await h.call("GET", `/v1/status/collection/${referenceId}`)).json.status).toBe(
      "COMPLETED",
    );
    const receipt = await h.call("GET", receiptOf(source));
    expect(receipt.status).toBe(200);
    expect(receipt.json).toMatchObject({
      source_id: source.source_id,
      status: "PAID",
      total_amount: 12.5,
      payer_currency: "USD",
      items: [{ name: "Tea", amount: 12.5 }],
    });
    const before = h.apiCalls().length;
    const link = await h.call(
      "GET",
      `/v1/links/receipt?source_type=INVOICE&source_id=${source.source_id}`,
    );
    expect(link.status).toBe(200);
    expect(link.json.url).toMatch(/^http:\/\/simulator\.test\/receipt\/rcpt_[0-9a-f]{48}$/);
    // The number comes from Dollr's own source status, never from the browser.
    const calls = h.apiCalls().slice(before);
    expect(calls.map((c) => c.path.split("?")[0])).toEqual([
      "/v1/status/source",
      "/v1/links/receipt",
    ]);
    expect(calls[1]?.path).toMatch(/source_type=INVOICE&source_number=INV-/);

    // The kit's client reads both (amounts as decimal strings).
    const client = createProxyClient({
      baseUrl: h.url,
      headers: { authorization: "Bearer alice" },
    });
    const read = await getReceipt(client, source);
    expect(read).toMatchObject({ payer_amount: expect.any(String), total_amount: "12.5" });
    expect((await getReceiptLink(client, source)).url).toBe(link.json.url);
  });

  it("refuse a source the customer may not pay, before asking Dollr, and malformed reads", async () => {
    h = await startHarness();
    const bobs = await h.source("bob");
    const before = h.apiCalls().length;
    for (const path of [
      receiptOf(bobs),
      `/v1/links/receipt?source_type=INVOICE&source_id=${bobs.source_id}`,
    ]) {
      const answer = await h.call("GET", path);
      expect(answer.status, path).toBe(403);
      expect(answer.json.code).toBe("FORBIDDEN");
    }
    for (const path of [
      "/v1/invoices/receipt/abc",
      "/v1/orders/receipt/0",
      "/v1/orders/receipt/99999999999999999",
      "/v1/invoices/receipt/1?x=1",
      "/v1/links/receipt?source_type=INVOICE",
      "/v1/links/receipt?source_type=INVOICE&source_id=1&source_number=INV-1",
    ]) {
      expect((await h.call("GET", path)).status, path).toBe(422);
    }
    expect(h.apiCalls().length).toBe(before);
    expect((await h.call("GET", receiptOf(bobs), { as: null })).status).toBe(401);
  });

  it("answer 502 for a receipt that does not read as one, or names another source", async () => {
    let answerWith: unknown = null;
    const tamper = (inner: DollrFetch): DollrFetch => {
      return async (request) => {
        const response = await inner(request);
        if (answerWith === null || !new URL(request.url).pathname.includes("/receipt/")) {
          return response;
        }
        return Response.json(answerWith);
      };
    };
    h = await startHarness({ transport: tamper });
    const { source } = await pay();
    h.advance(61_000);
    for (const body of [
      { payer_amount: "twelve", payer_currency: "USD", payee_amount: 1, payee_currency: "USD" },
      {
        source_id: source.source_id + 1,
        payer_amount: 1,
        payer_currency: "USD",
        payee_amount: 1,
        payee_currency: "USD",
      },
    ]) {
      answerWith = body;
      const answer = await h.call("GET", receiptOf(source));
      expect(answer.status).toBe(502);
      expect(answer.json).toMatchObject({ code: "UPSTREAM_INVALID", ambiguous: false });
    }
    // Amounts as strings read as well as numbers.
    answerWith = {
      source_id: String(source.source_id),
      payer_amount: "12.75",
      payer_currency: "USD",
      payee_amount: "12.50",
      payee_currency: "USD",
    };
    expect((await h.call("GET", receiptOf(source))).status).toBe(200);
  });
});

describe("realtime keys", () => {
  it("are given for the customer's own recorded payment, with the session id Dollr wants", async () => {
    h = await startHarness();
    const { source, sessionId, referenceId } = await pay();
    const body = {
      session_id: sessionId,
      source_type: source.source_type,
      reference_id: referenceId,
    };
    const key = await h.call("POST", "/v1/realtime-keys/collection", { json: body });
    expect(key.status).toBe(200);
    expect(key.json).toEqual({ access_token: expect.stringMatching(/^eyJ/), expires_in: 600 });
    const sent = h.apiCalls().at(-1);
    expect(JSON.parse(sent?.body ?? "{}")).toEqual({ ...body, session_id: Number(sessionId) });
    // The session id as Dollr's integer is taken too.
    const asNumber = { ...body, session_id: Number(sessionId) };
    expect((await h.call("POST", "/v1/realtime-keys/collection", { json: asNumber })).status).toBe(
      200,
    );
    // The key is the browser's, never a log line's.
    expect(h.logs.some((l) => l.line.includes(key.json.access_token))).toBe(false);

    const client = createProxyClient({
      baseUrl: h.url,
      headers: { authorization: "Bearer alice" },
    });
    const read = await createRealtimeKey(client, {
      sessionId,
      sourceType: "INVOICE",
      referenceId,
    });
    expect(read.expires_in).toBe(600);
  });

  it("answer another customer's payment, another session or an unknown id as unknown (404)", async () => {
    h = await startHarness();
    const { source, sessionId, referenceId } = await pay();
    const body = {
      session_id: sessionId,
      source_type: source.source_type,
      reference_id: referenceId,
    };
    const otherSession = await h.session("alice");
    const before = h.apiCalls().length;
    const refused: [string, Record<string, unknown>, "alice" | "bob"][] = [
      ["bob, for alice's payment", body, "bob"],
      ["an unknown reference id", { ...body, reference_id: newReferenceId() }, "alice"],
      ["another of alice's sessions", { ...body, session_id: otherSession }, "alice"],
      ["another source type", { ...body, source_type: "ORDER" }, "alice"],
    ];
    for (const [what, json, as] of refused) {
      const answer = await h.call("POST", "/v1/realtime-keys/collection", { as, json });
      expect(answer.status, what).toBe(404);
      expect(answer.json.code).toBe("NOT_FOUND");
    }
    for (const json of [
      { ...body, extra: 1 },
      { ...body, reference_id: "nope" },
      { ...body, session_id: "1.5" },
    ]) {
      expect((await h.call("POST", "/v1/realtime-keys/collection", { json })).status).toBe(422);
    }
    // Nothing reached Dollr.
    expect(h.apiCalls().length).toBe(before);

    const client = createProxyClient({ baseUrl: h.url, headers: { authorization: "Bearer bob" } });
    const error = await createRealtimeKey(client, {
      sessionId,
      sourceType: "INVOICE",
      referenceId,
    }).catch((e: unknown) => e);
    expect(isDollrKitError(error) && error.code).toBe("NOT_FOUND");
    expect(isDollrKitError(error) && error.ambiguous).toBe(false);
  });
});
