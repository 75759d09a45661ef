/**
 * The server is the authority: one payment per source across customers, devices and proxy
 * instances; a paid source is refused up front; refusals made before anything reached Dollr say
 * so; and an id the proxy has no record of is asked of Dollr, never answered "not found" blindly.
 */
import type { SourceRef } from "@dollr-kit/core/internal";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "./logging.ts";
import { createDollrProxy } from "./proxy.ts";
import { createMemoryAccountStore } from "./stores/account-store.ts";
import { type AttemptStore, createMemoryAttemptStore } from "./stores/attempt-store.ts";
import {
  type Harness,
  newReferenceId,
  PHONES,
  serveSecondProxy,
  startHarness,
} from "./test-support.ts";

let h: Harness;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function start(options?: Parameters<typeof startHarness>[0]): Promise<Harness> {
  const harness = await startHarness(options);
  closers.push(() => harness.close());
  return harness;
}

/** Alice and Bob may both pay every source (two people paying one shared order). */
const everyonePays = { proxy: { authorizeSource: () => true } };

async function execute(as: "alice" | "bob", source: SourceRef, phone = PHONES.succeeds) {
  const sessionId = await h.session(as, source);
  const accountId = await h.wallet(as, phone);
  const referenceId = newReferenceId();
  const answer = await h.call("POST", "/v1/executions/collection", {
    as,
    json: {
      session_id: sessionId,
      payment_account_id: accountId,
      currency: "USD",
      reference_id: referenceId,
    },
  });
  return { answer, referenceId, sessionId, accountId };
}

const executesSent = () => h.apiCalls().filter((c) => c.path === "/v1/executions/collection");

describe("one payment per source, on the server", () => {
  it("refuses a session for a source another device is paying, naming the attempt in flight", async () => {
    h = await start(everyonePays);
    const source = await h.source();
    const first = await execute("alice", source);
    expect(first.answer.json.status).toBe("PROCESSING");

    const second = await h.call("POST", "/v1/sessions/checkout", { as: "bob", json: source });
    expect(second.status).toBe(409);
    expect(second.json).toEqual({
      detail: "A payment for this source is already in progress",
      code: "SOURCE_BUSY",
      ambiguous: false,
      reference_id: first.referenceId,
      status: "PROCESSING",
    });
    // The other device follows the payment in flight through status.
    const followed = await h.call(
      "GET",
      `/v1/status/collection/${first.referenceId}?source_type=${source.source_type}&source_id=${source.source_id}`,
      { as: "bob" },
    );
    expect(followed.status).toBe(200);
    expect(followed.json.reference_id).toBe(first.referenceId);
  });

  it("refuses an execute with a new id for a held source, before it reaches Dollr", async () => {
    h = await start(everyonePays);
    const source = await h.source();
    // Two sessions opened before either paid (two devices at the same moment).
    const aliceSession = await h.session("alice", source);
    const bobSession = await h.session("bob", source);
    const alice = await h.call("POST", "/v1/executions/collection", {
      json: {
        session_id: aliceSession,
        payment_account_id: await h.wallet("alice"),
        currency: "USD",
        reference_id: newReferenceId(),
      },
    });
    expect(alice.status).toBe(200);
    const bob = await h.call("POST", "/v1/executions/collection", {
      as: "bob",
      json: {
        session_id: bobSession,
        payment_account_id: await h.wallet("bob"),
        currency: "USD",
        reference_id: newReferenceId(),
      },
    });
    expect(bob.status).toBe(409);
    expect(bob.json).toMatchObject({
      code: "SOURCE_BUSY",
      ambiguous: false,
      reference_id: alice.json.reference_id,
    });
    expect(executesSent()).toHaveLength(1);
    expect(h.simulator.control.ledger().executions).toHaveLength(1);
  });

  it("answers ALREADY_PAID for a paid source, and frees a source whose payment failed", async () => {
    h = await start();
    const paid = await h.source();
    const done = await execute("alice", paid);
    h.advance(120_000);
    const final = await h.call("GET", `/v1/status/collection/${done.referenceId}`);
    expect(final.json.status).toBe("COMPLETED");
    const again = await h.call("POST", "/v1/sessions/checkout", { json: paid });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ code: "ALREADY_PAID", ambiguous: false });
    expect(typeof again.json.paid_at).toBe("string");

    const failing = await h.source();
    const declined = await execute("alice", failing, PHONES.failsNow);
    const read = await h.call("GET", `/v1/status/collection/${declined.referenceId}`);
    expect(read.json.status).toBe("FAILED");
    expect((await h.attempts.getAttempt(declined.referenceId))?.outcome).toBe("failed");
    expect((await h.call("POST", "/v1/sessions/checkout", { json: failing })).status).toBe(200);
  });

  it("lets exactly one of 50 concurrent executes through two proxy instances on one store", async () => {
    // The race, not the limits (50 executes on one phone), is under test here.
    h = await start({ proxy: { authorizeSource: () => true, rateLimits: false } });
    const second = await serveSecondProxy(h, { authorizeSource: () => true, rateLimits: false });
    closers.push(second.close);
    const source = await h.source();
    const sessions = await Promise.all([h.session("alice", source), h.session("bob", source)]);
    const wallets = [await h.wallet("alice"), await h.wallet("bob")];
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const body = {
          session_id: sessions[i % 2],
          payment_account_id: wallets[i % 2],
          currency: "USD",
          reference_id: newReferenceId(),
        };
        const as = i % 2 === 0 ? "alice" : "bob";
        return i % 4 < 2
          ? h.call("POST", "/v1/executions/collection", { as, json: body })
          : second.call("POST", "/v1/executions/collection", as, body);
      }),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(answers.filter((a) => a.json.code === "SOURCE_BUSY")).toHaveLength(49);
    expect(h.simulator.control.ledger().executions).toHaveLength(1);
  });
});

