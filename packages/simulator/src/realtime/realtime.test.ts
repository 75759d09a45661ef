// The simulator's Supabase Realtime with the real @supabase/supabase-js client over 127.0.0.1:
// subscribe, a status change pushed when the clock moves, refused tokens, other payments kept
// apart, token refresh, leave and killed sockets.
import { afterEach, describe, expect, it } from "vitest";
import { useTestServer } from "../test-helpers.ts";
import { collect, realtimeKey } from "./test-helpers.ts";
import { type Watcher, watcher } from "./test-supabase.ts";

const shared = useTestServer();
const { client } = shared;
const PROCESSING_MS = 90_000;

let open: Watcher[] = [];
afterEach(async () => {
  await Promise.all(open.map((watching) => watching.close()));
  open = [];
  shared.server.realtime?.accept();
});

async function watch(token: string, options: Parameters<typeof watcher>[2] = {}) {
  const watching = await watcher(client.url, token, options);
  open.push(watching);
  return watching;
}

describe.each(["2.0.0", "1.0.0"] as const)("supabase-js with vsn %s", (vsn) => {
  it("subscribes, then gets the UPDATE when the payment completes", async () => {
    const payment = await collect(client);
    const watching = await watch(await realtimeKey(client, payment), { vsn });
    watching.follow(payment);
    expect(await watching.states.next()).toMatchObject({ status: "SUBSCRIBED" });
    expect(await watching.system.next()).toEqual({
      channel: `payment-intent:${payment.sessionId}:${payment.referenceId}`,
      extension: "postgres_changes",
      message: "Subscribed to PostgreSQL",
      status: "ok",
    });

    await client.advance(PROCESSING_MS);
    const change = await watching.changes.next();
    expect(change).toMatchObject({
      eventType: "UPDATE",
      schema: "public",
      table: "checkout_payment_intent_public_status",
      commit_timestamp: "2026-06-01T12:01:30.000Z",
      new: {
        reference_id: payment.referenceId,
        status: "COMPLETED",
        updated_at: "2026-06-01T12:01:30.000Z",
      },
      old: { reference_id: payment.referenceId },
    });
    // The hint agrees with the status API, which stays the truth.
    expect((await client.status(payment.referenceId)).body.status).toBe("COMPLETED");
  });
});

describe("tokens", () => {
  it("refuses a token whose signature is wrong: the client sees CHANNEL_ERROR", async () => {
    const payment = await collect(client);
    const token = await realtimeKey(client, payment);
    const watching = await watch(`${token.slice(0, -4)}AAAA`);
    watching.follow(payment);
    const state = await watching.states.next();
    expect(state.status).toBe("CHANNEL_ERROR");
    expect(state.error?.message).toBe("JwtSignatureError: Failed to validate JWT signature");
  });

  it("refuses an expired token, and anything that is not a JWT", async () => {
    const payment = await collect(client);
    const token = await realtimeKey(client, payment);
    await client.advance(600_000);
    const expired = await watch(token);
    expired.follow(payment);
    expect((await expired.states.next()).error?.message).toBe("InvalidJWTToken: Token has expired");

    const garbage = await watch("not-a-jwt");
    garbage.follow(payment);
    expect((await garbage.states.next()).error?.message).toBe(
      "MalformedJWT: The token provided is not a valid JWT",
    );
  });

  it("refuses a channel or filter for another payment than the token's", async () => {
    const mine = await collect(client);
    const other = await collect(client);
    const watching = await watch(await realtimeKey(client, mine));
    watching.follow(other);
    const state = await watching.states.next();
    expect(state.status).toBe("CHANNEL_ERROR");
    expect(state.error?.message).toBe(
      `Unauthorized: You do not have permissions to read from this Channel topic: payment-intent:${other.sessionId}:${other.referenceId}`,
    );
  });
});

describe("changes", () => {
  it("tells each channel only about its own payment", async () => {
    // A 3DS card: PROCESSING until the challenge is finished, whatever the clock does.
    const card = await collect(client, { card: "pm_card_threeDSecure2Required" });
    const wallet = await collect(client);
    const cardWatch = await watch(await realtimeKey(client, card));
    const walletWatch = await watch(await realtimeKey(client, wallet));
    cardWatch.follow(card);
    walletWatch.follow(wallet);
    await cardWatch.states.until((s) => s.status === "SUBSCRIBED");
    await walletWatch.states.until((s) => s.status === "SUBSCRIBED");

    await client.advance(PROCESSING_MS);
    expect((await walletWatch.changes.next()).new).toMatchObject({ status: "COMPLETED" });
    await client.post("/__simulator/authenticate", {
      client_secret: card.clientSecret,
      outcome: "failed",
    });
    expect((await cardWatch.changes.next()).new).toMatchObject({ status: "FAILED" });
    // Each saw exactly its own change: the card's first event was its own failure.
    expect(cardWatch.changes.all.map((c) => [c.ref, c.new.status])).toEqual([
      [card.referenceId, "FAILED"],
    ]);
    expect(walletWatch.changes.all.map((c) => [c.ref, c.new.status])).toEqual([
      [wallet.referenceId, "COMPLETED"],
    ]);
  });

  it("sends nothing when a request leaves the status as it was", async () => {
    const payment = await collect(client);
    const watching = await watch(await realtimeKey(client, payment));
    watching.follow(payment);
    await watching.states.next();
    await client.status(payment.referenceId);
    await client.advance(PROCESSING_MS - 1);
    await client.advance(1);
    // Anything sent for the earlier requests would have arrived first, on the same socket.
    expect((await watching.changes.next()).new).toMatchObject({ status: "COMPLETED" });
    expect(watching.changes.all).toHaveLength(1);
  });
});

