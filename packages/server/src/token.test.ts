// Dollr's token: cached, refreshed before expiry (expires_in is minutes), one refresh in flight,
// and a 401 that refreshes once and replays reads only — never an execute.
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, newReferenceId, startHarness } from "./test-support.ts";
import { createTokenManager, TokenError } from "./upstream/token-manager.ts";
import { fetchTransport } from "./upstream/transport.ts";

const TOKEN_PATH = "/v1/jwt/client/obtain/token";
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const tokenCalls = () => (h as Harness).forwarded.filter((f) => f.path === TOKEN_PATH);
const MINUTE = 60_000;

describe("the token cache", () => {
  it("obtains one token for many requests, and sends the credentials only to the token endpoint", async () => {
    h = await startHarness();
    for (let i = 0; i < 10; i++) {
      expect(
        (await h.call("GET", `/v1/predictions/mmo-provider-info?phone=231880000000`)).status,
      ).toBe(200);
    }
    expect(tokenCalls()).toHaveLength(1);
    expect(JSON.parse(tokenCalls()[0]?.body ?? "")).toEqual({
      client_id: "sim_client_id",
      client_secret: "sim_client_secret",
    });
    for (const call of h.apiCalls()) {
      expect(call.authorization).toBe(`Bearer ${h.tokens[0]}`);
      expect(call.body).not.toContain("sim_client_secret");
    }
  });

  it("refreshes 5 minutes before expiry, reading expires_in as minutes", async () => {
    h = await startHarness({ simulator: { tokenTtlMinutes: 60 } });
    await h.call("GET", "/kit/payment-accounts");
    await h.call("GET", "/v1/predictions/mmo-provider-info?phone=231880000000");
    expect(tokenCalls()).toHaveLength(1);
    h.advance(54 * MINUTE);
    await h.call("GET", "/v1/predictions/mmo-provider-info?phone=231880000000");
    expect(tokenCalls()).toHaveLength(1);
    h.advance(2 * MINUTE); // 56 minutes: within the last 5
    await h.call("GET", "/v1/predictions/mmo-provider-info?phone=231880000000");
    expect(tokenCalls()).toHaveLength(2);
    const last = h.apiCalls().at(-1);
    expect(last?.authorization).toBe(`Bearer ${h.tokens[1]}`);
    expect(
      h.logs.some(
        (l) => l.message === "dollr.token_refreshed" && l.fields.expires_in_minutes === 60,
      ),
    ).toBe(true);
  });

  it("has one refresh in flight under concurrent requests", async () => {
    h = await startHarness({
      transport: (inner) => async (request) => {
        // A slow token endpoint, so that the concurrent requests really overlap the refresh.
        if (new URL(request.url).pathname === TOKEN_PATH)
          await new Promise((r) => setTimeout(r, 50));
        return inner(request);
      },
    });
    const harness = h;
    const burst = () =>
      Promise.all(
        Array.from({ length: 25 }, () =>
          harness.call("GET", "/v1/predictions/mmo-provider-info?phone=231880000000"),
        ),
      );
    const first = await burst();
    expect(first.every((a) => a.status === 200)).toBe(true);
    expect(tokenCalls()).toHaveLength(1);
    h.advance(58 * MINUTE);
    const second = await burst();
    expect(second.every((a) => a.status === 200)).toBe(true);
    expect(tokenCalls()).toHaveLength(2);
    h.advance(61 * MINUTE); // past expiry altogether
    const third = await burst();
    expect(third.every((a) => a.status === 200)).toBe(true);
    expect(tokenCalls()).toHaveLength(3);
  });
});

describe("a 401 from Dollr", () => {
  // Moving only the simulator's clock makes Dollr reject a token the proxy still thinks valid.
  const expireOnDollrOnly = (harness: Harness) => harness.simulator.control.advance(61 * MINUTE);

  it("refreshes once and replays a read", async () => {
    h = await startHarness();
    const source = await h.source();
    await h.call("GET", `/v1/status/source?source_type=INVOICE&source_id=${source.source_id}`);
    expireOnDollrOnly(h);
    const before = h.forwarded.length;
    const answer = await h.call(
      "GET",
      `/v1/status/source?source_type=INVOICE&source_id=${source.source_id}`,
    );
    expect(answer.status).toBe(200);
    expect(h.forwarded.slice(before).map((f) => f.path.split("?")[0])).toEqual([
      "/v1/status/source",
      TOKEN_PATH,
      "/v1/status/source",
    ]);
    expect(h.logs.some((l) => l.message === "dollr.token_replay")).toBe(true);
  });

  it("refreshes concurrent rejected reads with one token call", async () => {
    h = await startHarness();
    await h.call("GET", "/v1/predictions/mmo-provider-info?phone=231880000000");
    expireOnDollrOnly(h);
    const harness = h;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        harness.call("GET", "/v1/predictions/mmo-provider-info?phone=231880000000"),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(tokenCalls()).toHaveLength(2);
  });

  it("never replays an execute: 502, not ambiguous, sent once; the same id is safe to send again", async () => {
    let executesSeen = 0;
    let rejectNext = false;
    h = await startHarness({
      transport: (inner) => async (request) => {
        if (new URL(request.url).pathname === "/v1/executions/collection") {
          executesSeen += 1;
          if (rejectNext) {
            rejectNext = false;
            return Response.json({ detail: "Could not validate credentials" }, { status: 401 });
          }
        }
        return inner(request);
      },
    });
    const harness = h;
    const sessionId = await harness.session();
    const wallet = await harness.wallet();
    const referenceId = newReferenceId();
    const body = {
      session_id: sessionId,
      payment_account_id: wallet,
      currency: "USD",
      reference_id: referenceId,
    };
    rejectNext = true;
    const answer = await harness.call("POST", "/v1/executions/collection", { json: body });
    expect(answer.status).toBe(502);
    expect(answer.json).toMatchObject({ code: "UPSTREAM_AUTH", ambiguous: false });
    expect(executesSeen).toBe(1);
    expect(tokenCalls()).toHaveLength(1);
    expect(await harness.attempts.getAttempt(referenceId)).toMatchObject({
      httpStatus: 401,
      ambiguous: false,
      status: null,
    });
    expect(harness.simulator.control.ledger().executions).toHaveLength(0);

    // The rejected token was dropped. The same reference id again: the proxy asks status first
    // (Dollr never saw it: 404), then sends it — once.
    const again = await harness.call("POST", "/v1/executions/collection", { json: body });
    expect(again.status).toBe(200);
    expect(again.json.reference_id).toBe(referenceId);
    expect(executesSeen).toBe(2);
    expect(tokenCalls()).toHaveLength(2);
    expect(harness.simulator.control.ledger().executions).toHaveLength(1);
  });

  it("does not replay other writes either (a session)", async () => {
    // The session route reads the source's status first (a read, replayed after a refresh), so
    // the 401 is given to the session write itself.
    let refusedOnce = false;
    h = await startHarness({
      transport: (inner) => async (request) => {
        if (!refusedOnce && new URL(request.url).pathname === "/v1/sessions/checkout") {
          refusedOnce = true;
          return new Response(JSON.stringify({ detail: "Not authenticated" }), {
            status: 401,
            headers: { "content-type": "application/json" },
          });
        }
        return inner(request);
      },
    });
    const source = await h.source();
    await h.call("GET", "/kit/config");
    await h.wallet();
    const answer = await h.call("POST", "/v1/sessions/checkout", { json: source });
    expect(answer.status).toBe(502);
    // The refused write was not sent again: nothing more reached Dollr's session route.
    expect(refusedOnce).toBe(true);
    expect(h.apiCalls().filter((c) => c.path === "/v1/sessions/checkout")).toHaveLength(0);
  });
});