describe("refusals decided before anything reached Dollr", () => {
  it('say "ambiguous": false, so the browser need not verify them', async () => {
    h = await start();
    const source = await h.source();
    const sessionId = await h.session("alice", source);
    const wallet = await h.wallet("alice");
    const body = (overrides: Record<string, unknown>) => ({
      json: {
        session_id: sessionId,
        payment_account_id: wallet,
        currency: "USD",
        reference_id: newReferenceId(),
        ...overrides,
      },
    });
    const refusals = [
      await h.call("POST", "/v1/executions/collection", body({ amount: "1.00" })),
      await h.call("POST", "/v1/executions/collection", body({ session_id: "999999" })),
      await h.call("POST", "/v1/executions/collection", body({ payment_account_id: "nope" })),
      await h.call("POST", "/v1/executions/collection", body({ currency: "EUR" })),
      await h.call("POST", "/v1/executions/collection", {
        raw: "{",
        headers: { "content-type": "application/json" },
      }),
    ];
    expect(refusals.map((r) => r.status)).toEqual([422, 422, 403, 422, 422]);
    for (const refusal of refusals) expect(refusal.json.ambiguous).toBe(false);
    expect(executesSent()).toHaveLength(0);
  });

  it("answers CARD_USED for a single-use card bound to another payment", async () => {
    h = await start();
    const card = await h.card("alice");
    const first = await h.call("POST", "/v1/executions/collection", {
      json: {
        session_id: await h.session("alice"),
        payment_account_id: card,
        currency: "USD",
        reference_id: newReferenceId(),
      },
    });
    expect(first.status).toBe(200);
    const reuse = await h.call("POST", "/v1/executions/collection", {
      json: {
        session_id: await h.session("alice"),
        payment_account_id: card,
        currency: "USD",
        reference_id: newReferenceId(),
      },
    });
    expect(reuse.status).toBe(409);
    expect(reuse.json).toMatchObject({ code: "CARD_USED", ambiguous: false });
  });
});

describe("an id the proxy has no record of", () => {
  it("is asked of Dollr: a payment in flight is answered (and recorded), a never-seen id is Dollr's 404", async () => {
    h = await start();
    const source = await h.source();
    const { referenceId } = await execute("alice", source);
    // A second instance with an empty store (a restart, a deploy, a lost record).
    const fresh = createMemoryAttemptStore();
    const other = await serveSecondProxy(h, { attempts: fresh });
    closers.push(other.close);
    const query = `?source_type=${source.source_type}&source_id=${source.source_id}`;

    const answered = await other.call("GET", `/v1/status/collection/${referenceId}${query}`);
    expect(answered.status).toBe(200);
    expect(answered.json).toMatchObject({ reference_id: referenceId, status: "PROCESSING" });
    expect(await fresh.getAttempt(referenceId)).toMatchObject({
      customerId: "alice",
      source,
      status: "PROCESSING",
      outcome: "open",
    });

    const unknown = await other.call("GET", `/v1/status/collection/${newReferenceId()}${query}`);
    expect(unknown.status).toBe(404);
    // Without a source it can show, the proxy cannot tell whose payment it is.
    const other2 = await serveSecondProxy(h, { attempts: createMemoryAttemptStore() });
    closers.push(other2.close);
    expect((await other2.call("GET", `/v1/status/collection/${referenceId}`)).status).toBe(404);
    const bobsView = await other2.call(
      "GET",
      `/v1/status/collection/${referenceId}${query}`,
      "bob",
    );
    expect(bobsView.status).toBe(404);
  });
});

