// The Realtime wire protocol frame by frame, with a bare websocket over 127.0.0.1: the upgrade's
// checks, heartbeats, joins (refused and accepted), the change frame, leave and bad input.
import { describe, expect, it } from "vitest";
import { type Loose, useTestServer } from "../test-helpers.ts";
import { DEFAULT_REALTIME_ANON_KEY } from "./server.ts";
import { collect, type Payment, rawSocket, realtimeKey, refusedUpgrade } from "./test-helpers.ts";

const shared = useTestServer();
const { client } = shared;
const TABLE = "checkout_payment_intent_public_status";

function binding(payment: Payment, event = "*") {
  return {
    event,
    schema: "public",
    table: TABLE,
    filter: `reference_id=eq.${payment.referenceId}`,
  };
}

function join(ref: string, topic: string, payload: Record<string, unknown>) {
  return [ref, ref, `realtime:${topic}`, "phx_join", payload];
}

const topicOf = (payment: Payment) => `payment-intent:${payment.sessionId}:${payment.referenceId}`;

describe("the upgrade", () => {
  const base = () => `${client.url}/realtime/v1/websocket`;

  it("wants the anon key and a known vsn, on the websocket path only", async () => {
    expect(await refusedUpgrade(`${base()}?vsn=2.0.0`)).toEqual({
      status: 403,
      body: { detail: "apikey is required" },
    });
    expect(await refusedUpgrade(`${base()}?apikey=nope&vsn=2.0.0`)).toEqual({
      status: 403,
      body: { detail: "Invalid apikey" },
    });
    expect(await refusedUpgrade(`${base()}?apikey=${DEFAULT_REALTIME_ANON_KEY}&vsn=3.0.0`)).toEqual(
      { status: 400, body: { detail: "vsn must be 1.0.0 or 2.0.0" } },
    );
    expect((await refusedUpgrade(`${client.url}/realtime/v1/other`)).status).toBe(404);
    const plain = await client.get("/realtime/v1/websocket");
    expect(plain.status).toBe(426);
  });

  it("refuses sockets while realtime is down, and takes them again after accept", async () => {
    await client.post("/__simulator/realtime/disconnect", { refuse: true });
    expect((await refusedUpgrade(`${base()}?apikey=${DEFAULT_REALTIME_ANON_KEY}`)).status).toBe(
      503,
    );
    expect((await client.post("/__simulator/realtime/accept")).body.accepting).toBe(true);
    const socket = await rawSocket(client.url);
    socket.ws.close();
  });
});

describe("frames", () => {
  it("answers a heartbeat in vsn 2.0.0 arrays and 1.0.0 objects", async () => {
    const v2 = await rawSocket(client.url);
    v2.send([null, "7", "phoenix", "heartbeat", {}]);
    expect(await v2.frames.next()).toEqual([
      null,
      "7",
      "phoenix",
      "phx_reply",
      { status: "ok", response: {} },
    ]);
    v2.ws.close();
    const v1 = await rawSocket(client.url, `apikey=${DEFAULT_REALTIME_ANON_KEY}&vsn=1.0.0`);
    v1.send({ topic: "phoenix", event: "heartbeat", payload: {}, ref: "8" });
    expect(await v1.frames.next()).toEqual({
      join_ref: null,
      ref: "8",
      topic: "phoenix",
      event: "phx_reply",
      payload: { status: "ok", response: {} },
    });
    v1.ws.close();
  });

  it.each([
    ["not JSON", "{"],
    ["a short array", [null, "1", "phoenix"]],
    ["a payload that is not an object", [null, "1", "phoenix", "heartbeat", []]],
    ["an empty topic", [null, "1", "", "heartbeat", {}]],
  ])("closes the socket on %s (1007)", async (_name, frame) => {
    const socket = await rawSocket(client.url);
    socket.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
    expect((await socket.closed).code).toBe(1007);
  });

  it("answers a push to a topic it has not joined with 'unmatched topic'", async () => {
    const socket = await rawSocket(client.url);
    socket.send([null, "3", "realtime:nowhere", "access_token", { access_token: "x" }]);
    expect(await socket.frames.next()).toEqual([
      null,
      "3",
      "realtime:nowhere",
      "phx_reply",
      { status: "error", response: { reason: "unmatched topic" } },
    ]);
    socket.ws.close();
  });
});

