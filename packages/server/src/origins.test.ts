// The public origin adapters give the proxy: the `origin` option, and the forwarded headers.
import { describe, expect, it } from "vitest";
import { atPublicOrigin, checkOrigin, forwardedOrigin, parseOriginOption } from "./origins.ts";

const at = (url: string, headers: Record<string, string> = {}, init: RequestInit = {}) =>
  new Request(url, { ...init, headers });

describe("forwardedOrigin", () => {
  const local = "http://localhost:3000/api/dollr/kit/config";
  const of = (headers: Record<string, string>) =>
    forwardedOrigin(at(local, headers), new URL(local));

  it("reads X-Forwarded-Proto and X-Forwarded-Host, the first of each list", () => {
    expect(of({ "x-forwarded-host": "shop.example", "x-forwarded-proto": "https" })).toBe(
      "https://shop.example",
    );
    expect(
      of({ "x-forwarded-host": "Shop.Example, internal:8080", "x-forwarded-proto": "https,http" }),
    ).toBe("https://shop.example");
    expect(of({ "x-forwarded-host": "shop.example:8443", "x-forwarded-proto": "https" })).toBe(
      "https://shop.example:8443",
    );
    expect(of({ "x-forwarded-host": "shop.example:443", "x-forwarded-proto": "https" })).toBe(
      "https://shop.example",
    );
    expect(of({ "x-forwarded-host": "[::1]:3000", "x-forwarded-proto": "http" })).toBe(
      "http://[::1]:3000",
    );
  });

  it("keeps the request's scheme when only the host is forwarded", () => {
    expect(of({ "x-forwarded-host": "shop.example" })).toBe("http://shop.example");
  });

  it("ignores missing and malformed headers (the request's URL then stands)", () => {
    expect(of({})).toBeNull();
    expect(of({ "x-forwarded-proto": "https" })).toBeNull();
    for (const host of ["shop.example/x", "a@shop.example", "shop example", "shop.example:port"])
      expect(of({ "x-forwarded-host": host, "x-forwarded-proto": "https" }), host).toBeNull();
    expect(of({ "x-forwarded-host": "shop.example", "x-forwarded-proto": "ftp" })).toBeNull();
  });
});

describe("parseOriginOption", () => {
  it("accepts a scheme and host, in canonical form", () => {
    expect(parseOriginOption("https://Shop.Example", "t")).toBe("https://shop.example");
    expect(parseOriginOption("https://shop.example/", "t")).toBe("https://shop.example");
    expect(parseOriginOption("http://localhost:3000", "t")).toBe("http://localhost:3000");
    expect(parseOriginOption("https://shop.example:443", "t")).toBe("https://shop.example");
  });

  it("refuses anything else at set-up, naming the caller", () => {
    for (const bad of [
      "shop.example",
      "https://shop.example/shop",
      "https://shop.example?x=1",
      "https://user:pass@shop.example",
      "ftp://shop.example",
      "null",
      "",
    ]) {
      expect(() => parseOriginOption(bad, "toNextRouteHandlers"), bad).toThrow(
        /^toNextRouteHandlers: origin must be a scheme and host/,
      );
    }
  });
});

describe("atPublicOrigin", () => {
  it("is the same request when there is nothing to change", () => {
    const request = at("https://shop.example/api/dollr/kit/config");
    expect(atPublicOrigin(request, {})).toBe(request);
    expect(atPublicOrigin(request, { origin: "https://shop.example" })).toBe(request);
    expect(atPublicOrigin(request, { trustProxy: true })).toBe(request);
  });

  it("moves the request to the origin, path (even `//x`) and query kept", () => {
    const moved = atPublicOrigin(
      at("http://localhost:3000//elsewhere.example/x?y=1&y=2", { cookie: "a=1" }),
      { origin: "https://shop.example" },
    );
    expect(moved.url).toBe("https://shop.example//elsewhere.example/x?y=1&y=2");
    expect(moved.headers.get("cookie")).toBe("a=1");
  });

  it("carries a streamed body through, and the origin option wins over the headers", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"a":'));
        controller.enqueue(new TextEncoder().encode("1}"));
        controller.close();
      },
    });
    const moved = atPublicOrigin(
      at(
        "http://localhost:3000/api/dollr/kit/payment-accounts",
        { "content-type": "application/json", "x-forwarded-host": "forged.example" },
        { method: "POST", body, duplex: "half" } as RequestInit,
      ),
      { origin: "https://shop.example", trustProxy: true },
    );
    expect(moved.method).toBe("POST");
    expect(new URL(moved.url).origin).toBe("https://shop.example");
    expect(await moved.json()).toEqual({ a: 1 });
  });

  it("makes the shop's own Origin the proxy's own origin (checkOrigin)", () => {
    const fromPage = at("http://localhost:3000/api/dollr/kit/payment-accounts", {
      origin: "https://shop.example",
      "x-forwarded-host": "shop.example",
      "x-forwarded-proto": "https",
    });
    const verdict = (request: Request) => checkOrigin(request, new URL(request.url), undefined);
    expect(verdict(fromPage).allowed).toBe(false);
    expect(verdict(atPublicOrigin(fromPage, { trustProxy: true })).allowed).toBe(true);
    const attacker = at(fromPage.url, {
      origin: "https://attacker.example",
      "x-forwarded-host": "shop.example",
    });
    expect(verdict(atPublicOrigin(attacker, { trustProxy: true })).allowed).toBe(false);
  });
});
