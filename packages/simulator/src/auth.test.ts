// Client-credentials tokens and the bearer check on every /v1 route, over real HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestServer, TestClient, type TestServer } from "./test-helpers.ts";

let running: TestServer;
let client: TestClient;

beforeAll(async () => {
  running = await startTestServer({ clientId: "merchant_a", clientSecret: "s3cret" });
  client = running.client;
});
afterAll(() => running.server.close());
beforeEach(async () => {
  await client.post("/__simulator/reset");
});

const obtain = (body: unknown) =>
  client.request("POST", "/v1/jwt/client/obtain/token", body, { token: null });

describe("POST /v1/jwt/client/obtain/token", () => {
  it("answers a JWT-shaped access_token and expires_in in minutes", async () => {
    const answer = await obtain({ client_id: "merchant_a", client_secret: "s3cret" });
    expect(answer.status).toBe(200);
    expect(answer.body.expires_in).toBe(60);
    expect(answer.body.access_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = JSON.parse(
      atob(answer.body.access_token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")),
    );
    expect(claims.sub).toBe("merchant_a");
  });

  it("refuses wrong credentials with 401 and a string detail", async () => {
    const wrongSecret = await obtain({ client_id: "merchant_a", client_secret: "nope" });
    expect(wrongSecret.status).toBe(401);
    expect(typeof wrongSecret.body.detail).toBe("string");
    const wrongId = await obtain({ client_id: "sim_client_id", client_secret: "s3cret" });
    expect(wrongId.status).toBe(401);
  });

  it("validates its body (422 for a missing field)", async () => {
    const answer = await obtain({ client_id: "merchant_a" });
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toEqual([
      { loc: ["body", "client_secret"], msg: "Field required", type: "missing" },
    ]);
  });

  it("follows credentials changed at run time", async () => {
    await client.post("/__simulator/config", { clientSecret: "rotated" });
    expect((await obtain({ client_id: "merchant_a", client_secret: "s3cret" })).status).toBe(401);
    expect((await obtain({ client_id: "merchant_a", client_secret: "rotated" })).status).toBe(200);
  });
});

describe("the bearer check", () => {
  const guarded = "/v1/predictions/mmo-provider-info?phone=231880000000&operation_type=COLLECTION";

  it("answers 401 Not authenticated without a header", async () => {
    const answer = await client.request("GET", guarded, undefined, { token: null });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ detail: "Not authenticated" });
    expect(answer.headers.get("www-authenticate")).toBe("Bearer");
  });

  it("answers 401 Could not validate credentials for an unknown token or another scheme", async () => {
    const unknown = await client.request("GET", guarded, undefined, { token: "abc.def.ghi" });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual({ detail: "Could not validate credentials" });
    const basic = await client.request("GET", guarded, undefined, {
      token: null,
      headers: { authorization: "Basic Zm9vOmJhcg==" },
    });
    expect(basic.status).toBe(401);
  });

  it("lets a valid token through", async () => {
    expect((await client.get(guarded)).status).toBe(200);
  });

  it("expires a token after expires_in minutes of simulator time", async () => {
    const fresh = new TestClient(client.url);
    const answer = await obtain({ client_id: "merchant_a", client_secret: "s3cret" });
    fresh.token = answer.body.access_token;
    await client.advance(59 * 60_000 + 59_999);
    expect((await fresh.get(guarded)).status).toBe(200);
    await client.advance(1);
    const expired = await fresh.get(guarded);
    expect(expired.status).toBe(401);
    expect(expired.body.detail).toBe("Could not validate credentials");
  });

  it("takes tokenTtlMinutes from the config", async () => {
    await client.post("/__simulator/config", { tokenTtlMinutes: 5 });
    const answer = await obtain({ client_id: "merchant_a", client_secret: "s3cret" });
    expect(answer.body.expires_in).toBe(5);
  });

  it("keeps tokens valid across a reset", async () => {
    await client.post("/__simulator/reset");
    expect((await client.get(guarded)).status).toBe(200);
  });

  it("needs no token for the /__simulator controls", async () => {
    const answer = await client.request("GET", "/__simulator/ledger", undefined, { token: null });
    expect(answer.status).toBe(200);
  });
});