describe("when no token can be had", () => {
  it("answers 502 and forwards nothing when Dollr refuses the credentials", async () => {
    h = await startHarness({ simulator: { clientSecret: "another_secret" } });
    const answer = await h.call("GET", "/v1/predictions/mmo-provider-info?phone=231880000000");
    expect(answer.status).toBe(502);
    expect(answer.json).toMatchObject({ code: "UPSTREAM_AUTH", ambiguous: false });
    expect(h.apiCalls()).toHaveLength(0);
    const error = h.logs.find((l) => l.message === "dollr.token_failed");
    expect(error?.fields).toMatchObject({ reason: "rejected", status: 401 });
    expect(h.logs.every((l) => !l.line.includes("sim_client_secret"))).toBe(true);
  });
});

describe("createTokenManager", () => {
  const tokenAnswer = (token: string, minutes: number) =>
    new Response(JSON.stringify({ access_token: token, expires_in: minutes }), { status: 200 });

  it("refreshes at half the lifetime when it is shorter than twice the margin", async () => {
    let now = 0;
    let issued = 0;
    const manager = createTokenManager({
      baseUrl: "http://dollr.test",
      clientId: "id",
      clientSecret: "secret",
      transport: fetchTransport(async () => tokenAnswer(`t${++issued}`, 1)),
      now: () => now,
      refreshMarginMs: 5 * MINUTE,
      timeoutMs: 1000,
    });
    expect(await manager.getToken()).toBe("t1");
    now = 29_000;
    expect(await manager.getToken()).toBe("t1");
    now = 30_000;
    expect(await manager.getToken()).toBe("t2");
    expect(manager.knownTokens()).toEqual(["t1", "t2"]);
  });

  it("keeps using a still-valid token when an early refresh fails, and throws once it has expired", async () => {
    let now = 0;
    let fail = false;
    const manager = createTokenManager({
      baseUrl: "http://dollr.test",
      clientId: "id",
      clientSecret: "secret",
      transport: fetchTransport(async () =>
        fail ? new Response("down", { status: 503 }) : tokenAnswer("t1", 60),
      ),
      now: () => now,
      refreshMarginMs: 5 * MINUTE,
      timeoutMs: 1000,
    });
    expect(await manager.getToken()).toBe("t1");
    fail = true;
    now = 57 * MINUTE;
    expect(await manager.getToken()).toBe("t1");
    now = 61 * MINUTE;
    await expect(manager.getToken()).rejects.toMatchObject({
      name: "TokenError",
      reason: "unreachable",
    });
  });

  it("drops a token only if it is still the cached one", async () => {
    let issued = 0;
    const manager = createTokenManager({
      baseUrl: "http://dollr.test",
      clientId: "id",
      clientSecret: "secret",
      transport: fetchTransport(async () => tokenAnswer(`t${++issued}`, 60)),
      now: () => 0,
      refreshMarginMs: 5 * MINUTE,
      timeoutMs: 1000,
    });
    const first = await manager.getToken();
    manager.invalidate(first);
    const second = await manager.getToken();
    expect(second).toBe("t2");
    manager.invalidate(first); // a late 401 for the old token changes nothing
    expect(await manager.getToken()).toBe("t2");
  });

  it("answers a TokenError for an unreadable token answer", async () => {
    const manager = createTokenManager({
      baseUrl: "http://dollr.test",
      clientId: "id",
      clientSecret: "secret",
      transport: fetchTransport(async () => new Response("<html>", { status: 200 })),
      now: () => 0,
      refreshMarginMs: 5 * MINUTE,
      timeoutMs: 1000,
    });
    await expect(manager.getToken()).rejects.toBeInstanceOf(TokenError);
  });
});
