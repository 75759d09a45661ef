/**
 * Slow-client limits for the Node servers the kit bundles (`createProxyServer`, `pnpm proxy`,
 * the simulator's server), and for a merchant's own `http.Server` (`applyServerLimits`). Node's
 * defaults let a client hold a socket for 300 s by sending a body slowly (or not at all) and
 * accept any number of sockets; these bound both.
 */
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from "node:http";

/** The limits; every field in ms except `maxConnections`. */
export interface ServerLimits {
  /** The request's headers must arrive within this (Node's `headersTimeout`). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this (`requestTimeout`): 408, closed. */
  requestTimeoutMs: number;
  /** An idle keep-alive socket is closed after this (`keepAliveTimeout`). */
  keepAliveTimeoutMs: number;
  /** How often Node checks the two deadlines above (`connectionsCheckingInterval`). */
  checkIntervalMs: number;
  /** Sockets open at once; more are refused (closed at once) (`maxConnections`). */
  maxConnections: number;
}

/** The defaults (README "Limits"): the kit's bodies are at most 16 KiB. */
export const DEFAULT_SERVER_LIMITS: Readonly<ServerLimits> = Object.freeze({
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
  maxConnections: 1_000,
});

function resolve(limits: Partial<ServerLimits>): ServerLimits {
  const all = { ...DEFAULT_SERVER_LIMITS, ...limits };
  for (const [name, value] of Object.entries(all)) {
    if (!(Number.isFinite(value) && value > 0)) {
      throw new TypeError(`server limits: ${name} must be a positive number`);
    }
  }
  if (all.headersTimeoutMs > all.requestTimeoutMs) {
    throw new TypeError("server limits: headersTimeoutMs must not exceed requestTimeoutMs");
  }
  return all;
}

/** `http.createServer` options with the limits (the check interval can only be set here). */
export function serverOptions(limits: Partial<ServerLimits> = {}): ServerOptions {
  const all = resolve(limits);
  return {
    headersTimeout: all.headersTimeoutMs,
    requestTimeout: all.requestTimeoutMs,
    keepAliveTimeout: all.keepAliveTimeoutMs,
    connectionsCheckingInterval: all.checkIntervalMs,
  };
}

/**
 * Sets the limits on a server already made (a merchant's own). Node reads the check interval only
 * when the server is made: make it with `serverOptions()` for deadlines checked every second
 * rather than every 30 s.
 */
export function applyServerLimits<S extends Server>(
  server: S,
  limits: Partial<ServerLimits> = {},
): S {
  const all = resolve(limits);
  server.headersTimeout = all.headersTimeoutMs;
  server.requestTimeout = all.requestTimeoutMs;
  server.keepAliveTimeout = all.keepAliveTimeoutMs;
  server.maxConnections = all.maxConnections;
  return server;
}

/** An `http.Server` for a request listener, with the limits. */
export function createLimitedServer(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  limits: Partial<ServerLimits> = {},
): Server {
  return applyServerLimits(createServer(serverOptions(limits), listener), limits);
}