describe("the connection", () => {
  /** Sends a heartbeat now and awaits its answer (frames are handled in order). */
  function heartbeat(watching: Watcher): Promise<string> {
    return new Promise((resolve) => {
      watching.supabase.realtime.onHeartbeat((status) => {
        if (status !== "sent") resolve(status);
      });
      void watching.supabase.realtime.sendHeartbeat();
    });
  }

  it("answers heartbeats and accepts a refreshed token for the same payment", async () => {
    const payment = await collect(client);
    const watching = await watch(await realtimeKey(client, payment));
    watching.follow(payment);
    await watching.states.next();
    const [before] = (await client.get("/__simulator/realtime")).body.channels;
    expect(before).toEqual({
      topic: `realtime:payment-intent:${payment.sessionId}:${payment.referenceId}`,
      reference_id: payment.referenceId,
      token_expires_at: "2026-06-01T12:10:00.000Z",
    });
    await client.advance(1_000);
    // The accessToken callback now answers a new key: the next heartbeat pushes it, and the
    // heartbeat after that is answered once it has been checked.
    watching.token = await realtimeKey(client, payment);
    expect(await heartbeat(watching)).toBe("ok");
    expect(await heartbeat(watching)).toBe("ok");
    const [after] = (await client.get("/__simulator/realtime")).body.channels;
    expect(after.token_expires_at).toBe("2026-06-01T12:10:01.000Z");
    await client.advance(PROCESSING_MS);
    expect((await watching.changes.next()).new).toMatchObject({ status: "COMPLETED" });
  });

  it("closes a channel whose refreshed token is for another payment", async () => {
    const payment = await collect(client);
    const other = await collect(client);
    const watching = await watch(await realtimeKey(client, payment));
    watching.follow(payment);
    await watching.states.next();
    await watching.system.next();
    watching.token = await realtimeKey(client, other);
    await heartbeat(watching);
    expect(await watching.system.next()).toMatchObject({
      extension: "system",
      status: "error",
      message: `You no longer have permission to read from this Channel topic: payment-intent:${payment.sessionId}:${payment.referenceId}`,
    });
    expect(await watching.states.next()).toMatchObject({ status: "CLOSED" });
  });

  it("closes a channel when its token expires on the simulator's clock", async () => {
    const payment = await collect(client, { phone: "231880000002" });
    const watching = await watch(await realtimeKey(client, payment));
    watching.follow(payment);
    await watching.states.next();
    await watching.system.next();
    await client.advance(600_000);
    expect(await watching.system.next()).toMatchObject({
      extension: "system",
      status: "error",
      message: "InvalidJWTToken: Token has expired",
    });
    expect(await watching.states.next()).toMatchObject({ status: "CLOSED" });
  });

  it("forgets a channel that leaves", async () => {
    const payment = await collect(client);
    const watching = await watch(await realtimeKey(client, payment));
    const channel = watching.follow(payment);
    await watching.states.next();
    expect((await client.get("/__simulator/realtime")).body.channels).toHaveLength(1);
    expect(await watching.supabase.removeChannel(channel)).toBe("ok");
    expect((await client.get("/__simulator/realtime")).body.channels).toEqual([]);
  });

  it("kills every socket on request: the client reports CHANNEL_ERROR, then rejoins", async () => {
    const payment = await collect(client);
    const watching = await watch(await realtimeKey(client, payment));
    watching.follow(payment);
    await watching.states.next();

    const killed = await client.post("/__simulator/realtime/disconnect", { refuse: true });
    expect(killed.body).toEqual({ disconnected: 1, accepting: false, sockets: 0, channels: [] });
    const state = await watching.states.next();
    expect(state.status).toBe("CHANNEL_ERROR");
    // Refused while down: the status API is the fallback. Accepting again lets it rejoin.
    await client.post("/__simulator/realtime/accept");
    await watching.states.until((s) => s.status === "SUBSCRIBED");
    await client.advance(PROCESSING_MS);
    expect((await watching.changes.next()).new).toMatchObject({ status: "COMPLETED" });
  });
});
