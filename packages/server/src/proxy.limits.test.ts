/**
 * The proxy's rate limits, fair card lock, canonical paths and session answers, over real
 * sockets on 127.0.0.1. The limits run on the proxy's injected clock (`h.advance`), never on
 * wall-clock windows.
 */
import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import {
  type Harness,
  type HarnessOptions,
  newReferenceId,
  PHONES,
  startHarness,
} from "./test-support.ts";

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const start = async (options?: HarnessOptions) => {
  h = await startHarness(options);
  return h;
};

/** A request target sent as written (fetch would resolve dot segments first). */
function rawGet(origin: string, target: string, headers: Record<string, string> = {}) {
  const url = new URL(origin);
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method: "GET", path: target, headers },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          text += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

const lookup = (phone = PHONES.succeeds, headers?: Record<string, string>) =>
  h.call("GET", `/v1/predictions/mmo-provider-info?phone=${phone}`, { headers });

describe("rate limits (on by default)", () => {
  it("answers the 31st paid lookup in 10 minutes 429 with Retry-After, and lets the next window through", async () => {
    await start();
    for (let i = 0; i < 30; i++) expect((await lookup()).status).toBe(200);
    const before = h.apiCalls().length;
    const refused = await lookup();
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ code: "RATE_LIMITED" });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(h.apiCalls().length).toBe(before);
    // Bob is counted apart.
    expect(
      (
        await h.call("GET", `/v1/predictions/mmo-provider-info?phone=${PHONES.succeeds}`, {
          as: "bob",
        })
      ).status,
    ).toBe(200);
    h.advance(10 * 60_000);
    expect((await lookup()).status).toBe(200);
  });

  it("refuses a cross-site read of a paid lookup without an Origin (an <img>), before Dollr", async () => {
    await start();
    const img = await lookup(PHONES.succeeds, { "sec-fetch-site": "cross-site" });
    expect(img.status).toBe(403);
    expect(img.json.code).toBe("ORIGIN_FORBIDDEN");
    expect(h.apiCalls()).toEqual([]);
    expect((await lookup(PHONES.succeeds, { "sec-fetch-site": "same-origin" })).status).toBe(200);
  });

  it("limits payment prompts to one phone number across customers, with ambiguous:false, and logs no number", async () => {
    await start({
      proxy: {
        authorizeSource: () => true,
        rateLimits: { promptsPerPhone: { limit: 2, windowMs: 60 * 60_000 } },
      },
    });
    const pay = async (as: "alice" | "bob") => {
      const sessionId = await h.session(as);
      return h.call("POST", "/v1/executions/collection", {
        as,
        json: {
          session_id: sessionId,
          payment_account_id: await h.wallet(as, PHONES.stays),
          currency: "USD",
          reference_id: newReferenceId(),
        },
      });
    };
    expect((await pay("alice")).status).toBe(200);
    expect((await pay("bob")).status).toBe(200);
    const executes = () =>
      h.apiCalls().filter((c) => c.path === "/v1/executions/collection").length;
    const sent = executes();
    const third = await pay("alice");
    expect(third.status).toBe(429);
    expect(third.json).toMatchObject({ code: "RATE_LIMITED", ambiguous: false });
    const retryAfter = Number(third.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(executes()).toBe(sent);
    const lines = h.logs.map((l) => l.line).join("\n");
    expect(lines).not.toContain(PHONES.stays);
    expect(lines).not.toContain("promptsPerPhone:p:");
    h.advance(60 * 60_000);
    expect((await pay("alice")).status).toBe(200);
  });

  it("caps a customer's usable saved accounts (409 ACCOUNT_LIMIT), freed by a removal", async () => {
    await start({ proxy: { rateLimits: { maxSavedAccounts: 2 } } });
    await h.wallet("alice", PHONES.succeeds);
    const card = await h.card("alice");
    const over = await h.call("POST", "/kit/payment-accounts", {
      json: { type: "MOBILE_MONEY", phone: PHONES.fails, account_name: "Third" },
    });
    expect(over.status).toBe(409);
    expect(over.json.code).toBe("ACCOUNT_LIMIT");
    // The same wallet again is not a new account.
    expect(
      (
        await h.call("POST", "/kit/payment-accounts", {
          json: { type: "MOBILE_MONEY", phone: PHONES.succeeds, account_name: "Again" },
        })
      ).status,
    ).toBe(200);
    expect((await h.call("DELETE", `/kit/payment-accounts/${card}`)).status).toBe(204);
    await h.wallet("alice", PHONES.fails);
  });

  it("turns off with rateLimits: false, and takes per-customer overrides", async () => {
    await start({
      proxy: {
        rateLimits: {
          lookups: { limit: 1, windowMs: 60_000 },
          override: (name, customer, rule) =>
            name === "lookups" && customer.id === "bob" ? null : rule,
        },
      },
    });
    expect((await lookup()).status).toBe(200);
    expect((await lookup()).status).toBe(429);
    for (let i = 0; i < 3; i++) {
      expect(
        (
          await h.call("GET", `/v1/predictions/mmo-provider-info?phone=${PHONES.succeeds}`, {
            as: "bob",
          })
        ).status,
      ).toBe(200);
    }
  });
});