describe("joins", () => {
  it.each([
    [
      "no token",
      "topic",
      {},
      "InvalidJWTToken: an access_token from POST /v1/realtime-keys/collection is required",
    ],
    [
      "no topic name",
      "",
      { access_token: "x" },
      "TopicNameRequired: You must provide a topic name",
    ],
    [
      "another table",
      "topic",
      {
        access_token: "x",
        config: { postgres_changes: [{ event: "*", schema: "public", table: "users" }] },
      },
      "RealtimeDisabledForConfiguration: Unable to subscribe to changes with given parameters: the simulator serves only public.checkout_payment_intent_public_status",
    ],
    [
      "a filter on another column",
      "topic",
      {
        access_token: "x",
        config: {
          postgres_changes: [
            { event: "*", schema: "public", table: TABLE, filter: "status=eq.PAID" },
          ],
        },
      },
      'RealtimeDisabledForConfiguration: Unable to subscribe to changes with given parameters: filter must be "reference_id=eq.{reference_id}"',
    ],
  ])("refuses a join with %s", async (_name, topic, payload, reason) => {
    const socket = await rawSocket(client.url);
    socket.send(join("1", topic, payload));
    expect(await socket.frames.next()).toEqual([
      "1",
      "1",
      `realtime:${topic}`,
      "phx_reply",
      { status: "error", response: { reason } },
    ]);
    socket.ws.close();
  });

  it("joins, says so, and sends the change frame Realtime sends", async () => {
    const payment = await collect(client);
    const token = await realtimeKey(client, payment);
    const socket = await rawSocket(client.url);
    const topic = `realtime:${topicOf(payment)}`;
    socket.send(
      join("1", topicOf(payment), {
        config: {
          broadcast: { ack: false, self: false },
          presence: { enabled: true, key: "" },
          postgres_changes: [binding(payment, "INSERT"), binding(payment, "UPDATE")],
          private: false,
        },
        access_token: token,
      }),
    );
    const joined = (await socket.frames.next()) as Loose[];
    expect(joined).toEqual([
      "1",
      "1",
      topic,
      "phx_reply",
      {
        status: "ok",
        response: {
          postgres_changes: [
            { ...binding(payment, "INSERT"), id: expect.any(Number) },
            { ...binding(payment, "UPDATE"), id: expect.any(Number) },
          ],
        },
      },
    ]);
    const [, updateBinding] = joined[4].response.postgres_changes;
    expect(await socket.frames.next()).toEqual(["1", null, topic, "presence_state", {}]);
    expect(await socket.frames.next()).toEqual([
      "1",
      null,
      topic,
      "system",
      {
        channel: topicOf(payment),
        extension: "postgres_changes",
        message: "Subscribed to PostgreSQL",
        status: "ok",
      },
    ]);

    shared.server.handler.control.advance(90_000);
    expect(await socket.frames.next()).toEqual([
      "1",
      null,
      topic,
      "postgres_changes",
      {
        // Only the UPDATE binding wants an UPDATE.
        ids: [updateBinding.id],
        data: {
          schema: "public",
          table: TABLE,
          commit_timestamp: "2026-06-01T12:01:30.000Z",
          type: "UPDATE",
          record: {
            reference_id: payment.referenceId,
            status: "COMPLETED",
            updated_at: "2026-06-01T12:01:30.000Z",
          },
          old_record: { reference_id: payment.referenceId },
          columns: [
            { name: "reference_id", type: "uuid" },
            { name: "status", type: "text" },
            { name: "updated_at", type: "timestamptz" },
          ],
          errors: null,
        },
      },
    ]);
    socket.ws.close();
  });

  it("closes the first join of a topic joined twice, and forgets a topic left", async () => {
    const payment = await collect(client);
    const token = await realtimeKey(client, payment);
    const socket = await rawSocket(client.url);
    const topic = `realtime:${topicOf(payment)}`;
    const payload = { config: { postgres_changes: [] }, access_token: token };
    socket.send(join("1", topicOf(payment), payload));
    expect(await socket.frames.next()).toMatchObject([
      "1",
      "1",
      topic,
      "phx_reply",
      { status: "ok" },
    ]);
    socket.send(join("2", topicOf(payment), payload));
    expect(await socket.frames.next()).toEqual(["1", null, topic, "phx_close", {}]);
    expect(await socket.frames.next()).toEqual([
      "2",
      "2",
      topic,
      "phx_reply",
      { status: "ok", response: { postgres_changes: [] } },
    ]);
    socket.send(["2", "3", topic, "phx_leave", {}]);
    expect(await socket.frames.next()).toEqual([
      "2",
      "3",
      topic,
      "phx_reply",
      { status: "ok", response: {} },
    ]);
    expect(shared.server.realtime?.status().channels).toEqual([]);
    socket.ws.close();
  });
});

describe("/__simulator/realtime/disconnect", () => {
  it.each([
    [
      { refuse: "yes" },
      [{ loc: ["body", "refuse"], msg: "Input should be a valid boolean", type: "bool_type" }],
    ],
    [
      { other: 1 },
      [{ loc: ["body", "other"], msg: "Extra inputs are not permitted", type: "extra_forbidden" }],
    ],
    [[], [{ loc: ["body"], msg: "Input should be a valid dictionary", type: "dict_type" }]],
  ])("refuses %j", async (body, detail) => {
    const answer = await client.post("/__simulator/realtime/disconnect", body);
    expect(answer).toMatchObject({ status: 422, body: { detail } });
    expect((await client.get("/__simulator/realtime")).body.accepting).toBe(true);
  });

  it("answers 405 for another method", async () => {
    const answer = await client.get("/__simulator/realtime/disconnect");
    expect(answer.status).toBe(405);
    expect(answer.headers.get("allow")).toBe("POST");
  });
});
