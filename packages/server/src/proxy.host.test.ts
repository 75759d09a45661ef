/**
 * The `Host` a request was sent to (DNS rebinding): over real sockets on 127.0.0.1, with raw
 * `node:http` requests so that the `Host` header is ours to choose.
 */
import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { toHonoHandler, toNextRouteHandlers } from "./adapters.ts";
import { toNodeListener } from "./node.ts";
import type { DollrProxyOptions } from "./options.ts";
import { createDollrProxy } from "./proxy.ts";
import { type Harness, PHONES, startHarness } from "./test-support.ts";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

interface RawAnswer {
  status: number;
  json: { code?: string } | undefined;
}

/** A request to the harness's socket with exactly these headers (the `Host` included). */
function raw(
  h: Harness,
  method: string,
  path: string,
  headers: Record<string, string>,
  json?: unknown,
): Promise<RawAnswer> {
  const url = new URL(h.url);
  const body = json === undefined ? undefined : JSON.stringify(json);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port: url.port,
        method,
        path: `${url.pathname}${path}`,
        headers: {
          authorization: "Bearer alice",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...headers,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const WALLET = { type: "MOBILE_MONEY", phone: PHONES.succeeds, account_name: "Alice" };
const rebound = { host: "evil.example", origin: "http://evil.example" };

describe("the Host a request was sent to", () => {
  it("is any host without publicOrigin (today's behaviour: the own origin comes from Host)", async () => {
    harness = await startHarness();
    const answer = await raw(harness, "POST", "/kit/payment-accounts", rebound, WALLET);
    expect(answer.status).toBe(201);
  });

  it("refuses a foreign Host with 403 HOST_FORBIDDEN before any route", async () => {
    harness = await startHarness({ proxy: { publicOrigin: "https://shop.example" } });
    const write = await raw(harness, "POST", "/kit/payment-accounts", rebound, WALLET);
    expect(write).toMatchObject({ status: 403, json: { code: "HOST_FORBIDDEN" } });
    const read = await raw(harness, "GET", "/kit/config", { host: "evil.example" });
    expect(read).toMatchObject({ status: 403, json: { code: "HOST_FORBIDDEN" } });
    const unknown = await raw(harness, "GET", "/no/such/route", { host: "127.0.0.1" });
    expect(unknown).toMatchObject({ status: 403, json: { code: "HOST_FORBIDDEN" } });
    expect(harness.apiCalls()).toEqual([]);
  });

  it("takes the configured public origin as its own origin, whatever the socket's scheme", async () => {
    harness = await startHarness({ proxy: { publicOrigin: "https://shop.example" } });
    const own = { host: "shop.example", origin: "https://shop.example" };
    expect((await raw(harness, "POST", "/kit/payment-accounts", own, WALLET)).status).toBe(201);
    // Any port of the listed name: the attacker's page controls the name, not the socket.
    const ported = { ...own, host: "shop.example:8443" };
    expect((await raw(harness, "GET", "/kit/config", ported)).status).toBe(200);
    // The request URL's own origin (http://shop.example) is no longer "self".
    const plain = { host: "shop.example", origin: "http://shop.example" };
    const refused = await raw(harness, "POST", "/kit/payment-accounts", plain, WALLET);
    expect(refused).toMatchObject({ status: 403, json: { code: "ORIGIN_FORBIDDEN" } });
  });

  it("allows the listed allowedHosts, and reads X-Forwarded-Host only with trustProxy", async () => {
    harness = await startHarness({
      proxy: {
        publicOrigin: "https://shop.example",
        allowedHosts: ["www.shop.example"],
        trustProxy: true,
      },
    });
    const www = await raw(harness, "GET", "/kit/config", { host: "www.shop.example" });
    expect(www.status).toBe(200);
    const behind = { host: "10.0.0.7:8080", "x-forwarded-host": "shop.example" };
    expect((await raw(harness, "GET", "/kit/config", behind)).status).toBe(200);
    const forged = { host: "shop.example", "x-forwarded-host": "evil.example, shop.example" };
    const answer = await raw(harness, "GET", "/kit/config", forged);
    expect(answer).toMatchObject({ status: 403, json: { code: "HOST_FORBIDDEN" } });
  });

  it("ignores X-Forwarded-Host without trustProxy", async () => {
    harness = await startHarness({ proxy: { allowedHosts: ["shop.example"] } });
    const answer = await raw(harness, "GET", "/kit/config", {
      host: "evil.example",
      "x-forwarded-host": "shop.example",
    });
    expect(answer).toMatchObject({ status: 403, json: { code: "HOST_FORBIDDEN" } });
  });
});

const base: DollrProxyOptions = {
  dollr: { clientId: "id", clientSecret: "secret" },
  resolveCustomer: () => null,
  authorizeSource: () => false,
  allowMemoryStores: true,
};

describe("the public origin options", () => {
  it("are checked when the proxy is made", () => {
    expect(() => createDollrProxy({ ...base, publicOrigin: "https://shop.example/shop" })).toThrow(
      /publicOrigin: origin must be a scheme and host/,
    );
    expect(() => createDollrProxy({ ...base, allowedHosts: ["shop.example/x"] })).toThrow(
      /allowedHosts entries are host names/,
    );
  });

  it("without them, warn once in production, naming publicOrigin", () => {
    const warnings: string[] = [];
    const logger = {
      debug() {},
      info() {},
      warn: (message: string, fields: unknown) =>
        warnings.push(`${message} ${JSON.stringify(fields)}`),
      error() {},
    };
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      createDollrProxy({ ...base, logger });
      createDollrProxy({ ...base, logger, publicOrigin: "https://shop.example" });
    } finally {
      process.env.NODE_ENV = before;
    }
    const hosts = warnings.filter((w) => w.startsWith("proxy.no_public_origin"));
    expect(hosts).toHaveLength(1);
    expect(hosts[0]).toMatch(/publicOrigin/);
  });

  it("are what the adapters default to", async () => {
    const seen: string[] = [];
    const handler = Object.assign(
      async (request: Request) => {
        seen.push(request.url);
        return new Response("{}", { headers: { "content-type": "application/json" } });
      },
      { prefix: "/api/dollr", publicOrigin: "https://shop.example", trustProxy: false },
    );
    const request = () => new Request("http://localhost:3000/api/dollr/kit/config");
    await toNextRouteHandlers(handler).GET(request());
    await toHonoHandler(handler)({ req: { raw: request() } });
    const listener = toNodeListener(handler);
    const { createServer } = await import("node:http");
    const server = createServer(listener);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as { port: number };
      await fetch(`http://127.0.0.1:${port}/api/dollr/kit/config`).then((r) => r.text());
    } finally {
      server.close();
      server.closeAllConnections();
    }
    expect(seen).toEqual([
      "https://shop.example/api/dollr/kit/config",
      "https://shop.example/api/dollr/kit/config",
      "https://shop.example/api/dollr/kit/config",
    ]);
  });
});
