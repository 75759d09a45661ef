// Thousands of generated malformed requests over real HTTP: the proxy never answers 5xx itself
// and never forwards one of them to Dollr (counted by the harness's wrapping fetch).
import { Agent, request as httpRequest } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Harness, PHONES, startHarness } from "./test-support.ts";

const RUNS = Number(process.env.DOLLR_PROPERTY_RUNS ?? 0) || 3000;
let h: Harness;
const agent = new Agent({ keepAlive: true, maxSockets: 8 });

beforeAll(async () => {
  h = await startHarness({ proxy: { allowedOrigins: ["https://shop.example"] } });
});
afterAll(async () => {
  agent.destroy();
  await h.close();
});

interface Malformed {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | null;
}

const uuid = fc.uuid({ version: 4 });
const sessionBody = () => ({ source_type: "INVOICE", source_id: 1 });
const executeBody = (ref: string) => ({
  session_id: "1",
  payment_account_id: "1",
  currency: "USD",
  reference_id: ref,
});
const walletBody = () => ({ type: "MOBILE_MONEY", phone: PHONES.succeeds, account_name: "w" });
const cardBody = () => ({ type: "CARD", payment_method_id: "pm_card_visa", account_name: "c" });

/** A mutation that always makes a valid body invalid. */
const breakBody = fc.oneof(
  fc.record({ key: fc.string({ minLength: 1, maxLength: 12 }), value: fc.jsonValue() }).map(
    ({ key, value }) =>
      (body: Record<string, unknown>) =>
        key in body ? { ...body, [`${key}_extra`]: value } : { ...body, [key]: value },
  ),
  fc
    .constantFrom("amount", "total_amount", "payer_amount", "party_id", "operation_type")
    .chain((key) =>
      fc
        .oneof(fc.double(), fc.string(), fc.integer())
        .map((value) => (body: Record<string, unknown>) => ({ ...body, [key]: value })),
    ),
  fc.nat(5).map((i) => (body: Record<string, unknown>) => {
    const keys = Object.keys(body);
    const { [keys[i % keys.length] as string]: _dropped, ...rest } = body;
    return rest;
  }),
  fc
    .tuple(
      fc.nat(5),
      fc.oneof(fc.constant(null), fc.boolean(), fc.double(), fc.array(fc.integer()), fc.object()),
    )
    .map(([i, value]) => (body: Record<string, unknown>) => {
      const keys = Object.keys(body);
      return { ...body, [keys[i % keys.length] as string]: value };
    }),
);

const validBodies = fc.oneof(
  fc.constant({ path: "/v1/sessions/checkout", body: sessionBody() }),
  uuid.map((ref) => ({
    path: "/v1/executions/collection",
    body: executeBody(ref) as Record<string, unknown>,
  })),
  fc.constant({ path: "/kit/payment-accounts", body: walletBody() as Record<string, unknown> }),
  fc.constant({ path: "/kit/payment-accounts", body: cardBody() as Record<string, unknown> }),
);

/** A write whose body breaks a rule of the contract, or is not even JSON. */
const badWrite: fc.Arbitrary<Malformed> = fc.oneof(
  // A valid body with one thing wrong.
  fc
    .tuple(validBodies, breakBody)
    .map(([{ path, body }, mutate]) => json("POST", path, mutate(body as Record<string, unknown>))),
  // Any JSON at all (an array, a number, an object with made-up keys).
  fc
    .tuple(
      fc.constantFrom(
        "/v1/sessions/checkout",
        "/v1/executions/collection",
        "/kit/payment-accounts",
      ),
      fc.jsonValue(),
    )
    .map(([path, value]) =>
      json(
        "POST",
        path,
        value,
        (v) => typeof v !== "object" || v === null || Array.isArray(v) || !isValidShape(path, v),
      ),
    ),
  // Not JSON.
  fc
    .tuple(
      fc.constantFrom(
        "/v1/sessions/checkout",
        "/v1/executions/collection",
        "/kit/payment-accounts",
      ),
      fc.uint8Array({ maxLength: 200 }),
    )
    .map(([path, bytes]) => ({
      method: "POST",
      path: `/api/dollr${path}`,
      headers: { "content-type": "application/json" },
      body: Buffer.concat([Buffer.from("{"), Buffer.from(bytes)]),
    })),
  // A valid body in the wrong content type, or too large.
  fc
    .tuple(
      validBodies,
      fc.constantFrom(
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/xml",
        "application/json; charset=utf-16",
        "",
      ),
    )
    .map(([{ path, body }, type]): Malformed => {
      const headers: Record<string, string> = type ? { "content-type": type } : {};
      return { ...json("POST", path, body), headers };
    }),
  fc
    .tuple(validBodies, fc.integer({ min: 16 * 1024 + 1, max: 40 * 1024 }))
    .map(([{ path, body }, size]) => {
      const text = JSON.stringify({ ...body, pad: "" });
      return {
        ...json("POST", path, body),
        body: Buffer.from(text.replace('"pad":""', `"pad":"${"x".repeat(size - text.length)}"`)),
      };
    }),
);

function isValidShape(path: string, value: object): boolean {
  // fc.jsonValue() never makes these exact shapes in practice; guard anyway, so a valid request
  // can never slip into the "malformed" set.
  const keys = Object.keys(value).sort().join(",");
  return (
    (path === "/v1/sessions/checkout" && keys === "source_id,source_type") ||
    (path === "/v1/executions/collection" &&
      keys === "currency,payment_account_id,reference_id,session_id") ||
    (path === "/kit/payment-accounts" && keys.includes("type"))
  );
}

