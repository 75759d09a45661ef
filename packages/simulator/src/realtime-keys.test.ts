// Realtime keys: the HS256 signing module, and POST /v1/realtime-keys/collection over HTTP.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSimulator } from "./index.ts";
import { type RealtimeClaims, signRealtimeToken, verifyRealtimeToken } from "./realtime-keys.ts";
import { FROZEN_NOW, useTestServer } from "./test-helpers.ts";

const claims: RealtimeClaims = {
  role: "authenticated",
  iat: 1_000,
  exp: 1_600,
  session_id: 7,
  reference_id: "3f6c2a9e-8b1d-4c7e-9a2f-5d4b3c2a1f0e",
  source_type: "INVOICE",
};

function decodePart(part: string | undefined): unknown {
  return JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8"));
}

describe("signRealtimeToken / verifyRealtimeToken", () => {
  it("signs an HS256 JWT that any JWT library checks with the same secret", async () => {
    const token = await signRealtimeToken("s3cret", claims);
    const [header, payload, signature] = token.split(".");
    expect(decodePart(header)).toEqual({ alg: "HS256", typ: "JWT" });
    expect(decodePart(payload)).toEqual(claims);
    // node:crypto as an independent HMAC: the signature is the standard one.
    const expected = createHmac("sha256", "s3cret")
      .update(`${header}.${payload}`)
      .digest("base64url");
    expect(signature).toBe(expected);
    expect(await verifyRealtimeToken("s3cret", token, 1_599_999)).toEqual({ ok: true, claims });
  });

  it("refuses another secret, a changed claim, an expired key and what is not a JWT", async () => {
    const token = await signRealtimeToken("s3cret", claims);
    expect(await verifyRealtimeToken("other", token, 1_000_000)).toEqual({
      ok: false,
      reason: "signature",
    });
    const [header, , signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...claims, session_id: 8 })).toString("base64url");
    expect(
      await verifyRealtimeToken("s3cret", `${header}.${forged}.${signature}`, 1_000_000),
    ).toEqual({
      ok: false,
      reason: "signature",
    });
    expect(await verifyRealtimeToken("s3cret", token, 1_600_000)).toEqual({
      ok: false,
      reason: "expired",
    });
    const none = Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url");
    for (const bad of ["", "a.b", "a.b.c.d", `${none}.${token.split(".")[1]}.`, "!!.??.##"]) {
      expect(await verifyRealtimeToken("s3cret", bad, 1_000_000)).toEqual({
        ok: false,
        reason: "malformed",
      });
    }
  });
});

const test = useTestServer();
const { client } = test;

async function paidCollection() {
  const { session, referenceId, source } = await client.pay({ phone: "231880000000" });
  return { sessionId: session.id, referenceId, sourceType: source.source_type };
}

const requestKey = (body: unknown) => client.post("/v1/realtime-keys/collection", body);

describe("POST /v1/realtime-keys/collection", () => {
  it("answers a key for a session's execution, signed with the simulator's realtime secret", async () => {
    const { sessionId, referenceId, sourceType } = await paidCollection();
    const answer = await requestKey({
      session_id: sessionId,
      source_type: sourceType,
      reference_id: referenceId.toUpperCase(),
    });
    expect(answer.status).toBe(200);
    expect(answer.body.expires_in).toBe(600);
    const secret = test.server.handler.control.realtimeJwtSecret();
    const now = test.server.handler.control.now();
    expect(now).toBe(FROZEN_NOW);
    const checked = await verifyRealtimeToken(secret, answer.body.access_token, now);
    expect(checked).toEqual({
      ok: true,
      claims: {
        role: "authenticated",
        iat: FROZEN_NOW / 1000,
        exp: FROZEN_NOW / 1000 + 600,
        session_id: sessionId,
        reference_id: referenceId,
        source_type: "INVOICE",
      },
    });
    // The key expires by the simulator's clock.
    await client.advance(600_000);
    expect(
      await verifyRealtimeToken(
        secret,
        answer.body.access_token,
        test.server.handler.control.now(),
      ),
    ).toEqual({ ok: false, reason: "expired" });
  });

  it("404s an unknown session or reference, or a reference of another session", async () => {
    const first = await paidCollection();
    const second = await paidCollection();
    const cases = [
      [{ session_id: 999, reference_id: first.referenceId }, "Session not found"],
      [{ session_id: first.sessionId, reference_id: crypto.randomUUID() }, "Execution not found"],
      [{ session_id: first.sessionId, reference_id: second.referenceId }, "Execution not found"],
    ] as const;
    for (const [body, detail] of cases) {
      const answer = await requestKey({ source_type: "INVOICE", ...body });
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ detail });
    }
  });

  it("checks its body: session_id an integer, source_type the session's", async () => {
    const { sessionId, referenceId } = await paidCollection();
    const asString = await requestKey({
      session_id: String(sessionId),
      source_type: "INVOICE",
      reference_id: referenceId,
    });
    expect(asString.body.detail[0]).toMatchObject({
      loc: ["body", "session_id"],
      type: "int_type",
    });
    const wrongType = await requestKey({
      session_id: sessionId,
      source_type: "ORDER",
      reference_id: referenceId,
    });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.detail[0].loc).toEqual(["body", "source_type"]);
  });
});

describe("the realtime secret", () => {
  it("is the one given, else random per simulator, and never in the config", () => {
    expect(createSimulator({ realtimeJwtSecret: "shared" }).control.realtimeJwtSecret()).toBe(
      "shared",
    );
    const a = createSimulator().control;
    const b = createSimulator().control;
    expect(a.realtimeJwtSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.realtimeJwtSecret()).not.toBe(b.realtimeJwtSecret());
    expect(JSON.stringify(a.config())).not.toContain(a.realtimeJwtSecret());
    expect(() => createSimulator({ realtimeJwtSecret: "" })).toThrow(RangeError);
  });
});
