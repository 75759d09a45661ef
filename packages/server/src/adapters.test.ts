// The adapters: node:http (and Express/Connect's `next`), Hono over a real socket, and Next.js
// route handlers.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createRequest } from "@remix-run/node-fetch-server";
import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { toHonoHandler, toNextRouteHandlers, withPublicOrigin } from "./adapters.ts";
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

  it("serves the prefix itself (the contract's 404 JSON), not next()", async () => {
    const listener = toNodeListener(h.proxy);
    const base = await listen(
      createServer((req, res) => listener(req, res, () => res.end("next"))),
    );
    for (const path of ["/api/dollr", "/api/dollr?x=1"]) {
      const answer = await fetch(`${base}${path}`);
      expect(answer.status, path).toBe(404);
      expect(await answer.json()).toEqual({ detail: "No such route", code: "NOT_FOUND" });
    }
    expect(await (await fetch(`${base}/api/dollrs`)).text()).toBe("next");
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
  // Inside a Next.js route handler the URL is the server's own, whatever the Host: as here.
  const local = "http://localhost:3000/api/dollr";
  const shop = "https://shop.example";
  const auth = { authorization: "Bearer alice" };
  const newWallet = (headers: Record<string, string>) =>
    new Request(`${local}/kit/payment-accounts`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json", ...headers },
      body: JSON.stringify({ type: "MOBILE_MONEY", phone: "231880000000", account_name: "Next" }),
    });

  it("export every method a route can have, each answered by the proxy", async () => {
    const handlers = toNextRouteHandlers(h.proxy, { origin: shop });
    expect(Object.keys(handlers).sort()).toEqual(
      ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"].sort(),
    );
    const { GET, POST, DELETE, OPTIONS } = handlers;
    expect((await GET(new Request(`${local}/kit/config`))).status).toBe(200);
    const created = await POST(newWallet({ origin: shop }));
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const deleted = await DELETE(
      new Request(`${local}/kit/payment-accounts/${id}`, { method: "DELETE", headers: auth }),
    );
    expect(deleted.status).toBe(204);
    const preflight = await OPTIONS(
      new Request(`${local}/v1/executions/collection`, {
        method: "OPTIONS",
        headers: { origin: shop },
      }),
    );
    expect(preflight.status).toBe(204);
    const status = await GET(
      new Request(`${local}/v1/status/collection/${newReferenceId()}`, { headers: auth }),
    );
    expect(status.status).toBe(404);
  });

  it("answer PUT, PATCH and HEAD with the contract's 404 JSON, not an empty 405", async () => {
    const { PUT, PATCH, HEAD } = toNextRouteHandlers(h.proxy);
    for (const [handler, method] of [
      [PUT, "PUT"],
      [PATCH, "PATCH"],
    ] as const) {
      const answer = await handler(
        new Request(`${local}/v1/executions/collection`, {
          method,
          headers: { "content-type": "application/json" },
          body: "{}",
        }),
      );
      expect(answer.status).toBe(404);
      expect(await answer.json()).toEqual({ detail: "No such route", code: "NOT_FOUND" });
    }
    expect((await HEAD(new Request(`${local}/kit/config`, { method: "HEAD" }))).status).toBe(404);
  });

  it("without `origin`: the shop's own page is refused on a real domain, with one warning", async () => {
    const warnings: unknown[] = [];
    vi.spyOn(console, "warn").mockImplementation((...args) => {
      warnings.push(args);
    });
    const { POST } = toNextRouteHandlers(h.proxy);
    const page = { origin: shop, host: "shop.example" };
    expect((await POST(newWallet(page))).status).toBe(403);
    expect((await POST(newWallet(page))).status).toBe(403);
    expect(warnings).toHaveLength(1);
    expect(String((warnings[0] as unknown[])[0])).toMatch(
      /toNextRouteHandlers\(proxy, \{ origin: "https:\/\/your\.shop" \}\) or \{ trustProxy: true \}/,
    );
  });

  it("with `origin`: the shop's own page may write, other origins may not", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { POST } = toNextRouteHandlers(h.proxy, { origin: "https://Shop.example/" });
    expect((await POST(newWallet({ origin: shop }))).status).toBe(201);
    expect((await POST(newWallet({ origin: "https://attacker.example" }))).status).toBe(403);
    // The option wins over forwarded headers (not trusted unless asked).
    const forged = newWallet({
      origin: "https://forged.example",
      "x-forwarded-host": "forged.example",
    });
    expect((await POST(forged)).status).toBe(403);
    expect(console.warn).not.toHaveBeenCalled();
  });

  it("with `trustProxy`: the origin is X-Forwarded-Proto and X-Forwarded-Host", async () => {
    const { POST } = toNextRouteHandlers(h.proxy, { trustProxy: true });
    const forwarded = { "x-forwarded-host": "shop.example", "x-forwarded-proto": "https" };
    expect((await POST(newWallet({ origin: shop, ...forwarded }))).status).toBe(201);
    expect(
      (await POST(newWallet({ origin: "https://attacker.example", ...forwarded }))).status,
    ).toBe(403);
    // Not forwarded: the request's own URL, as without the option.
    expect((await POST(newWallet({ origin: shop }))).status).toBe(403);
  });

  it("refuse a malformed `origin` at set-up", () => {
    expect(() => toNextRouteHandlers(h.proxy, { origin: "shop.example" })).toThrow(
      /toNextRouteHandlers: origin must be a scheme and host/,
    );
  });
});

describe("toHonoHandler and withPublicOrigin", () => {
  it("answer 404 on @hono/node-server to a target that is a route only once normalised", async () => {
    const handler = toHonoHandler(h.proxy);
    const c = (target: string) => ({
      req: { raw: new Request(new URL(target, "http://127.0.0.1:8080")) },
      env: { incoming: { url: target } },
    });
    const walked = await handler(c("/api/dollr/v1/x/%2e%2e/%2e%2e/kit/config"));
    expect(walked.status).toBe(404);
    expect(await walked.json()).toEqual({ detail: "No such route", code: "NOT_FOUND" });
    expect((await handler(c("/api/dollr//kit/config"))).status).toBe(404);
    expect((await handler(c("/api/dollr/kit/config"))).status).toBe(200);
    // Elsewhere (Bun, Deno, Workers) there is no raw target: the request as it is.
    expect(
      (await handler({ req: { raw: new Request("http://x/api/dollr/kit/config") } })).status,
    ).toBe(200);
  });

  it("take the same public-origin options", async () => {
    const c = (request: Request) => ({ req: { raw: request } });
    const request = (phone = "231880000000") =>
      new Request("http://10.0.0.7:8080/api/dollr/kit/payment-accounts", {
        method: "POST",
        headers: {
          authorization: "Bearer alice",
          "content-type": "application/json",
          origin: "https://shop.example",
          "x-forwarded-proto": "https",
          "x-forwarded-host": "shop.example",
        },
        body: JSON.stringify({ type: "MOBILE_MONEY", phone, account_name: "H" }),
      });
    expect((await toHonoHandler(h.proxy)(c(request()))).status).toBe(403);
    expect((await toHonoHandler(h.proxy, { trustProxy: true })(c(request()))).status).toBe(201);
    expect(
      (await withPublicOrigin(h.proxy, { origin: "https://shop.example" })(request("231880000004")))
        .status,
    ).toBe(201);
    expect(withPublicOrigin(h.proxy)).toBe(h.proxy);
  });
});
