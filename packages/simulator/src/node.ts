// The simulator as a Node HTTP server (Node only; the browser-safe handler is in "./index").
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { createRequestListener } from "@remix-run/node-fetch-server";
import { isCanonicalTarget } from "./canonical.ts";
import { LostResponseError } from "./errors.ts";
import type { SimulatorOptions } from "./options.ts";
import { answerRealtimeControl } from "./realtime/control.ts";
import {
  DEFAULT_REALTIME_ANON_KEY,
  REALTIME_LIMITS,
  RealtimeServer,
  type RealtimeStatus,
  refuseUpgrade,
} from "./realtime/server.ts";
import { createSimulator, type SimulatorHandler } from "./simulator.ts";

export {
  readSnapshotFile,
  type SnapshotSaver,
  type SnapshotSaverOptions,
  saveSnapshotOnChange,
  writeSnapshotFile,
} from "./persist.ts";
export { DEFAULT_REALTIME_ANON_KEY, REALTIME_LIMITS, type RealtimeStatus };

export interface SimulatorServerOptions extends SimulatorOptions {
  /** 0 picks a free port. Default 0. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** Slow-client limits (defaults: `SIMULATOR_SERVER_LIMITS`). */
  limits?: Partial<typeof SIMULATOR_SERVER_LIMITS>;
  /**
   * The Supabase Realtime stand-in at `/realtime/v1/websocket` (on by default): `false` turns it
   * off; `anonKey` is the key clients must send (default `DEFAULT_REALTIME_ANON_KEY`).
   */
  realtime?: false | { anonKey?: string; limits?: Partial<typeof REALTIME_LIMITS> };
}

/** The simulator's Supabase Realtime: SUPABASE_URL is the server's `url`, the anon key this one. */
export interface SimulatorRealtime {
  anonKey: string;
  /** Kills every realtime socket (as a dropped network); `refuse` also refuses new ones. */
  disconnectAll(options?: { refuse?: boolean }): number;
  /** Accepts new sockets again after `disconnectAll({ refuse: true })`. */
  accept(): void;
  status(): RealtimeStatus;
}

/** Options of `attachRealtime`. */
export interface AttachRealtimeOptions {
  /** The prefix the simulator's paths are under on that server ("" for none). */
  basePath?: string;
  /** The key clients must send (default `DEFAULT_REALTIME_ANON_KEY`). */
  anonKey?: string;
  limits?: Partial<typeof REALTIME_LIMITS>;
}

/** The Realtime stand-in on a server of your own (see `attachRealtime`). */
export interface AttachedRealtime extends SimulatorRealtime {
  /** The websocket path it takes upgrades on: `{basePath}/realtime/v1/websocket`. */
  path: string;
  /**
   * Answers the realtime controls (`GET /__simulator/realtime`, `POST …/disconnect`,
   * `POST …/accept`) and a plain GET of the websocket path (426); null for any other request.
   */
  answerControl(request: Request): Promise<Response | null>;
  /** Stops taking upgrades and closes every realtime socket. */
  close(): void;
}

/**
 * What `startSimulatorServer` does for its own server, for a Node server of yours that runs the
 * simulator in process (a demo app): the Supabase Realtime stand-in takes that server's upgrades
 * on its path. Upgrades for other paths are left to the server's other `upgrade` listeners (a
 * dev server's hot reload, say): refuse them yourself if nothing else takes them.
 */
export function attachRealtime(
  server: Server,
  handler: SimulatorHandler,
  options: AttachRealtimeOptions = {},
): AttachedRealtime {
  const basePath = (options.basePath ?? "").replace(/\/+$/, "");
  const realtime = new RealtimeServer({
    handler,
    basePath,
    ...(options.anonKey !== undefined ? { anonKey: options.anonKey } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (realtime.owns(req)) realtime.handleUpgrade(req, socket, head);
  };
  server.on("upgrade", onUpgrade);
  return {
    path: realtime.path,
    anonKey: realtime.anonKey,
    disconnectAll: (how) => realtime.disconnectAll(how),
    accept: () => realtime.accept(),
    status: () => realtime.status(),
    answerControl: (request) => answerRealtimeControl(realtime, basePath, request),
    close() {
      server.off("upgrade", onUpgrade);
      realtime.close();
    },
  };
}

/**
 * Node's defaults let a client hold a socket 300 s by sending its body slowly, and accept any
 * number of sockets: the simulator's server bounds both (ms, and sockets at once).
 */
export const SIMULATOR_SERVER_LIMITS = Object.freeze({
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
  maxConnections: 1_000,
});

export interface SimulatorServer {
  /** e.g. "http://127.0.0.1:4010", without a trailing slash. */
  url: string;
  port: number;
  handler: SimulatorHandler;
  /** Null when started with `realtime: false`. */
  realtime: SimulatorRealtime | null;
  /** Stops listening and ends every open connection at once. */
  close(): Promise<void>;
}

export async function startSimulatorServer(
  options: SimulatorServerOptions = {},
): Promise<SimulatorServer> {
  const {
    port = 0,
    host = "127.0.0.1",
    limits: given,
    realtime: realtimeOptions = {},
    ...simulatorOptions
  } = options;
  const limits = { ...SIMULATOR_SERVER_LIMITS, ...given };
  const handler = createSimulator(simulatorOptions);
  const basePath = (simulatorOptions.basePath ?? "").replace(/\/+$/, "");
  const realtime =
    realtimeOptions === false
      ? null
      : new RealtimeServer({ handler, basePath, ...realtimeOptions });
  const serverOptions = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: limits.checkIntervalMs,
  };
  const server = createServer(serverOptions, (req, res) => {
    // A target that reads as another path (`/x/%2e%2e/__simulator/…`) is no route; the
    // `Request` would see it already resolved.
    if (!isCanonicalTarget(req.url ?? "/")) {
      res.writeHead(404, { "content-type": "application/json", connection: "close" });
      res.end(JSON.stringify({ detail: "Not Found" }));
      return;
    }
    // Answered before its body was read: close, so the rest is not read as the next request.
    closeIfUnread(req, res);
    // One listener per request, so that a lost response can reach this request's socket.
    const listener = createRequestListener(
      async (request: Request) => {
        try {
          const early = realtime && (await answerRealtimeControl(realtime, basePath, request));
          return early || (await handler(request));
        } catch (error) {
          if (!(error instanceof LostResponseError)) throw error;
          // The operation is committed; the caller sees the connection drop with no answer.
          req.socket.destroy();
          return new Response(null, { status: 204 });
        }
      },
      {
        // The handler answers its own errors, so what reaches here is a request that could not be
        // turned into a `Request` at all (a malformed Host or target): the client's fault.
        onError: () => Response.json({ detail: "Bad Request" }, { status: 400 }),
      },
    );
    listener(req, res);
  });
  server.maxConnections = limits.maxConnections;
  server.on("upgrade", (req, socket, head) => {
    if (realtime?.owns(req)) realtime.handleUpgrade(req, socket, head);
    else refuseUpgrade(socket, 404, "Not Found");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostInUrl = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${hostInUrl}:${address.port}`,
    port: address.port,
    handler,
    realtime: realtime && {
      anonKey: realtime.anonKey,
      disconnectAll: (how) => realtime.disconnectAll(how),
      accept: () => realtime.accept(),
      status: () => realtime.status(),
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        realtime?.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * Makes an answer written before the request's body has arrived close the connection
 * (`Connection: close`): the rest of that body must not be read as the next request.
 */
function closeIfUnread(req: IncomingMessage, res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (!req.complete) res.shouldKeepAlive = false;
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.writeHead;
}
