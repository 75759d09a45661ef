// The adapters: node:http (and Express/Connect's `next`), Hono over a real socket, and Next.js
// route handlers.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createRequest } from "@remix-run/node-fetch-server";
import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { toHonoHandler, toNextRouteHandlers } from "./adapters.ts";
import { type NodeListenerOptions, toNodeListener } from "./node.ts";
import { type Harness, newReferenceId, startHarness } from "./test-support.ts";

let h: Harness;
const servers: Server[] = [];
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  for (const server of servers.splice(0)) {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
  await h.close();
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("toNodeListener with Express/Connect", () => {
  it("hands requests outside the prefix to next(), and serves the prefix itself", async () => {
    const listener = toNodeListener(h.proxy);
    const base = await listen(
      createServer((req, res) => {
        listener(req, res, () => {
          res.writeHead(200, { "content-type": "text/plain" });
          res.end("the shop");
        });
      }),
    );
    expect(await (await fetch(`${base}/products`)).text()).toBe("the shop");
    const config = await fetch(`${base}/api/dollr/kit/config`);
    expect(config.status).toBe(200);
    expect(await config.json()).toMatchObject({ stripe_publishable_key: "pk_test_harness" });
  });

  it("serves when mounted at the prefix (Express rewrites req.url, keeps originalUrl)", async () => {
    const listener = toNodeListener(h.proxy);
    const base = await listen(
      createServer((req: IncomingMessage & { originalUrl?: string }, res) => {
        // What `app.use("/api/dollr", listener)` does before calling the listener.
        req.originalUrl = req.url;
        req.url = (req.url ?? "").replace(/^\/api\/dollr/, "") || "/";
        listener(req, res, () => res.end("next"));
      }),
    );
    const answer = await fetch(`${base}/api/dollr/kit/payment-accounts`, {
      headers: { authorization: "Bearer alice" },
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ payment_accounts: [] });
  });

  it("answers 404 itself outside the prefix when there is no next()", async () => {
    const base = await listen(createServer(toNodeListener(h.proxy)));
    const answer = await fetch(`${base}/elsewhere`);
    expect(answer.status).toBe(404);
  });

  it("answers 400, not 500, to a request it cannot read", async () => {
    const base = await listen(createServer(toNodeListener(h.proxy)));
    const { port } = new URL(base);
    // A Host header that makes no URL: written by hand, as fetch would refuse to send it.
    const { connect } = await import("node:net");
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), "127.0.0.1", () => {
        socket.write(
          "GET /api/dollr/kit/config HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n",
        );
      });
      let data = "";
      socket.on("data", (chunk) => {
        data += chunk;
      });
      socket.on("end", () => resolve(data));
      socket.on("error", reject);
    });
    expect(raw.split("\r\n")[0]).toMatch(/^HTTP\/1\.1 4\d\d/);
  });
});

