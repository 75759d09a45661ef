// The proxy client: one typed method per contract route, answers parsed, every failure a
// DollrKitError — ambiguous only when a write may have landed, never for a read.
import { createSimulator } from "@dollr-kit/simulator";
import { describe, expect, it, vi } from "vitest";
import { isDollrKitError } from "./errors.ts";
import { createProxyClient, type ProxyClientOptions } from "./proxy-client.ts";

type FetchFn = NonNullable<ProxyClientOptions["fetch"]>;

const REF = "0b0c5f8e-4c1d-4a2b-9f3e-1234567890ab";
const execution = {
  reference_id: REF,
  status: "PROCESSING",
  payer_amount: 12.75,
  payer_currency: "USD",
  payee_amount: 12.5,
  payee_currency: "USD",
  operation_type: "COLLECTION",
};
const account = {
  id: "7",
  type: "MOBILE_MONEY",
  account_name: "Mine",
  provider: "PAWAPAY",
  method: "MTN_MOMO_LBR",
  currencies: ["USD", "LRD"],
  country_code: "LR",
  masked_number: "*********000",
  operator: "MTN Liberia",
  brand: null,
  last4: null,
  single_use: false,
  created_at: "2026-06-01T10:00:00Z",
};

/** A fetch that records calls and answers with `respond`. */
function fakeFetch(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = vi.fn<FetchFn>(async (url, init) => {
    calls.push({ url, init });
    return respond(url, init);
  });
  return { fetch, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });

/** A fetch that never answers but honours its abort signal, like a real one. */
const hangingFetch: FetchFn = (_url, init) =>
  new Promise((_, reject) => {
    init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
  });

