// Faults toward Dollr (from the simulator's fault injection, or a failing transport): a lost
// answer, a timeout or a failure during an execute is a 502 marked ambiguous; 429 keeps
// Retry-After; reads pass Dollr's status through and are never ambiguous.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createProxyClient, isDollrKitError } from "@dollr-kit/core/internal";
import { startSimulatorServer } from "@dollr-kit/simulator/node";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "./logging.ts";
import { toNodeListener } from "./node.ts";
import { createDollrProxy } from "./proxy.ts";
import { type Harness, newReferenceId, PHONES, startHarness } from "./test-support.ts";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function readyToExecute(harness: Harness) {
  const sessionId = await harness.session();
  const wallet = await harness.wallet();
  const referenceId = newReferenceId();
  return {
    session_id: sessionId,
    payment_account_id: wallet,
    currency: "USD",
    reference_id: referenceId,
  };
}

const EXECUTE = { method: "POST", path: "/v1/executions/collection" } as const;

describe("an execute whose answer is lost", () => {
  it("answers 502 ambiguous, records the attempt as ambiguous, and status then shows it landed", async () => {
    h = await startHarness();
    const body = await readyToExecute(h);
    h.simulator.control.setFaults({ kind: "lost_response", count: 1, match: EXECUTE });
    const answer = await h.call("POST", "/v1/executions/collection", { json: body });
    expect(answer.status).toBe(502);
    expect(answer.json).toMatchObject({
      ambiguous: true,
      code: "UPSTREAM_UNREACHABLE",
      detail: expect.stringMatching(/status/),
    });
    expect(await h.attempts.getAttempt(body.reference_id)).toMatchObject({
      ambiguous: true,
      status: null,
      httpStatus: null,
    });
    expect(h.logs.some((l) => l.level === "warn" && l.message === "execute.ambiguous")).toBe(true);

    const status = await h.call("GET", `/v1/status/collection/${body.reference_id}`);
    expect(status.status).toBe(200);
    expect(status.json.status).toBe("PROCESSING");
    expect(await h.attempts.getAttempt(body.reference_id)).toMatchObject({
      ambiguous: false,
      status: "PROCESSING",
    });
    expect(h.simulator.control.ledger().executions).toHaveLength(1);
  });

  it("is marked ambiguous for the browser's client (DollrKitError, code SERVER)", async () => {
    h = await startHarness();
    const body = await readyToExecute(h);
    h.simulator.control.setFaults({ kind: "lost_response", count: 1, match: EXECUTE });
    const client = createProxyClient({
      baseUrl: h.url,
      headers: { authorization: "Bearer alice" },
    });
    const error = await client.executeCollection(body).catch((e: unknown) => e);
    expect(isDollrKitError(error, "SERVER")).toBe(true);
    expect((error as { ambiguous: boolean }).ambiguous).toBe(true);
    // And the same id verifies through status.
    expect((await client.getCollectionStatus(body.reference_id)).status).toBe("PROCESSING");
  });

  it("answers 502 ambiguous over real sockets on both sides (the simulator drops the connection)", async () => {
    const simulator = await startSimulatorServer({ processingMs: 60_000 });
    const party = simulator.handler.control.createSource({
      currency: "USD",
      items: [{ name: "Tea", amount: "5.00" }],
    });
    const customer = { id: "carol", partyId: party.party_id };
    const proxy = createDollrProxy({
      dollr: {
        baseUrl: simulator.url,
        clientId: "sim_client_id",
        clientSecret: "sim_client_secret",
      },
      resolveCustomer: () => customer,
      authorizeSource: () => true,
      logger: silentLogger,
    });
    const server = createServer(toNodeListener(proxy));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/dollr`;
    try {
      const post = (path: string, json: unknown) =>
        fetch(`${base}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(json),
        });
      const wallet = await (
        await post("/kit/payment-accounts", {
          type: "MOBILE_MONEY",
          phone: PHONES.succeeds,
          account_name: "w",
        })
      ).json();
      const session = await (
        await post("/v1/sessions/checkout", {
          source_type: party.source_type,
          source_id: party.source_id,
        })
      ).json();
      simulator.handler.control.setFaults({ kind: "lost_response", count: 1, match: EXECUTE });
      const referenceId = newReferenceId();
      const lost = await post("/v1/executions/collection", {
        session_id: String(session.id),
        payment_account_id: wallet.id,
        currency: "USD",
        reference_id: referenceId,
      });
      expect(lost.status).toBe(502);
      expect(await lost.json()).toMatchObject({ ambiguous: true });
      const status = await fetch(`${base}/v1/status/collection/${referenceId}`);
      expect(status.status).toBe(200);
    } finally {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await simulator.close();
    }
  });
});

