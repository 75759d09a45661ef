// The simulator as a Node HTTP server (Node only; the browser-safe handler is in "./index").
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequestListener } from "@remix-run/node-fetch-server";
import { LostResponseError } from "./errors.ts";
import type { SimulatorOptions } from "./options.ts";
import { createSimulator, type SimulatorHandler } from "./simulator.ts";

export {
  readSnapshotFile,
  type SnapshotSaver,
  type SnapshotSaverOptions,
  saveSnapshotOnChange,
  writeSnapshotFile,
} from "./persist.ts";

export interface SimulatorServerOptions extends SimulatorOptions {
  /** 0 picks a free port. Default 0. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
}

export interface SimulatorServer {
  /** e.g. "http://127.0.0.1:4010", without a trailing slash. */
  url: string;
  port: number;
  handler: SimulatorHandler;
  /** Stops listening and ends every open connection at once. */
  close(): Promise<void>;
}

export async function startSimulatorServer(
  options: SimulatorServerOptions = {},
): Promise<SimulatorServer> {
  const { port = 0, host = "127.0.0.1", ...simulatorOptions } = options;
  const handler = createSimulator(simulatorOptions);
  const server = createServer((req, res) => {
    // One listener per request, so that a lost response can reach this request's socket.
    const listener = createRequestListener(
      async (request: Request) => {
        try {
          return await handler(request);
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
