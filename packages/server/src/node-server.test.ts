/**
 * Slow clients against the bundled server (`createProxyServer`), over real sockets: headers and
 * a body that never come, a trickled body, the connection cap, and an answer given before the
 * body was read (the socket is closed, never reused for the rest of the body). Short limits keep
 * the test quick; the defaults are checked as numbers.
 */
import type { Server } from "node:http";
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createProxyServer, DEFAULT_SERVER_LIMITS } from "./node.ts";
import { type Harness, startHarness } from "./test-support.ts";

let h: Harness;
let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => {
    if (!server) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
  server = undefined;
  await h?.close();
});

async function serve(limits: Parameters<typeof createProxyServer>[1]) {
  h = await startHarness();
  server = createProxyServer(h.proxy, limits);
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return typeof address === "object" && address ? address.port : 0;
}

/** A socket and everything it receives until it closes. */
function open(
  port: number,
): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    let data = "";
    const socket = connect(port, "127.0.0.1");
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      data += chunk;
    });
    const closed = new Promise<void>((done) => socket.on("close", () => done()));
    socket.on("error", () => undefined);
    socket.once("connect", () => resolve({ socket, received: () => data, closed }));
    socket.once("error", reject);
  });
}

const within = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: still open after ${ms} ms`)), ms),
    ),
  ]);

const short = {
  limits: { headersTimeoutMs: 200, requestTimeoutMs: 400, checkIntervalMs: 50, maxConnections: 5 },
};

describe("the bundled server's slow-client limits", () => {
  it("defaults to bounded timeouts and a connection cap", () => {
    expect(DEFAULT_SERVER_LIMITS).toMatchObject({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 15_000,
      maxConnections: 1_000,
    });
  });

  it("closes sockets that sent headers and a Content-Length but no body", async () => {
    const port = await serve(short);
    const sockets = await Promise.all(Array.from({ length: 4 }, () => open(port)));
    for (const { socket } of sockets) {
      socket.write(
        "POST /api/dollr/v1/sessions/checkout HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer alice\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n",
      );
    }
    await within(Promise.all(sockets.map((s) => s.closed)), 3_000, "a socket with no body");
    for (const s of sockets) expect(s.received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it("closes a socket that trickles its body past the request deadline", async () => {
    const port = await serve(short);
    const { socket, closed, received } = await open(port);
    socket.write(
      "POST /api/dollr/v1/sessions/checkout HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer alice\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n",
    );
    const trickle = setInterval(() => socket.writable && socket.write(" "), 50);
    try {
      await within(closed, 3_000, "a trickled body");
    } finally {
      clearInterval(trickle);
    }
    expect(received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it("refuses sockets over the connection cap", async () => {
    const port = await serve(short);
    const held = await Promise.all(Array.from({ length: 5 }, () => open(port)));
    const extra = await open(port);
    await within(extra.closed, 3_000, "a socket over the cap");
    expect(extra.received()).toBe("");
    for (const s of held) s.socket.destroy();
  });

  it("closes the connection after a 413 answered before the body was read", async () => {
    const port = await serve({});
    const { socket, closed, received } = await open(port);
    socket.write(
      "POST /api/dollr/v1/sessions/checkout HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer alice\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{",
    );
    await within(closed, 3_000, "the socket after a 413");
    expect(received()).toMatch(/^HTTP\/1\.1 413/);
    expect(received().toLowerCase()).toContain("connection: close");
  });
});
