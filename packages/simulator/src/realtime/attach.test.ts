// `attachRealtime`: the Realtime stand-in on a Node server of the host's own (the simulator in
// process), over 127.0.0.1: supabase-js subscribes and gets the change when the clock moves, the
// controls answer through `answerControl`, other upgrades are left to the host, and `close`
// detaches.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { attachRealtime, DEFAULT_REALTIME_ANON_KEY } from "../node.ts";
import { createSimulator, type SimulatorHandler } from "../simulator.ts";
import { FROZEN_NOW, TestClient } from "../test-helpers.ts";
import { collect, realtimeKey } from "./test-helpers.ts";
import { type Watcher, watcher } from "./test-supabase.ts";

interface Host {
  server: Server;
  handler: SimulatorHandler;
  client: TestClient;
  url: string;
}

const hosts: Host[] = [];
const watchers: Watcher[] = [];
afterEach(async () => {
  await Promise.all(watchers.splice(0).map((watching) => watching.close()));
  for (const host of hosts.splice(0)) {
    host.server.closeAllConnections();
    await new Promise((resolve) => host.server.close(resolve));
  }
});

/** A plain node:http server of "the host app" that hands every request to the simulator. */
async function hostApp(): Promise<Host> {
  const handler = createSimulator({ clock: { now: () => FROZEN_NOW } });
  const server = createServer((req, res) => {
    const url = `http://${req.headers.host}${req.url}`;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      void handler(
        new Request(url, { method: req.method, headers: req.headers as HeadersInit, body }),
      ).then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new TestClient(url);
  client.token = handler.control.issueToken();
  const host = { server, handler, client, url };
  hosts.push(host);
  return host;
}

/** The HTTP status an upgrade to `path` is answered with (101 when it is taken). */
function upgradeStatus(url: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, "ws")}${path}`, { handshakeTimeout: 5_000 });
    ws.on("open", () => {
      ws.terminate();
      resolve(101);
    });
    ws.on("unexpected-response", (_request, response) => {
      ws.terminate();
      resolve(response.statusCode ?? 0);
    });
    ws.on("error", reject);
  });
}

describe("attachRealtime", () => {
  it("serves supabase-js on the host's server: subscribed, then the UPDATE when the clock moves", async () => {
    const host = await hostApp();
    const realtime = attachRealtime(host.server, host.handler);
    expect(realtime.path).toBe("/realtime/v1/websocket");
    expect(realtime.anonKey).toBe(DEFAULT_REALTIME_ANON_KEY);

    const payment = await collect(host.client);
    const watching = await watcher(host.url, await realtimeKey(host.client, payment));
    watchers.push(watching);
    watching.follow(payment);
    expect(await watching.states.next()).toMatchObject({ status: "SUBSCRIBED" });
    expect(realtime.status()).toMatchObject({
      accepting: true,
      sockets: 1,
      channels: [{ reference_id: payment.referenceId }],
    });

    await host.client.advance(90_000);
    expect(await watching.changes.next()).toMatchObject({
      eventType: "UPDATE",
      new: { reference_id: payment.referenceId, status: "COMPLETED" },
    });
  });

  it("answers the realtime controls, and nothing else", async () => {
    const host = await hostApp();
    const realtime = attachRealtime(host.server, host.handler);
    const status = await realtime.answerControl(
      new Request(`${host.url}/__simulator/realtime`, { method: "GET" }),
    );
    expect(status?.status).toBe(200);
    expect(await status?.json()).toEqual({ accepting: true, sockets: 0, channels: [] });

    const refused = await realtime.answerControl(
      new Request(`${host.url}/__simulator/realtime/disconnect`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ refuse: true }),
      }),
    );
    expect(await refused?.json()).toMatchObject({ disconnected: 0, accepting: false });
    expect(await upgradeStatus(host.url, `${realtime.path}?apikey=${realtime.anonKey}`)).toBe(503);
    realtime.accept();
    expect(await upgradeStatus(host.url, `${realtime.path}?apikey=${realtime.anonKey}`)).toBe(101);

    const plainGet = await realtime.answerControl(new Request(`${host.url}${realtime.path}`));
    expect(plainGet?.status).toBe(426);
    expect(await realtime.answerControl(new Request(`${host.url}/__simulator/ledger`))).toBeNull();
  });

  it("leaves other paths' upgrades to the host, and close() detaches", async () => {
    const host = await hostApp();
    // The host's own websocket (a dev server's hot reload, say) on another path.
    host.server.on("upgrade", (req, socket) => {
      if (req.url?.startsWith("/hmr")) socket.end("HTTP/1.1 418 I'm a teapot\r\n\r\n");
    });
    const realtime = attachRealtime(host.server, host.handler, { anonKey: "another_key" });
    expect(await upgradeStatus(host.url, "/hmr")).toBe(418);
    expect(await upgradeStatus(host.url, `${realtime.path}?apikey=sim_supabase_anon_key`)).toBe(
      403,
    );
    expect(await upgradeStatus(host.url, `${realtime.path}?apikey=another_key`)).toBe(101);

    realtime.close();
    expect(host.server.listenerCount("upgrade")).toBe(1);
  });
});