describe("requests", () => {
  it("call the contract's paths under the base URL, with JSON and per-request headers", async () => {
    const { fetch, calls } = fakeFetch((url) => {
      if (url.includes("/kit/config")) {
        return json(200, {
          stripe_publishable_key: "pk_test",
          currencies: ["USD"],
          polling: {
            interval_ms: 2000,
            max_interval_ms: 10000,
            backoff_factor: 1.5,
            give_up_after_ms: null,
          },
          realtime: null,
        });
      }
      if (url.includes("/v1/executions/collection")) return json(200, execution);
      return new Response(null, { status: 204 });
    });
    let csrf = 0;
    const client = createProxyClient({
      baseUrl: "https://shop.example/api/dollr/",
      fetch,
      headers: async () => ({ "x-csrf-token": `t${++csrf}` }),
    });
    const config = await client.getConfig();
    expect(config.stripe_publishable_key).toBe("pk_test");
    await client.deletePaymentAccount("a/b");
    const executed = await client.executeCollection({
      session_id: 55,
      payment_account_id: "7",
      currency: "USD",
      reference_id: REF,
    });
    expect(executed.payer_amount).toBe("12.75");

    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      "GET https://shop.example/api/dollr/kit/config",
      "DELETE https://shop.example/api/dollr/kit/payment-accounts/a%2Fb",
      "POST https://shop.example/api/dollr/v1/executions/collection",
    ]);
    const post = calls[2]?.init as RequestInit & { headers: Headers };
    expect(JSON.parse(post.body as string)).toEqual({
      session_id: "55",
      payment_account_id: "7",
      currency: "USD",
      reference_id: REF,
    });
    expect(post.headers.get("content-type")).toBe("application/json");
    expect(post.headers.get("x-csrf-token")).toBe("t3");
    expect(post.credentials).toBe("same-origin");
  });

  it("list, create and parse saved accounts, and send queries for the predictions", async () => {
    const { fetch, calls } = fakeFetch((url) => {
      if (url.endsWith("/kit/payment-accounts"))
        return json(url.includes("POST") ? 201 : 200, { payment_accounts: [account] });
      if (url.includes("mmo-provider-info")) {
        return json(200, {
          carrier: "MTN Liberia",
          country: "LR",
          currencies: ["USD"],
          phone: "*********000",
          payment_method: "MTN_MOMO_LBR",
          gateway_provider: "PAWAPAY",
          operation_type: "COLLECTION",
        });
      }
      return json(201, account);
    });
    const client = createProxyClient({ baseUrl: "/api/dollr", fetch });
    expect(await client.listPaymentAccounts()).toEqual([account]);
    expect((await client.predictProvider("231880000000")).carrier).toBe("MTN Liberia");
    expect(calls[1]?.url).toBe(
      "/api/dollr/v1/predictions/mmo-provider-info?phone=231880000000&operation_type=COLLECTION",
    );
  });

  it("name the source in a status read when given one, and nothing else", async () => {
    const { fetch, calls } = fakeFetch(() => json(200, execution));
    const client = createProxyClient({ baseUrl: "/api/dollr", fetch });
    await client.getCollectionStatus(REF, { source: { source_type: "ORDER", source_id: 1001 } });
    await client.getCollectionStatus(REF);
    expect(calls.map((call) => call.url)).toEqual([
      `/api/dollr/v1/status/collection/${REF}?source_type=ORDER&source_id=1001`,
      `/api/dollr/v1/status/collection/${REF}`,
    ]);
  });

  it("refuse a reference_id that is not a lowercase UUID v4 without sending anything", async () => {
    const { fetch } = fakeFetch(() => json(200, execution));
    const client = createProxyClient({ baseUrl: "/api/dollr", fetch });
    for (const reference_id of ["42", REF.toUpperCase()]) {
      const error = await client
        .executeCollection({
          session_id: "1",
          payment_account_id: "1",
          currency: "USD",
          reference_id,
        })
        .catch((e) => e);
      expect(error).toMatchObject({ code: "VALIDATION", ambiguous: false });
    }
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("failures", () => {
  it("a network error: ambiguous for an execute and other writes, never for a read", async () => {
    const client = createProxyClient({
      baseUrl: "/api/dollr",
      fetch: async () => Promise.reject(new TypeError("fetch failed")),
    });
    const read = await client.getCollectionStatus(REF).catch((e) => e);
    expect(read).toMatchObject({ code: "NETWORK", ambiguous: false });
    const exec = await client
      .executeCollection({
        session_id: "1",
        payment_account_id: "1",
        currency: "USD",
        reference_id: REF,
      })
      .catch((e) => e);
    expect(exec).toMatchObject({ code: "NETWORK", ambiguous: true });
    const session = await client
      .createCheckoutSession({ source_type: "INVOICE", source_id: 1 })
      .catch((e) => e);
    expect(session).toMatchObject({ code: "NETWORK", ambiguous: true });
  });

  it("a timeout: TIMEOUT, ambiguous for an execute only", async () => {
    const client = createProxyClient({
      baseUrl: "/api/dollr",
      fetch: hangingFetch,
      timeoutMs: 20,
      executeTimeoutMs: 30,
    });
    expect(
      await client.getSourceStatus({ source_type: "INVOICE", source_id: 1 }).catch((e) => e),
    ).toMatchObject({ code: "TIMEOUT", ambiguous: false });
    const exec = await client
      .executeCollection({
        session_id: "1",
        payment_account_id: "1",
        currency: "USD",
        reference_id: REF,
      })
      .catch((e) => e);
    expect(exec).toMatchObject({
      code: "TIMEOUT",
      ambiguous: true,
      message: "No answer within 30 ms",
    });
  });

  it("the caller's AbortSignal: ABORTED", async () => {
    const client = createProxyClient({ baseUrl: "/api/dollr", fetch: hangingFetch });
    const controller = new AbortController();
    const pending = client.listPaymentAccounts({ signal: controller.signal });
    controller.abort();
    expect(await pending.catch((e) => e)).toMatchObject({ code: "ABORTED", ambiguous: false });
    expect(await client.getConfig({ signal: controller.signal }).catch((e) => e)).toMatchObject({
      code: "ABORTED",
    });
  });

  it("HTTP errors follow the proxy's answer: 5xx and 429 of an execute are ambiguous unless it says otherwise", async () => {
    const answers: Response[] = [];
    const client = createProxyClient({
      baseUrl: "/api/dollr",
      fetch: async () => answers.shift() as Response,
    });
    const exec = () =>
      client
        .executeCollection({
          session_id: "1",
          payment_account_id: "1",
          currency: "USD",
          reference_id: REF,
        })
        .catch((e) => e);

    answers.push(
      json(502, {
        detail: "The payment service did not answer",
        ambiguous: true,
        code: "UPSTREAM_UNREACHABLE",
      }),
    );
    expect(await exec()).toMatchObject({ code: "SERVER", ambiguous: true, status: 502 });
    answers.push(json(502, { detail: "credentials", ambiguous: false, code: "UPSTREAM_AUTH" }));
    expect(await exec()).toMatchObject({ code: "SERVER", ambiguous: false, definite: true });
    // The proxy's own refusals, decided before anything was forwarded.
    answers.push(
      json(409, {
        detail: "A payment for this source is already in progress",
        code: "SOURCE_BUSY",
        ambiguous: false,
        reference_id: "3f1c9a52-8d0e-4b7a-9c2f-5e6d7a8b9c01",
        status: "PROCESSING",
      }),
    );
    expect(await exec()).toMatchObject({
      code: "SOURCE_BUSY",
      definite: true,
      sourceConflict: { kind: "busy", referenceId: "3f1c9a52-8d0e-4b7a-9c2f-5e6d7a8b9c01" },
    });
    answers.push(json(409, { detail: "Add it again", code: "CARD_USED", ambiguous: false }));
    expect(await exec()).toMatchObject({ code: "CARD_USED", ambiguous: false, definite: true });
    answers.push(json(429, { detail: "Too Many Requests" }, { "retry-after": "12" }));
    expect(await exec()).toMatchObject({
      code: "RATE_LIMITED",
      ambiguous: true,
      retryAfterMs: 12_000,
    });
    answers.push(
      json(409, {
        detail: "This reference_id was already used for another payment",
        code: "CONFLICT",
      }),
    );
    expect(await exec()).toMatchObject({ code: "CONFLICT", ambiguous: false });
    answers.push(
      json(422, {
        detail: [
          {
            loc: ["body", "session_id"],
            msg: "Session not found or expired: open a new checkout session",
            type: "value_error.session",
          },
        ],
      }),
    );
    expect(await exec()).toMatchObject({ code: "SESSION_EXPIRED", ambiguous: false });
    answers.push(new Response("<html>", { status: 200 }));
    expect(await exec()).toMatchObject({ code: "INVALID_RESPONSE", ambiguous: true });
    answers.push(json(200, { reference_id: REF }));
    expect(await exec()).toMatchObject({ code: "INVALID_RESPONSE", ambiguous: true });

    // A read is never ambiguous, whatever the body says.
    answers.push(json(503, { detail: "down", ambiguous: true }));
    expect(await client.getCollectionStatus(REF).catch((e) => e)).toMatchObject({
      code: "SERVER",
      ambiguous: false,
    });
    answers.push(
      json(422, {
        detail: [{ loc: ["body", "phone"], msg: "bad", type: "value_error" }],
        code: "VALIDATION",
      }),
    );
    const invalid = await client
      .createPaymentAccount({ type: "MOBILE_MONEY", phone: "1", account_name: "x" })
      .catch((e) => e);
    expect(invalid).toMatchObject({
      code: "VALIDATION",
      fields: [{ path: "phone", message: "bad", type: "value_error" }],
    });
    answers.push(json(200, { payment_accounts: [{ id: 7 }] }));
    expect(
      isDollrKitError(await client.listPaymentAccounts().catch((e) => e), "INVALID_RESPONSE"),
    ).toBe(true);
  });
});

describe("against the simulator's own /v1 paths", () => {
  it("runs a whole mobile-money collection with a bearer header", async () => {
    const simulator = createSimulator({ processingMs: 1000 });
    const token = simulator.control.issueToken();
    const client = createProxyClient({
      baseUrl: "http://simulator.test",
      fetch: (url, init) => simulator(new Request(url, init)),
      headers: { authorization: `Bearer ${token}` },
    });
    const source = simulator.control.createSource({
      currency: "USD",
      items: [{ name: "Tea", amount: "12.50" }],
    });
    const ref = { source_type: source.source_type, source_id: source.source_id };
    expect((await client.getSourceStatus(ref)).status).toBe("ACTIVE");
    const operator = await client.predictProvider("231880000000");
    expect(operator.payment_method).toBe("MTN_MOMO_LBR");
    const fees = await client.predictSourceFees({
      ...ref,
      target_currency: "USD",
      payment_method: "MTN_MOMO_LBR",
      provider: "PAWAPAY",
    });
    expect(fees.payee_amount).toBe("12.50");
    const created = await simulator(
      new Request("http://simulator.test/v1/payment-accounts/create?operation_type=COLLECTION", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({
          account_name: "w",
          provider: "PAWAPAY",
          method: "MTN_MOMO_LBR",
          party_id: source.party_id,
          insensitive_account_number: "231880000000",
        }),
      }),
    );
    const accountId = String(((await created.json()) as { id: number }).id);
    const session = await client.createCheckoutSession(ref);
    const referenceId = crypto.randomUUID();
    const executed = await client.executeCollection({
      session_id: session.id,
      payment_account_id: accountId,
      currency: "USD",
      reference_id: referenceId,
    });
    expect(executed.status).toBe("PROCESSING");
    simulator.control.advance(1500);
    expect((await client.getCollectionStatus(referenceId)).status).toBe("COMPLETED");
    expect(await client.getCollectionStatus(crypto.randomUUID()).catch((e) => e)).toMatchObject({
      code: "NOT_FOUND",
      ambiguous: false,
    });
  });
});
