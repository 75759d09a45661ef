// The whole proxy on the Node transport, as a Node merchant deploys it: the conformance suite
// passes through it, and an execute whose answer is lost or late is ambiguous and sent once.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createSimulator, LostResponseError, type SimulatorHandler } from "@dollr-kit/simulator";
import { createRequestListener } from "@remix-run/node-fetch-server";
import { afterEach, describe, expect, it } from "vitest";
import { runConformance } from "./conformance/index.ts";
import { DEV_CREDENTIALS, DEV_CUSTOMERS, startDevApp } from "./dev-app.ts";
import { silentLogger } from "./logging.ts";
import { createNodeTransport, toNodeListener } from "./node.ts";
import type { DollrProxyOptions } from "./options.ts";
import { createDollrProxy } from "./proxy.ts";
import { createMemoryAttemptStore } from "./stores/attempt-store.ts";
import { newReferenceId, PHONES, startHarness } from "./test-support.ts";
import { type DollrFetch, fetchTransport, globalFetch } from "./upstream/transport.ts";

const EXECUTE = { method: "POST", path: "/v1/executions/collection" } as const;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function listen(server: Server): Promise<string> {
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

function nodeTransport() {
  const transport = createNodeTransport();
  cleanups.push(() => transport.close());
  return transport;
}

/**
 * The simulator on a socket, as `startSimulatorServer` serves it (a lost answer drops the
 * connection), noting every request that reaches it.
 */
async function serveSimulator() {
  const handler = createSimulator({ processingMs: 60_000 });
  const received: string[] = [];
  const listener = simulatorListener(() => handler);
  const server = createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    listener(req, res);
  });
  return { handler, received, url: await listen(server) };
}

/** Serves a simulator on a socket; a simulated lost answer drops the connection, as a real one. */
function simulatorListener(handler: () => SimulatorHandler) {
  return (req: IncomingMessage, res: ServerResponse) =>
    createRequestListener(async (request) => {
      try {
        return await handler()(request);
      } catch (error) {
        if (!(error instanceof LostResponseError)) throw error;
        req.socket.destroy();
        return new Response(null, { status: 204 });
      }
    })(req, res);
}

/** The proxy on the Node transport in front of the simulator on a socket, ready to execute. */
async function proxyOverNode(options: Partial<DollrProxyOptions> = {}) {
  const simulator = await serveSimulator();
  const source = simulator.handler.control.createSource({
    currency: "USD",
    items: [{ name: "Tea", amount: "5.00" }],
  });
  const attempts = createMemoryAttemptStore();
  const proxy = createDollrProxy({
    dollr: { baseUrl: simulator.url, ...DEV_CREDENTIALS },
    transport: nodeTransport(),
    resolveCustomer: () => ({ id: "carol", partyId: source.party_id }),
    authorizeSource: () => true,
    logger: silentLogger,
    attempts,
    ...options,
  });
  const base = `${await listen(createServer(toNodeListener(proxy)))}/api/dollr`;
  const call = async (method: string, path: string, json?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: json === undefined ? {} : { "content-type": "application/json" },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    return { status: response.status, json: await response.json() };
  };
  const wallet = await call("POST", "/kit/payment-accounts", {
    type: "MOBILE_MONEY",
    phone: PHONES.succeeds,
    account_name: "w",
  });
  const session = await call("POST", "/v1/sessions/checkout", {
    source_type: source.source_type,
    source_id: source.source_id,
  });
  expect([wallet.status, session.status]).toEqual([201, 200]);
  const execute = {
    session_id: String(session.json.id),
    payment_account_id: wallet.json.id as string,
    currency: "USD",
    reference_id: newReferenceId(),
  };
  const executesReceived = () => simulator.received.filter((r) => r === `POST ${EXECUTE.path}`);
  return { simulator: simulator.handler, attempts, call, execute, executesReceived };
}