describe("toNodeListener writes the proxy's replies itself", () => {
  it("answers what the proxy's Response answers: status, headers and body", async () => {
    const base = await listen(createServer(toNodeListener(h.proxy)));
    const paths = [
      ["GET", "/api/dollr/kit/config"],
      ["GET", "/api/dollr/kit/payment-accounts"],
      ["GET", `/api/dollr/v1/status/collection/${newReferenceId()}`],
      ["POST", "/api/dollr/v1/sessions/checkout"],
      ["OPTIONS", "/api/dollr/kit/config"],
    ] as const;
    const headers = { authorization: "Bearer alice", "x-request-id": "request-0001" };
    const shown = (answer: Response) => {
      const seen = Object.fromEntries(answer.headers);
      // What the socket adds (and a Response does not have), and how the body is framed.
      for (const name of [
        "date",
        "connection",
        "keep-alive",
        "content-length",
        "transfer-encoding",
      ])
        delete seen[name];
      return { status: answer.status, headers: seen };
    };
    for (const [method, path] of paths) {
      const viaSocket = await fetch(`${base}${path}`, { method, headers });
      const viaFetch = await h.proxy(new Request(`${base}${path}`, { method, headers }));
      expect(shown(viaSocket)).toEqual(shown(viaFetch));
      const text = await viaSocket.text();
      expect(text).toBe(await viaFetch.text());
      // Written in one piece, its length known (not streamed from a Response, chunk by chunk).
      if (text)
        expect(viaSocket.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
    }
  });

  it("gives a GET or HEAD the Request that createRequest would: URL, method and headers", async () => {
    const variants: NodeListenerOptions[] = [
      {},
      { host: "shop.example", protocol: "https:" },
      { trustProxy: true },
    ];
    for (const options of variants) {
      const made: Request[] = [];
      const expected: Request[] = [];
      const recorder = Object.assign(
        async (request: Request) => {
          made.push(request);
          return new Response(null, { status: 204 });
        },
        { prefix: "/api/dollr" },
      );
      const listener = toNodeListener(recorder, options);
      const base = await listen(
        createServer((req, res) => {
          expected.push(createRequest(req, res, options));
          listener(req, res);
        }),
      );
      for (const method of ["GET", "HEAD"]) {
        await fetch(`${base}/api/dollr/v1/status/collection/x?y=1&y=2`, {
          method,
          headers: {
            authorization: "Bearer alice",
            "x-forwarded-proto": "https",
            "x-forwarded-host": "forwarded.example",
            cookie: "a=1",
          },
        });
      }
      const view = (request: Request) => ({
        url: request.url,
        method: request.method,
        headers: [...request.headers],
      });
      expect(made.map(view)).toEqual(expected.map(view));
      expect(made.map((r) => r.method)).toEqual(["GET", "HEAD"]);
    }
  });

  it("still calls a wrapper that copied the proxy's properties (Object.assign)", async () => {
    let calls = 0;
    const wrapped = Object.assign((request: Request) => {
      calls += 1;
      return h.proxy(request);
    }, h.proxy);
    const base = await listen(createServer(toNodeListener(wrapped)));
    expect((await fetch(`${base}/api/dollr/kit/config`)).status).toBe(200);
    expect(calls).toBe(1);
  });
});

describe("Hono", () => {
  it("serves the proxy with app.all(prefix/*) over a real socket", async () => {
    const app = new Hono();
    app.get("/", (c) => c.text("shop"));
    app.all("/api/dollr/*", toHonoHandler(h.proxy));
    const server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () =>
        resolve(s as Server),
      );
    });
    servers.push(server);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(await (await fetch(`${base}/`)).text()).toBe("shop");
    const source = await h.source();
    const session = await fetch(`${base}/api/dollr/v1/sessions/checkout`, {
      method: "POST",
      headers: { authorization: "Bearer alice", "content-type": "application/json" },
      body: JSON.stringify(source),
    });
    expect(session.status).toBe(200);
    const refused = await fetch(`${base}/api/dollr/v1/sessions/checkout`, {
      method: "POST",
      headers: { authorization: "Bearer alice", "content-type": "text/plain" },
      body: JSON.stringify(source),
    });
    expect(refused.status).toBe(415);
    expect(
      (await fetch(`${base}/api/dollr/v1/jwt/client/obtain/token`, { method: "POST" })).status,
    ).toBe(404);
  });
});

describe("Next.js route handlers", () => {
  it("export GET, POST, DELETE and OPTIONS that call the proxy", async () => {
    const { GET, POST, DELETE, OPTIONS } = toNextRouteHandlers(h.proxy);
    const base = "https://shop.example/api/dollr";
    const auth = { authorization: "Bearer alice" };
    expect((await GET(new Request(`${base}/kit/config`))).status).toBe(200);
    const created = await POST(
      new Request(`${base}/kit/payment-accounts`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json", origin: "https://shop.example" },
        body: JSON.stringify({ type: "MOBILE_MONEY", phone: "231880000000", account_name: "Next" }),
      }),
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(
      (
        await DELETE(
          new Request(`${base}/kit/payment-accounts/${id}`, { method: "DELETE", headers: auth }),
        )
      ).status,
    ).toBe(204);
    expect(
      (
        await OPTIONS(
          new Request(`${base}/v1/executions/collection`, {
            method: "OPTIONS",
            headers: { origin: "https://shop.example" },
          }),
        )
      ).status,
    ).toBe(204);
    const status = await GET(
      new Request(`${base}/v1/status/collection/${newReferenceId()}`, { headers: auth }),
    );
    expect(status.status).toBe(404);
  });
});
