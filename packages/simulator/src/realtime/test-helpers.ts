// Helpers for the realtime tests: a paid-for collection with its realtime key, a bare Phoenix
// websocket, and an inbox to await events in. Not exported from the package.
import WebSocket from "ws";
import type { TestClient } from "../test-helpers.ts";
import { DEFAULT_REALTIME_ANON_KEY } from "./server.ts";

/** Events in arrival order; `next()` awaits the next one not yet taken. */
export class Inbox<T> {
  readonly all: T[] = [];
  private taken = 0;
  private waiting: (() => void)[] = [];

  push(item: T): void {
    this.all.push(item);
    for (const wake of this.waiting.splice(0)) wake();
  }

  async next(): Promise<T> {
    while (this.taken >= this.all.length) await new Promise<void>((r) => this.waiting.push(r));
    this.taken += 1;
    return this.all[this.taken - 1] as T;
  }

  /** Skips events until one passes `test`. */
  async until(test: (item: T) => boolean): Promise<T> {
    for (;;) {
      const item = await this.next();
      if (test(item)) return item;
    }
  }
}

export interface Payment {
  referenceId: string;
  sessionId: number;
  clientSecret: string | null;
}

/**
 * A collection, PROCESSING until the clock or a call moves it: by mobile money (the phone's last
 * digit picks the outcome) or by a card (`pm_card_threeDSecure2Required` waits for 3DS).
 */
export async function collect(
  client: TestClient,
  account: { phone?: string; card?: string } = { phone: "231880000000" },
): Promise<Payment> {
  const paid = await client.pay(account);
  if (paid.answer.status !== 200) throw new Error(`execute: ${JSON.stringify(paid.answer.body)}`);
  return {
    referenceId: paid.referenceId,
    sessionId: paid.session.id,
    clientSecret: paid.answer.body.client_secret,
  };
}

/** `POST /v1/realtime-keys/collection` for a payment: its `access_token`. */
export async function realtimeKey(client: TestClient, payment: Payment): Promise<string> {
  const answer = await client.post("/v1/realtime-keys/collection", {
    session_id: payment.sessionId,
    source_type: "INVOICE",
    reference_id: payment.referenceId,
  });
  if (answer.status !== 200) throw new Error(`realtime key: ${JSON.stringify(answer.body)}`);
  return answer.body.access_token;
}

/** A bare websocket speaking Phoenix by hand, for the exact frames. */
export interface RawSocket {
  ws: WebSocket;
  /** Every text frame from the server, parsed. */
  frames: Inbox<unknown>;
  send(frame: unknown): void;
  closed: Promise<{ code: number; reason: string }>;
}

const ANON_QUERY = `apikey=${DEFAULT_REALTIME_ANON_KEY}`;

export function rawSocket(baseUrl: string, query = `${ANON_QUERY}&vsn=2.0.0`): Promise<RawSocket> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/realtime/v1/websocket?${query}`);
  const frames = new Inbox<unknown>();
  ws.on("message", (data) => frames.push(JSON.parse(data.toString())));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  return new Promise((resolve, reject) => {
    ws.once("open", () =>
      resolve({ ws, frames, send: (frame) => ws.send(JSON.stringify(frame)), closed }),
    );
    ws.once("error", reject);
  });
}

/** The HTTP status and body an upgrade is refused with. */
export function refusedUpgrade(url: string): Promise<{ status: number; body: unknown }> {
  const ws = new WebSocket(url.replace(/^http/, "ws"));
  return new Promise((resolve, reject) => {
    ws.once("open", () => reject(new Error("the upgrade was accepted")));
    ws.once("unexpected-response", (_request, response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => {
        text += chunk.toString();
      });
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }),
      );
    });
  });
}