describe("the proxy on the Node transport", () => {
  it("passes every conformance check, reaching the simulator over a socket", async () => {
    // The development app's own simulator, also served on a socket for the proxy to reach.
    let simulator: SimulatorHandler | undefined;
    const upstream = await listen(
      createServer(simulatorListener(() => simulator as SimulatorHandler)),
    );
    const transport = nodeTransport();
    const calls: string[] = [];
    const app = await startDevApp({
      logger: silentLogger,
      proxy: {
        dollr: { baseUrl: upstream, ...DEV_CREDENTIALS },
        fetch: undefined,
        publicOrigin: "https://shop.node-transport.test",
        allowedHosts: ["127.0.0.1"],
        transport: {
          exchange: (request) => {
            calls.push(request.url.origin);
            return transport.exchange(request);
          },
        },
      },
    });
    cleanups.push(() => app.close());
    simulator = app.simulator;
    const report = await runConformance({
      url: app.proxyUrl,
      publicOrigin: "https://shop.node-transport.test",
      otherHeaders: { authorization: `Bearer ${DEV_CUSTOMERS.second}` },
      unauthenticatedHeaders: { authorization: "Bearer nobody" },
      forbiddenStrings: ["sim_client_secret"],
    });
    expect(report.results.filter((r) => r.status !== "pass")).toEqual([]);
    expect(report).toMatchObject({ ok: true, failed: 0, skipped: 0, simulator: true });
    expect(calls.length).toBeGreaterThan(10);
    expect(new Set(calls)).toEqual(new Set([upstream]));
  });

  it("answers a status read from Dollr, with the token it obtained", async () => {
    const { call, execute, simulator } = await proxyOverNode();
    expect((await call("POST", "/v1/executions/collection", execute)).status).toBe(200);
    const status = await call("GET", `/v1/status/collection/${execute.reference_id}`);
    expect(status).toMatchObject({ status: 200, json: { status: "PROCESSING" } });
    expect(simulator.control.ledger().executions).toHaveLength(1);
  });

  it("answers 502 ambiguous when the execute's answer is lost, having sent it once", async () => {
    const { call, execute, simulator, attempts, executesReceived } = await proxyOverNode();
    simulator.control.setFaults({ kind: "lost_response", count: 1, match: EXECUTE });
    const lost = await call("POST", "/v1/executions/collection", execute);
    expect(lost).toMatchObject({
      status: 502,
      json: { ambiguous: true, code: "UPSTREAM_UNREACHABLE" },
    });
    expect(await attempts.getAttempt(execute.reference_id)).toMatchObject({ ambiguous: true });
    expect(simulator.control.ledger().executions).toHaveLength(1);
    expect(executesReceived()).toHaveLength(1);
    const status = await call("GET", `/v1/status/collection/${execute.reference_id}`);
    expect(status.status).toBe(200);
  });

  it("answers 502 ambiguous (UPSTREAM_TIMEOUT) when the execute's answer is late, and does not send it again", async () => {
    const { call, execute, simulator, attempts, executesReceived } = await proxyOverNode({
      timeouts: { executeMs: 150 },
    });
    simulator.control.setFaults({ kind: "latency", latencyMs: 400, count: 1, match: EXECUTE });
    const late = await call("POST", "/v1/executions/collection", execute);
    expect(late).toMatchObject({
      status: 502,
      json: { ambiguous: true, code: "UPSTREAM_TIMEOUT" },
    });
    expect(await attempts.getAttempt(execute.reference_id)).toMatchObject({ ambiguous: true });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(executesReceived()).toHaveLength(1);
  });
});

describe("createDollrProxy's transport option", () => {
  it("takes a transport's own error as a failed exchange: an execute is ambiguous", async () => {
    let toSimulator: DollrFetch | undefined;
    const h = await startHarness({
      transport: (inner) => {
        toSimulator = inner;
        return inner;
      },
      proxy: {
        fetch: undefined,
        transport: {
          exchange: (request) =>
            request.url.pathname === EXECUTE.path
              ? Promise.reject(new Error("a transport's own failure"))
              : fetchTransport(toSimulator as DollrFetch).exchange(request),
        },
      },
    });
    cleanups.push(() => h.close());
    const execute = {
      session_id: await h.session(),
      payment_account_id: await h.wallet(),
      currency: "USD",
      reference_id: newReferenceId(),
    };
    const answer = await h.call("POST", EXECUTE.path, { json: execute });
    expect(answer.status).toBe(502);
    expect(answer.json).toMatchObject({ ambiguous: true, code: "UPSTREAM_UNREACHABLE" });
    expect(await h.attempts.getAttempt(execute.reference_id)).toMatchObject({ ambiguous: true });
  });

  it("refuses fetch and transport together, and a transport without exchange", () => {
    const base = {
      dollr: { clientId: "id", clientSecret: "secret" },
      resolveCustomer: () => null,
      authorizeSource: () => false,
    };
    expect(() =>
      createDollrProxy({ ...base, fetch: globalFetch, transport: fetchTransport(globalFetch) }),
    ).toThrow(/fetch or transport, not both/);
    expect(() =>
      createDollrProxy({ ...base, transport: {} as unknown as ReturnType<typeof nodeTransport> }),
    ).toThrow(/exchange/);
  });
});
