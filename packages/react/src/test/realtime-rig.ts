/**
 * Test rig for the realtime hints (not exported): the simulator's Node server on 127.0.0.1 with
 * its Supabase Realtime stand-in, the real proxy in front of it (reaching it over HTTP with the
 * Node transport, its `realtime` setting pointing at it), the proxy client, and the real
 * supabase-js given `ws` as its transport (Node 20 has no global WebSocket).
 */
import { createProxyClient, type ProxyClient } from "@dollr-kit/core/internal";
import { createDollrProxy } from "@dollr-kit/server";
import { createNodeTransport } from "@dollr-kit/server/node";
import { type SimulatorServer, startSimulatorServer } from "@dollr-kit/simulator/node";
import type { SupabaseClient } from "@supabase/supabase-js";
import WebSocket from "ws";
import type { SupabaseModuleLike } from "../realtime/types.ts";

const BASE = "http://shop.test/api/dollr";
/** Long enough for any test: the window's end is tested with fake timers, not here. */
const SUBSCRIBE_MS = 10 * 60_000;

/** Events in arrival order; `next()` awaits the next one not yet taken. */
export class Inbox<T> {
  readonly all: T[] = [];
  private taken = 0;
  private waiting: (() => void)[] = [];

  push(item: T): void {
    this.all.push(item);
    for (const wake of this.waiting.splice(0)) wake();
  }

  /** Skips events until one passes `test`. */
  async until(test: (item: T) => boolean): Promise<T> {
    for (;;) {
      while (this.taken >= this.all.length) await new Promise<void>((r) => this.waiting.push(r));
      const item = this.all[this.taken++] as T;
      if (test(item)) return item;
    }
  }
}

export interface Payment {
  referenceId: string;
  sessionId: string;
}

export interface RealtimeRig {
  sim: SimulatorServer;
  client: ProxyClient;
  /** Paths the client asked the proxy for, in order. */
  calls: string[];
  /** A mobile-money payment of a new invoice through the proxy, PROCESSING for 90 s. */
  pay(): Promise<Payment>;
  /** `POST /__simulator/{path}` over HTTP. */
  control(path: string, body?: unknown): Promise<unknown>;
  /** `GET /__simulator/realtime`: the sockets and channels the simulator has open. */
  realtimeStatus(): Promise<{ sockets: number; channels: { reference_id: string }[] }>;
  close(): Promise<void>;
}

/** Starts the rig; `realtime: false` leaves the proxy's `realtime` setting null. */
export async function startRealtimeRig({ realtime = true } = {}): Promise<RealtimeRig> {
  const sim = await startSimulatorServer({ processingMs: 90_000 });
  // One source per payment: the proxy holds a source while a payment of it is in progress.
  const newSource = () =>
    sim.handler.control.createSource({ currency: "USD", items: [{ name: "Tea", amount: "5.00" }] });
  const partyId = Number(newSource().party_id);
  const transport = createNodeTransport();
  const errors: string[] = [];
  const anonKey = sim.realtime?.anonKey;
  if (!anonKey) throw new Error("the simulator started without realtime");
  const proxy = createDollrProxy({
    dollr: { baseUrl: sim.url, clientId: "sim_client_id", clientSecret: "sim_client_secret" },
    transport,
    resolveCustomer: () => ({ id: "ama", partyId }),
    authorizeSource: () => true,
    allowMemoryStores: true,
    rateLimits: { promptsPerPhone: null },
    // Quiet, but a proxy error is kept to explain a failed call.
    logger: { info() {}, warn() {}, error: (message) => errors.push(message) },
    realtime: realtime
      ? { provider: "supabase", url: sim.url, anon_key: anonKey, subscribe_ms: SUBSCRIBE_MS }
      : null,
  });
  const calls: string[] = [];
  const client = createProxyClient({
    baseUrl: BASE,
    // In process; no signal: the client races its own abort (see the kit harness).
    fetch: async (input, init) => {
      calls.push(new URL(input).pathname.slice("/api/dollr".length));
      return proxy(
        new Request(input, {
          method: init.method ?? "GET",
          headers: new Headers(init.headers),
          ...(typeof init.body === "string" ? { body: init.body } : {}),
        }),
      );
    },
  });
  const simulatorCall = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sim.url}/__simulator/${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.json();
  };
  return {
    sim,
    client,
    calls,
    async pay() {
      try {
        const wallet = await client.createPaymentAccount({
          type: "MOBILE_MONEY",
          phone: "231880000000",
          account_name: "Ama Kollie",
        });
        const source = newSource();
        const session = await client.createCheckoutSession({
          source_type: source.source_type,
          source_id: Number(source.source_id),
        });
        const referenceId = crypto.randomUUID();
        await client.executeCollection({
          session_id: session.id,
          payment_account_id: wallet.id,
          currency: "USD",
          reference_id: referenceId,
        });
        return { referenceId, sessionId: String(session.id) };
      } catch (error) {
        const logged = errors.join(", ") || "none";
        throw new Error(`the payment failed (proxy errors: ${logged})`, { cause: error });
      }
    },
    control: (path, body = {}) => simulatorCall("POST", path, body),
    realtimeStatus: () => simulatorCall("GET", "realtime"),
    async close() {
      await transport.close();
      await sim.close();
    },
  };
}

/** A `loadSupabase` with the real supabase-js over `ws`, keeping each client it makes. */
export function nodeSupabaseLoader(clients: SupabaseClient[]) {
  return async (): Promise<SupabaseModuleLike> => {
    const supabase = await import("@supabase/supabase-js");
    return {
      createClient(url, anonKey, options) {
        const client = supabase.createClient(url, anonKey, {
          ...options,
          realtime: { transport: WebSocket as never, reconnectAfterMs: () => 10 },
        });
        clients.push(client);
        return client;
      },
    };
  };
}