describe("an execute that fails on the way", () => {
  it("answers 502 ambiguous (UPSTREAM_TIMEOUT) when Dollr answers too late", async () => {
    h = await startHarness({ proxy: { timeouts: { executeMs: 150 } } });
    const body = await readyToExecute(h);
    h.simulator.control.setFaults({ kind: "latency", latencyMs: 400, count: 1, match: EXECUTE });
    const answer = await h.call("POST", "/v1/executions/collection", { json: body });
    expect(answer.status).toBe(502);
    expect(answer.json).toMatchObject({ ambiguous: true, code: "UPSTREAM_TIMEOUT" });
    expect(await h.attempts.getAttempt(body.reference_id)).toMatchObject({ ambiguous: true });
    // The late execute still lands: exactly why the browser must verify, not retry.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await h.call("GET", `/v1/status/collection/${body.reference_id}`)).status).toBe(200);
  });

  it("answers 502 ambiguous when the connection fails", async () => {
    h = await startHarness({
      transport: (inner) => async (request) => {
        if (new URL(request.url).pathname === EXECUTE.path) throw new TypeError("fetch failed");
        return inner(request);
      },
    });
    const body = await readyToExecute(h);
    const answer = await h.call("POST", "/v1/executions/collection", { json: body });
    expect(answer.status).toBe(502);
    expect(answer.json).toMatchObject({ ambiguous: true, code: "UPSTREAM_UNREACHABLE" });
  });

  it("answers 502 ambiguous to Dollr's 500 (which may have committed), keeping its status", async () => {
    h = await startHarness();
    const body = await readyToExecute(h);
    h.simulator.control.setFaults({ kind: "error_500", commit: true, count: 1, match: EXECUTE });
    const answer = await h.call("POST", "/v1/executions/collection", { json: body });
    expect(answer.status).toBe(502);
    expect(answer.json).toMatchObject({
      ambiguous: true,
      upstream_status: 500,
      detail: "Internal Server Error",
    });
    expect(await h.attempts.getAttempt(body.reference_id)).toMatchObject({
      ambiguous: true,
      httpStatus: 500,
    });
    expect(h.simulator.control.ledger().executions).toHaveLength(1);
  });

  it("passes Dollr's 429 with its Retry-After, and keeps the attempt for verification", async () => {
    h = await startHarness();
    const body = await readyToExecute(h);
    h.simulator.control.setFaults({
      kind: "rate_limit",
      retryAfterSeconds: 12,
      count: 1,
      match: EXECUTE,
    });
    const answer = await h.call("POST", "/v1/executions/collection", { json: body });
    expect(answer.status).toBe(429);
    expect(answer.headers.get("retry-after")).toBe("12");
    expect(answer.json.detail).toBe("Too Many Requests");
    expect(await h.attempts.getAttempt(body.reference_id)).toMatchObject({
      ambiguous: true,
      httpStatus: 429,
    });
    const client = createProxyClient({
      baseUrl: h.url,
      headers: { authorization: "Bearer alice" },
    });
    h.simulator.control.setFaults({
      kind: "rate_limit",
      retryAfterSeconds: 3,
      count: 1,
      match: { method: "GET" },
    });
    const error = await client.getCollectionStatus(body.reference_id).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "RATE_LIMITED", retryAfterMs: 3000, ambiguous: false });
  });
});

describe("reads", () => {
  it("pass Dollr's 5xx through and are never ambiguous", async () => {
    h = await startHarness();
    h.simulator.control.setFaults({ kind: "error_500", count: 1, match: { method: "GET" } });
    const answer = await h.call(
      "GET",
      `/v1/predictions/mmo-provider-info?phone=${PHONES.succeeds}`,
    );
    expect(answer.status).toBe(500);
    expect(answer.json).toEqual({ detail: "Internal Server Error" });
  });

  it("answer 504 (not ambiguous) when Dollr is too slow", async () => {
    h = await startHarness({ proxy: { timeouts: { readMs: 100 } } });
    h.simulator.control.setFaults({
      kind: "latency",
      latencyMs: 300,
      count: 1,
      match: { method: "GET" },
    });
    const answer = await h.call(
      "GET",
      `/v1/predictions/mmo-provider-info?phone=${PHONES.succeeds}`,
    );
    expect(answer.status).toBe(504);
    expect(answer.json).toMatchObject({ code: "UPSTREAM_TIMEOUT", ambiguous: false });
  });

  it("answer 502 when Dollr answers something that is not JSON", async () => {
    h = await startHarness({
      transport: (inner) => async (request) =>
        new URL(request.url).pathname.startsWith("/v1/predictions")
          ? new Response("<html>oops</html>", { status: 200 })
          : inner(request),
    });
    const answer = await h.call(
      "GET",
      `/v1/predictions/mmo-provider-info?phone=${PHONES.succeeds}`,
    );
    expect(answer.status).toBe(502);
    expect(answer.json).toMatchObject({ code: "UPSTREAM_INVALID" });
  });
});