describe("a lost execute", () => {
  it("holds the source until Dollr's 404 proves it never landed, then frees it", async () => {
    h = await start();
    const source = await h.source();
    h.simulator.control.setFaults({
      kind: "error_500",
      count: 1,
      match: { method: "POST", path: "/v1/executions/collection" },
    });
    const lost = await execute("alice", source);
    expect(lost.answer.status).toBe(502);
    expect(lost.answer.json.ambiguous).toBe(true);
    const early = await h.call("GET", `/v1/status/collection/${lost.referenceId}`);
    expect(early.status).toBe(404);
    const busy = await h.call("POST", "/v1/sessions/checkout", { json: source });
    expect(busy.json.code).toBe("SOURCE_BUSY");

    h.advance(31_000);
    const late = await h.call("GET", `/v1/status/collection/${lost.referenceId}`);
    expect(late.status).toBe(404);
    expect((await h.attempts.getAttempt(lost.referenceId))?.outcome).toBe("not_landed");
    expect((await h.call("POST", "/v1/sessions/checkout", { json: source })).status).toBe(200);
  });
});

describe("an unchanged poll", () => {
  it("costs the store nothing", async () => {
    const inner = createMemoryAttemptStore();
    const calls: string[] = [];
    const counted = new Proxy(inner, {
      get(target, name: keyof AttemptStore) {
        const method = target[name];
        return (...args: unknown[]) => {
          calls.push(String(name));
          return (method as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    h = await start({ proxy: { attempts: counted } });
    const { referenceId } = await execute("alice", await h.source());
    await h.call("GET", `/v1/status/collection/${referenceId}`);
    calls.length = 0;
    const polled = await h.call("GET", `/v1/status/collection/${referenceId}`);
    expect(polled.json.status).toBe("PROCESSING");
    expect(calls).toEqual([]);
  });
});

describe("the proxy's reconciler option", () => {
  it("follows a payment no browser reads any more, and tells the merchant once", async () => {
    const settled: { referenceId: string; outcome: string; source: unknown }[] = [];
    h = await start({
      proxy: {
        reconciler: {
          autoStart: false,
          onSettled: (payment) => {
            settled.push({
              referenceId: payment.referenceId,
              outcome: payment.outcome,
              source: payment.source,
            });
          },
        },
      },
    });
    const source = await h.source();
    const { referenceId } = await execute("alice", source);
    const reconciler = h.proxy.reconciler;
    if (!reconciler) throw new Error("the proxy made no reconciler");
    await reconciler.runOnce();
    expect(settled).toEqual([]);
    h.advance(120_000);
    await reconciler.runOnce();
    await reconciler.runOnce();
    expect(settled).toEqual([{ referenceId, outcome: "succeeded", source }]);
    expect((await h.attempts.getAttempt(referenceId))?.notifiedAt).not.toBeNull();
    await h.proxy.close();
  });
});

describe("memory stores in production", () => {
  it("are refused unless the merchant says so", () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      const warnings: string[] = [];
      const options = {
        dollr: { clientId: "id", clientSecret: "secret" },
        resolveCustomer: () => null,
        authorizeSource: () => false,
        logger: { ...silentLogger, warn: (message: string) => warnings.push(message) },
      };
      expect(() => createDollrProxy(options)).toThrow(/in-memory stores are refused in production/);
      expect(() => createDollrProxy({ ...options, attempts: createMemoryAttemptStore() })).toThrow(
        /createPostgresStores/,
      );
      expect(() => createDollrProxy({ ...options, allowMemoryStores: true })).not.toThrow();
      expect(() =>
        createDollrProxy({
          ...options,
          attempts: createMemoryAttemptStore(),
          accounts: createMemoryAccountStore(),
        }),
      ).not.toThrow();
      // What was allowed is still said: once, by the proxy left on its in-memory defaults.
      expect(warnings.filter((m) => m === "proxy.memory_stores")).toHaveLength(1);
    } finally {
      process.env.NODE_ENV = before;
    }
  });
});