describe("the card-account lock", () => {
  it("is per party: another customer's burst neither queues nor delays a card (its own queue is bounded)", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await start({
      transport: (inner) => async (request) => {
        const url = new URL(request.url);
        const response = await inner(request);
        // Bob's card step hangs (a slow Dollr) until the test lets it go.
        if (
          url.pathname === "/v1/predictions/card-provider-info" &&
          url.searchParams.get("party_id") === String(h.customers.bob.partyId)
        ) {
          await held;
        }
        return response;
      },
    });
    // Distinct cards: the simulator forgets a pm_… everywhere once one account binds it.
    const add = (as: "alice" | "bob") =>
      h.call("POST", "/kit/payment-accounts", {
        as,
        json: {
          type: "CARD",
          payment_method_id: as === "bob" ? "pm_card_visa" : "pm_card_chargeDeclined",
          account_name: "Card",
        },
      });
    let refused = 0;
    let allRefused!: () => void;
    const sevenRefused = new Promise<void>((resolve) => {
      allRefused = resolve;
    });
    const bobs = Array.from({ length: 10 }, () =>
      add("bob").then((answer) => {
        if (answer.status === 429 && ++refused === 7) allRefused();
        return answer;
      }),
    );
    // One of Bob's runs (held), two wait, seven are refused at once with Retry-After.
    await sevenRefused;
    // Alice's card goes through while Bob's is still held: no proxy-wide lock.
    const alice = await add("alice");
    expect(alice.status).toBe(201);
    release();
    const answers = await Promise.all(bobs);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited).toHaveLength(7);
    for (const a of limited) expect(Number(a.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("canonical paths and session answers", () => {
  it("answers 404 for a target that normalises to a route (dot segments, %2e, backslash, // , %2F)", async () => {
    await start();
    await h.wallet("alice");
    const auth = { authorization: "Bearer alice" };
    for (const target of [
      "/api/dollr/v1/x/%2e%2e/%2e%2e/kit/payment-accounts",
      "/api/dollr/v1/x/../../kit/payment-accounts",
      "/api/dollr/kit/./payment-accounts",
      "/api/dollr/kit\\payment-accounts",
      "/api/dollr/kit//payment-accounts",
      "/api/dollr/kit%2Fpayment-accounts",
      "/x/%2e%2e/api/dollr/kit/payment-accounts",
    ]) {
      const answer = await rawGet(h.origin, target, auth);
      expect([target, answer.status]).toEqual([target, 404]);
      expect(answer.text).not.toContain("payment_accounts");
    }
    expect((await rawGet(h.origin, "/api/dollr/kit/payment-accounts", auth)).status).toBe(200);
  });

  it("answers another customer's session exactly like an unknown one on execute", async () => {
    await start();
    const aliceSession = await h.session("alice");
    const bobWallet = await h.wallet("bob");
    const execute = (sessionId: string) =>
      h.call("POST", "/v1/executions/collection", {
        as: "bob",
        json: {
          session_id: sessionId,
          payment_account_id: bobWallet,
          currency: "USD",
          reference_id: newReferenceId(),
        },
      });
    const foreign = await execute(aliceSession);
    const unknown = await execute(String(Number(aliceSession) + 1000));
    expect(foreign.status).toBe(422);
    expect(foreign.text).toBe(unknown.text);
  });
});
