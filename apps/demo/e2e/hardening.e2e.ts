/**
 * The demo under abuse, on the main e2e server (simulator mode, DEMO_DEV_CONTROLS=1 and
 * DEMO_TRUST_PROXY=1, as a staging server behind a TLS proxy): the developer controls refuse other
 * sites' pages and non-JSON writes, the simulator's config tells no secret, JSON bodies are capped
 * while they stream, orders are their shopper's alone, and every answer has the production headers.
 */
import { expect, test } from "./fixtures.ts";
import { port } from "./ports.ts";
import { postUnfinishedChunked } from "./raw-http.ts";

const ONE_DAY_MS = 24 * 3600_000;
const TEN_DAYS_MS = 10 * ONE_DAY_MS;

const CONTROL_WRITES = [
  ["/__demo/proxy", { offline: true }],
  ["/__demo/reset", {}],
  ["/__simulator/faults", { faults: [{ kind: "error_500", match: { pathPrefix: "/v1/" } }] }],
  ["/__simulator/clock", { advanceMs: TEN_DAYS_MS }],
  ["/__simulator/config", { processingMs: 1 }],
] as const;

test("the developer controls refuse cross-origin and non-JSON writes", async ({
  request,
  baseURL,
}) => {
  const clock = async () =>
    ((await (await request.get("/__simulator/clock")).json()) as { now_ms: number }).now_ms;
  const config = async () => (await request.get("/__simulator/config")).json();
  const before = { now_ms: await clock(), config: await config() };
  const kinds: { headers: Record<string, string>; status: number }[] = [
    { headers: { origin: "https://evil.example" }, status: 403 },
    { headers: { origin: "null" }, status: 403 },
    { headers: { "sec-fetch-site": "cross-site" }, status: 403 },
    { headers: { "sec-fetch-site": "same-site" }, status: 403 },
    { headers: { "content-type": "text/plain" }, status: 415 },
    { headers: { "content-type": "application/x-www-form-urlencoded" }, status: 415 },
  ];
  for (const [path, data] of CONTROL_WRITES) {
    for (const { headers, status } of kinds) {
      const answer = await request.post(path, { data: JSON.stringify(data), headers });
      expect(answer.status(), `POST ${path} ${JSON.stringify(headers)}`).toBe(status);
      expect(answer.headers()["access-control-allow-origin"]).toBeUndefined();
    }
    // A preflight from another site gets no permission either.
    const preflight = await request.fetch(path, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(preflight.status()).toBe(403);
    expect(preflight.headers()["access-control-allow-origin"]).toBeUndefined();
  }
  // Nothing changed: the proxy is up, no fault is armed, the config is the same, and the clock
  // (which follows real time) was not moved ten days on.
  expect(await (await request.get("/__demo/proxy")).json()).toMatchObject({ offline: false });
  expect(await (await request.get("/__simulator/faults")).json()).toEqual({ faults: [], held: 0 });
  expect(await config()).toEqual(before.config);
  expect((await clock()) - before.now_ms).toBeLessThan(ONE_DAY_MS);
  // This origin's own JSON writes work (the developer panel's).
  const own = await request.post("/__demo/proxy", {
    data: { hold_status: false },
    headers: { origin: baseURL ?? "", "sec-fetch-site": "same-origin" },
  });
  expect(own.status()).toBe(200);
});

test("the developer controls cannot be read by another site", async ({ request }) => {
  for (const path of ["/__simulator/ledger", "/__simulator/config", "/__demo/proxy"]) {
    const crossSite = await request.get(path, { headers: { origin: "https://evil.example" } });
    expect(crossSite.status(), path).toBe(403);
    const own = await request.get(path);
    expect(own.status(), path).toBe(200);
    expect(own.headers()["access-control-allow-origin"], path).toBeUndefined();
  }
});

test("GET /__simulator/config tells no secret", async ({ request }) => {
  const answer = await request.get("/__simulator/config");
  expect(answer.status()).toBe(200);
  const text = await answer.text();
  for (const secret of ["sim_client_secret", "123456", "clientSecret", "payoutPasscode"]) {
    expect(text, secret).not.toContain(secret);
  }
  expect(JSON.parse(text)).toMatchObject({ processingMs: expect.any(Number) });
  expect(answer.headers()["access-control-allow-origin"]).toBeUndefined();
});

test("JSON bodies are capped while they stream: a long chunked body is refused before its end", async () => {
  for (const path of ["/shop/orders", "/__demo/proxy"]) {
    // 64 KiB sent, the body left open: a server that reads it whole first never answers.
    const answer = await postUnfinishedChunked({
      port,
      path,
      contentType: "application/json",
      chunkBytes: 64 * 1024,
      limitMs: 15_000,
    });
    try {
      expect(answer.status, path).toBe(413);
      expect(answer.head, path).toContain("connection: close");
      // The server reads no more of it: it closes the connection.
      await answer.closed;
    } finally {
      answer.destroy();
    }
  }
});

test("an order is its shopper's alone: another shopper's is answered like one that does not exist", async ({
  request,
  playwright,
  baseURL,
}) => {
  const made = await request.post("/shop/orders", {
    data: { items: [{ product_id: "coffee", qty: 1 }] },
  });
  expect(made.status()).toBe(201);
  const { id } = (await made.json()) as { id: number };
  expect((await request.get(`/shop/orders/${id}`)).status()).toBe(200);

  const stranger = await playwright.request.newContext({ baseURL: baseURL ?? "" });
  try {
    const unknownId = id + 100_000;
    const answerOf = async (path: string) => {
      const answer = await stranger.get(path);
      return { status: answer.status(), body: await answer.text() };
    };
    // The shop: the same 404, the same body, for a taken id and an unused one.
    const theirs = await answerOf(`/shop/orders/${id}`);
    expect(theirs.status).toBe(404);
    expect(theirs).toEqual(await answerOf(`/shop/orders/${unknownId}`));
    expect(await answerOf(`/shop/orders/${id - 1}`)).toEqual(theirs);
    // The proxy too: the order's status is no more telling than an unknown order's.
    const status = (orderId: number) =>
      answerOf(`/api/dollr/v1/status/source?source_type=ORDER&source_id=${orderId}`);
    const theirStatus = await status(id);
    expect(theirStatus.status).toBeGreaterThanOrEqual(400);
    expect(theirStatus).toEqual(await status(unknownId));
    // And the stranger's list is empty.
    expect(JSON.parse((await answerOf("/shop/orders")).body)).toEqual({ orders: [] });
  } finally {
    await stranger.dispose();
  }
});

test("every answer has the production headers; HSTS over https (a trusted proxy says so)", async ({
  request,
}) => {
  const paths = ["/", "/checkout/1", "/favicon.svg", "/shop/info", "/api/dollr/kit/config"];
  for (const path of paths) {
    const headers = (await request.get(path)).headers();
    expect(headers["permissions-policy"], path).toContain("camera=()");
    expect(headers["permissions-policy"], path).toContain("payment=(self");
    expect(headers["cross-origin-opener-policy"], path).toBe("same-origin");
    expect(headers["cross-origin-resource-policy"], path).toBe("same-origin");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("same-origin");
    expect(headers["strict-transport-security"], path).toBeUndefined();
    const overHttps = await request.get(path, { headers: { "x-forwarded-proto": "https" } });
    expect(overHttps.headers()["strict-transport-security"], path).toMatch(/^max-age=\d{7,}/);
  }
  expect((await request.get("/")).headers()["content-security-policy"]).toContain(
    "frame-ancestors 'none'",
  );
});
