// The Node transport against real servers on 127.0.0.1: the simulator, and small `node:http` /
// `node:https` servers that misbehave on purpose (late, stalled, cut off, redirecting, too big,
// dropping kept-alive connections).
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { gzipSync } from "node:zlib";
import { startSimulatorServer } from "@dollr-kit/simulator/node";
import { afterEach, describe, expect, it } from "vitest";
import { createNodeTransport, type NodeTransportOptions } from "./node-transport.ts";
import { createTestCertificate } from "./test-certificate.ts";
import {
  type DollrTransport,
  fetchTransport,
  globalFetch,
  UpstreamFailure,
  type UpstreamRequest,
} from "./transport.ts";

// Made for this run: no key is kept in the repository.
const { key: TLS_KEY, cert: TLS_CERT } = createTestCertificate();

/** A test server: what it saw, and how to stop it. */
interface TestServer {
  url: string;
  /** Connections opened to it. */
  connections: number;
  /** Connections that have closed. */
  closed: number;
  /** Every request, in order: method, path and the number of its connection (1, 2, …). */
  requests: { method: string; path: string; connection: number }[];
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Handler = (req: IncomingMessage, res: ServerResponse, seen: TestServer) => void;

async function serve(handler: Handler, options: { https?: boolean } = {}): Promise<TestServer> {
  const seen: TestServer = { url: "", connections: 0, closed: 0, requests: [] };
  const numbers = new WeakMap<Socket, number>();
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    seen.requests.push({
      method: req.method ?? "",
      path: req.url ?? "",
      connection: numbers.get(req.socket) ?? 0,
    });
    handler(req, res, seen);
  };
  const server: Server = options.https
    ? createHttpsServer({ key: TLS_KEY, cert: TLS_CERT }, listener)
    : createHttpServer(listener);
  server.on(options.https ? "secureConnection" : "connection", (socket: Socket) => {
    seen.connections += 1;
    numbers.set(socket, seen.connections);
    socket.on("close", () => {
      seen.closed += 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  seen.url = `${options.https ? "https" : "http"}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return seen;
}

function transport(options?: NodeTransportOptions) {
  const made = createNodeTransport(options);
  cleanups.push(() => made.close());
  return made;
}

const get = (url: string, more: Partial<UpstreamRequest> = {}): UpstreamRequest => ({
  method: "GET",
  url: new URL(url),
  headers: { accept: "application/json" },
  body: undefined,
  timeoutMs: 2_000,
  replayable: true,
  ...more,
});

const post = (url: string, body: unknown, more: Partial<UpstreamRequest> = {}) =>
  get(url, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify(body),
    replayable: false,
    ...more,
  });

async function failureOf(promise: Promise<unknown>): Promise<UpstreamFailure> {
  const error = await promise.then(
    () => new Error("expected the exchange to fail"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamFailure);
  return error as UpstreamFailure;
}

async function until(check: () => boolean, ms = 1_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("the condition never held");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
};

describe("createNodeTransport against the simulator", () => {
  it("gets a token, then reads with it: statuses, headers and bodies as Dollr sent them", async () => {
    const simulator = await startSimulatorServer();
    cleanups.push(() => simulator.close());
    const node = transport();
    const token = await node.exchange(
      post(`${simulator.url}/v1/jwt/client/obtain/token`, {
        client_id: "sim_client_id",
        client_secret: "sim_client_secret",
      }),
    );
    expect(token.status).toBe(200);
    expect(token.headers.get("Content-Type")).toMatch(/application\/json/);
    const { access_token } = JSON.parse(token.text) as { access_token: string };
    expect(access_token).toEqual(expect.any(String));

    const missing = await node.exchange(
      get(`${simulator.url}/v1/status/collection/${crypto.randomUUID()}`, {
        headers: { accept: "application/json", authorization: `Bearer ${access_token}` },
      }),
    );
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text)).toEqual({ detail: expect.any(String) });

    const refused = await node.exchange(
      post(`${simulator.url}/v1/jwt/client/obtain/token`, {
        client_id: "sim_client_id",
        client_secret: "wrong",
      }),
    );
    expect(refused.status).toBe(401);
  });
});

describe("createNodeTransport", () => {
  it("keeps one connection alive across calls and sends the body with its length", async () => {
    const server = await serve((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => {
        body += chunk;
      });
      req.on("end", () =>
        json(res, 200, {
          method: req.method,
          length: req.headers["content-length"] ?? null,
          type: req.headers["content-type"] ?? null,
          authorization: req.headers.authorization ?? null,
          body,
        }),
      );
    });
    const node = transport();
    const first = await node.exchange(get(`${server.url}/a`));
    const second = await node.exchange(
      post(
        `${server.url}/b?x=1`,
        { amount: "12.50", name: "Thé" },
        {
          headers: { "content-type": "application/json", authorization: "Bearer t1" },
        },
      ),
    );
    const third = await node.exchange(get(`${server.url}/c`));
    expect(JSON.parse(first.text)).toMatchObject({ method: "GET", length: null, body: "" });
    const sent = JSON.stringify({ amount: "12.50", name: "Thé" });
    expect(JSON.parse(second.text)).toEqual({
      method: "POST",
      length: String(Buffer.byteLength(sent)),
      type: "application/json",
      authorization: "Bearer t1",
      body: sent,
    });
    expect(third.status).toBe(200);
    expect(server.requests.map((r) => [r.method, r.path, r.connection])).toEqual([
      ["GET", "/a", 1],
      ["POST", "/b?x=1", 1],
      ["GET", "/c", 1],
    ]);
    expect(server.connections).toBe(1);
  });

  it("waits for a connection when maxSockets are busy, and still answers every call", async () => {
    const server = await serve((_req, res) => {
      setTimeout(() => json(res, 200, { ok: true }), 30);
    });
    const node = transport({ maxSockets: 1 });
    const answers = await Promise.all(
      [1, 2, 3].map((i) => node.exchange(get(`${server.url}/${i}`))),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(server.connections).toBe(1);
  });

  it("times out when no answer comes, and destroys the connection", async () => {
    const server = await serve(() => {
      // Never answers.
    });
    const started = Date.now();
    const failure = await failureOf(
      transport().exchange(get(`${server.url}/slow`, { timeoutMs: 100 })),
    );
    expect(failure.reason).toBe("timeout");
    expect(failure.message).toBe("No answer from Dollr within 100 ms");
    expect(Date.now() - started).toBeLessThan(1_500);
    await until(() => server.closed === 1);
  });

  it("times out when the body stalls: the time limit covers the whole answer", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"status":');
    });
    const failure = await failureOf(
      transport().exchange(get(`${server.url}/stall`, { timeoutMs: 150 })),
    );
    expect(failure.reason).toBe("timeout");
    await until(() => server.closed === 1);
  });

  it("fails as network when the connection drops in the middle of the body", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"status":', () => res.socket?.destroy());
    });
    const failure = await failureOf(transport().exchange(get(`${server.url}/cut`)));
    expect(failure.reason).toBe("network");
    expect(failure.message).toBe("Dollr's answer was cut off");
  });

  it("fails as network when the connection is refused, without naming the address", async () => {
    const server = await serve(() => undefined);
    const { url } = server;
    await cleanups.pop()?.();
    const failure = await failureOf(transport().exchange(get(`${url}/nobody`)));
    expect(failure.reason).toBe("network");
    expect(failure.message).toBe("The exchange with Dollr failed");
    expect(failure.message).not.toContain(new URL(url).port);
  });

  it("answers a redirect as it is, and never sends the body on (like the fetch transport)", async () => {
    const server = await serve((req, res) => {
      if (req.url === "/start") {
        res.writeHead(307, { location: "/elsewhere", "content-length": "0" });
        res.end();
      } else json(res, 200, { followed: true });
    });
    const transports: DollrTransport[] = [transport(), fetchTransport(globalFetch)];
    for (const each of transports) {
      const answer = await each.exchange(
        post(`${server.url}/start`, { client_id: "id", client_secret: "secret" }),
      );
      expect(answer.status).toBe(307);
      expect(answer.headers.get("location")).toBe("/elsewhere");
    }
    expect(server.requests.map((r) => r.path)).toEqual(["/start", "/start"]);
  });

  it("fails as network for an answer larger than maxResponseBytes, declared or not", async () => {
    const server = await serve((req, res) => {
      if (req.url === "/declared") {
        res.writeHead(200, { "content-length": "4096" });
        res.end("x".repeat(4096));
      } else if (req.url === "/streamed") {
        res.writeHead(200);
        for (let i = 0; i < 8; i++) res.write("y".repeat(512));
        res.end();
      } else {
        res.writeHead(200);
        res.end("z".repeat(1024));
      }
    });
    const node = transport({ maxResponseBytes: 1024 });
    for (const path of ["/declared", "/streamed"]) {
      const failure = await failureOf(node.exchange(get(`${server.url}${path}`)));
      expect(failure.reason).toBe("network");
      expect(failure.message).toBe("Dollr's answer is larger than 1024 bytes");
    }
    expect((await node.exchange(get(`${server.url}/exact`))).text).toHaveLength(1024);
  });

  it("decodes a compressed answer, and fails as network on an unreadable one", async () => {
    const body = JSON.stringify({ status: "PROCESSING" });
    const server = await serve((req, res) => {
      const bytes = req.url === "/gzip" ? gzipSync(body) : Buffer.from("not gzip");
      res.writeHead(200, { "content-encoding": "gzip", "content-length": bytes.length });
      res.end(bytes);
    });
    const node = transport();
    expect((await node.exchange(get(`${server.url}/gzip`))).text).toBe(body);
    expect((await failureOf(node.exchange(get(`${server.url}/broken`)))).reason).toBe("network");
  });
});

describe("createNodeTransport on a kept-alive connection the server drops", () => {
  // Answers the first request of each connection; drops the connection on a second one, as a
  // server does that closed an idle connection just as the next call went out on it.
  const dropsReusedConnections: Handler = (req, res, seen) => {
    const mine = seen.requests.filter((r) => r.connection === seen.requests.at(-1)?.connection);
    if (mine.length > 1) req.socket.destroy();
    else json(res, 200, { ok: true });
  };

  it("sends a read once more, on a new connection", async () => {
    const server = await serve(dropsReusedConnections);
    const node = transport();
    await node.exchange(get(`${server.url}/first`));
    const answer = await node.exchange(get(`${server.url}/status`));
    expect(answer.status).toBe(200);
    expect(server.requests.map((r) => [r.path, r.connection])).toEqual([
      ["/first", 1],
      ["/status", 1],
      ["/status", 2],
    ]);
  });

  it("never sends an execute (or any call not marked replayable) again", async () => {
    const server = await serve(dropsReusedConnections);
    const node = transport();
    await node.exchange(get(`${server.url}/first`));
    const failure = await failureOf(
      node.exchange(post(`${server.url}/v1/executions/collection`, { reference_id: "r1" })),
    );
    expect(failure.reason).toBe("network");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests.map((r) => r.path)).toEqual(["/first", "/v1/executions/collection"]);
  });

  it("sends a read once more at most", async () => {
    const server = await serve((req, res, seen) => {
      if (seen.requests.length === 1) json(res, 200, { ok: true });
      else req.socket.destroy();
    });
    const node = transport();
    await node.exchange(get(`${server.url}/first`));
    const failure = await failureOf(node.exchange(get(`${server.url}/status`)));
    expect(failure.reason).toBe("network");
    expect(server.requests.map((r) => [r.path, r.connection])).toEqual([
      ["/first", 1],
      ["/status", 1],
      ["/status", 2],
    ]);
  });

  it("does not send a read again when its first connection was a new one", async () => {
    const server = await serve((req) => req.socket.destroy());
    const failure = await failureOf(transport().exchange(get(`${server.url}/status`)));
    expect(failure.reason).toBe("network");
    expect(server.requests).toHaveLength(1);
  });
});

describe("createNodeTransport over https", () => {
  it("verifies the certificate: a self-signed one fails unless its CA is given", async () => {
    const server = await serve((_req, res) => json(res, 200, { ok: true }), { https: true });
    const untrusted = await failureOf(transport().exchange(get(`${server.url}/ok`)));
    expect(untrusted.reason).toBe("network");

    const trusting = transport({ ca: TLS_CERT });
    expect((await trusting.exchange(get(`${server.url}/ok`))).status).toBe(200);
    expect((await trusting.exchange(get(`${server.url}/again`))).status).toBe(200);
    // The refused handshake never became a connection; the trusted one is kept alive.
    expect(server.requests.map((r) => [r.path, r.connection])).toEqual([
      ["/ok", 1],
      ["/again", 1],
    ]);
  });
});

describe("createNodeTransport's connections", () => {
  it("closes an idle connection after idleTimeoutMs, but never cuts a slower answer", async () => {
    const server = await serve((_req, res) => {
      setTimeout(() => json(res, 200, { ok: true }), 200);
    });
    const node = transport({ idleTimeoutMs: 80 });
    expect((await node.exchange(get(`${server.url}/slow`))).status).toBe(200);
    expect(server.closed).toBe(0);
    await until(() => server.closed === 1);
  });

  it("close() lets a call in flight finish, then closes its connection", async () => {
    const server = await serve((_req, res) => {
      setTimeout(() => json(res, 200, { ok: true }), 100);
    });
    const node = transport();
    const inFlight = node.exchange(get(`${server.url}/slow`));
    await until(() => server.requests.length === 1);
    node.close();
    expect((await inFlight).status).toBe(200);
    await until(() => server.closed === 1);
  });

  it("refuses options that cannot work", () => {
    expect(() => createNodeTransport({ maxSockets: 0 })).toThrow(TypeError);
    expect(() => createNodeTransport({ maxResponseBytes: Number.NaN })).toThrow(TypeError);
  });
});