function json(
  method: string,
  path: string,
  value: unknown,
  keep: (v: unknown) => boolean = () => true,
): Malformed {
  const body = keep(value) ? value : { not_a_field: true };
  return {
    method,
    path: `/api/dollr${path}`,
    headers: { "content-type": "application/json" },
    body: Buffer.from(JSON.stringify(body)),
  };
}

const queryPart = fc.array(fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 })), {
  minLength: 1,
  maxLength: 4,
});

/** A read whose query or path parameter breaks a rule. */
const badRead: fc.Arbitrary<Malformed> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(
        "/v1/status/source?source_type=INVOICE&source_id=1",
        `/v1/predictions/mmo-provider-info?phone=${PHONES.succeeds}`,
        "/v1/predictions/payment-source/amount-and-fees?source_type=INVOICE&source_id=1&target_currency=USD&payment_method=MTN_MOMO_LBR&provider=PAWAPAY",
        "/kit/config?",
        "/kit/payment-accounts?",
      ),
      queryPart,
    )
    .map(([path, extra]) => ({
      method: "GET",
      // Extra parameters are unknown (or repeat a known one): always a 422.
      path: `/api/dollr${path}${path.endsWith("?") ? "" : "&"}${extra.map(([k, v]) => `${encodeURIComponent(`x${k}`)}=${encodeURIComponent(v)}`).join("&")}`,
      headers: {},
      body: null,
    })),
  fc.string({ minLength: 1, maxLength: 20 }).map((phone) => ({
    method: "GET",
    path: `/api/dollr/v1/predictions/mmo-provider-info?phone=${encodeURIComponent(/^[1-9]\d{7,14}$/.test(phone) ? `+${phone}` : phone)}`,
    headers: {},
    body: null,
  })),
  fc.string({ minLength: 1, maxLength: 40 }).map((ref) => ({
    method: "GET",
    path: `/api/dollr/v1/status/collection/${encodeURIComponent(ref)}`,
    headers: {},
    body: null,
  })),
);

const segment = fc.oneof(
  fc.constantFrom(
    "v1",
    "kit",
    "..",
    ".",
    "",
    "%2e%2e",
    "%2F",
    "jwt",
    "client",
    "obtain",
    "token",
    "payouts",
    "payment-accounts",
    "create",
    "status",
    "collection",
  ),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);

/** A path off the allow-list, or a method the contract does not have. */
const badRoute: fc.Arbitrary<Malformed> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("GET", "POST", "DELETE", "PUT", "PATCH"),
      fc.array(segment, { minLength: 1, maxLength: 6 }),
    )
    .map(([method, segments]) => ({
      method,
      path: `/api/dollr/${segments.join("/")}`,
      headers: { "content-type": "application/json" },
      body: method === "GET" || method === "DELETE" ? null : Buffer.from("{}"),
    })),
  fc
    .tuple(
      fc.constantFrom("PUT", "PATCH", "TRACE"),
      fc.constantFrom(
        "/kit/config",
        "/kit/payment-accounts",
        "/v1/sessions/checkout",
        "/v1/executions/collection",
      ),
    )
    .map(([method, path]) => ({ method, path: `/api/dollr${path}`, headers: {}, body: null })),
  fc
    .constantFrom("/v1/sessions/checkout", "/kit/config")
    .map((path) => ({ method: "GET", path, headers: {}, body: null })),
);

/** Who sends it: a foreign origin, nobody, or a stranger; none of them may pass. */
const badSender = fc.constantFrom<Record<string, string>>(
  { origin: "https://evil.example", authorization: "Bearer alice" },
  { origin: "null", authorization: "Bearer alice" },
  { authorization: "Bearer mallory" },
  {},
);

const anyMalformed: fc.Arbitrary<Malformed> = fc.oneof(
  fc
    .tuple(fc.oneof(badWrite, badRead, badRoute), fc.constantFrom("alice", "bob"))
    .map(([r, who]) => ({
      ...r,
      headers: { ...r.headers, authorization: `Bearer ${who}` },
    })),
  // A perfectly valid request from a sender who must be refused.
  fc.tuple(validBodies, badSender).map(([{ path, body }, headers]) => ({
    ...json("POST", path, body),
    headers: { "content-type": "application/json", ...headers },
  })),
);

function send(request: Malformed): Promise<{ status: number; body: string }> {
  const { port } = new URL(h.origin);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body) headers["content-length"] = request.body.length;
    const req = httpRequest(
      { host: "127.0.0.1", port, method: request.method, path: request.path, headers, agent },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end(request.body ?? undefined);
  });
}

it(`answers ${RUNS} malformed requests without a 5xx and without forwarding any`, async () => {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(anyMalformed, async (request) => {
      const answer = await send(request);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      expect(answer.status, `${request.method} ${request.path} → ${answer.body}`).toBeLessThan(500);
      expect([401, 403, 404, 413, 415, 422]).toContain(answer.status);
      expect(JSON.parse(answer.body)).toMatchObject({
        detail: expect.anything(),
        code: expect.any(String),
      });
      expect(h.forwarded).toEqual([]);
    }),
    { numRuns: RUNS },
  );
  expect(h.forwarded).toHaveLength(0);
  // Every kind of refusal was exercised.
  expect([...statuses.keys()].sort()).toEqual([401, 403, 404, 413, 415, 422]);
});
