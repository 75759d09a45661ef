/**
 * Node adapters: run the proxy on `node:http` (or https/http2), and inside Express or Connect;
 * and the Node transport toward Dollr (`node:http`/`node:https` instead of `fetch`).
 *
 * ```ts
 * import http from "node:http";
 * import { createNodeTransport, toNodeListener } from "@dollr-kit/server/node";
 * const proxy = createDollrProxy({ ...options, transport: createNodeTransport() });
 * http.createServer(toNodeListener(proxy)).listen(3000);
 * // Express: mount it before any body parser (it reads the raw body itself)
 * app.use(toNodeListener(proxy));
 * ```
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createRequest, sendResponse } from "@remix-run/node-fetch-server";
import { isCanonicalTarget } from "./canonical-path.ts";
import { plainAnswer, REPLY, type Reply } from "./http.ts";
import { createLimitedServer, type ServerLimits } from "./node-server.ts";
import {
  type PublicOriginOptions,
  type PublicOriginSource,
  resolvePublicOrigin,
} from "./origins.ts";

export {
  applyServerLimits,
  createLimitedServer,
  DEFAULT_SERVER_LIMITS,
  type ServerLimits,
  serverOptions,
} from "./node-server.ts";

export {
  createNodeTransport,
  type NodeTransport,
  type NodeTransportOptions,
} from "./upstream/node-transport.ts";

/** A fetch handler, optionally with the prefix it serves (a `DollrProxy` has one). */
export type FetchHandler = ((request: Request) => Promise<Response>) & {
  readonly prefix?: string;
} & PublicOriginSource;

/**
 * Options of `toNodeListener`. `origin` and `trustProxy` default to the proxy's own
 * `publicOrigin` and `trustProxy` (as in the Next.js and Hono adapters).
 */
export interface NodeListenerOptions extends PublicOriginOptions {
  /**
   * Trust `X-Forwarded-Proto`/`X-Forwarded-Host`/`Forwarded` for the request URL (behind a TLS
   * terminating load balancer), so the proxy's own origin is seen as `https://…`. Only enable
   * behind a proxy that overwrites these headers. `origin` wins over them.
   */
  trustProxy?: boolean;
  /** The public host (and port), e.g. `shop.example`: wins over the `Host` header. Prefer `origin`. */
  host?: string;
  /** The public protocol, e.g. `https:`. Prefer `origin`. */
  protocol?: string;
}

/** A Node request listener; with Express/Connect, requests outside the prefix go to `next()`. */
export type NodeListener = (
  req: IncomingMessage & { originalUrl?: string },
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

// Methods the Fetch API cannot even represent: no route has them.
const UNREPRESENTABLE_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);

/** The path as a URL parser reads it (dot segments resolved, backslashes as slashes). */
function normalised(path: string): string {
  try {
    return new URL(path, "http://normalised.invalid").pathname;
  } catch {
    return path;
  }
}

function pathOf(url = "/"): string {
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}

/**
 * Wraps a fetch handler (the proxy) as a Node request listener for `http.createServer`, Express
 * (`app.use(listener)`; mounting at a path works too, as `originalUrl` is used) and Connect.
 */
export function toNodeListener(
  handler: FetchHandler,
  given: NodeListenerOptions = {},
): NodeListener {
  const options = listenerOptions(handler, given);
  const requestOptions = {
    ...(options.trustProxy ? { trustProxy: true } : {}),
    ...(options.host ? { host: options.host } : {}),
    ...(options.protocol ? { protocol: options.protocol } : {}),
  };
  // The proxy's own handler also answers plain replies: written straight to the socket, with no
  // `Response` built and read back through a stream.
  const replyOf = (handler as { [REPLY]?: (request: Request) => Promise<Reply> })[REPLY];
  return (req, res, next) => {
    // Express rewrites `req.url` under a mount path; the proxy matches the full path.
    if (req.originalUrl) req.url = req.originalUrl;
    const prefix = handler.prefix;
    // The prefix itself is the proxy's too (it answers the contract's 404 JSON there).
    const path = pathOf(req.url);
    const canonical = isCanonicalTarget(req.url ?? "/");
    const ours = (p: string) => prefix === undefined || p === prefix || p.startsWith(`${prefix}/`);
    // A target that normalises into the prefix is the proxy's too (and refused below).
    if (next && !ours(path) && (canonical || !ours(normalised(path)))) {
      next();
      return;
    }
    // An answer given before the body was read closes the socket: the rest of the body must not
    // be read as the next request on a kept-alive connection.
    closeIfUnread(req, res);
    void (async () => {
      let response: Response;
      // Before any route: a path that reads as another path (dot segments, `%2e`, backslashes,
      // doubled or encoded slashes) is no route (the fetch handler sees it already normalised).
      if (!canonical || UNREPRESENTABLE_METHODS.has((req.method ?? "").toUpperCase())) {
        await sendResponse(res, plainAnswer(404, "No such route")).catch(() => res.destroy());
        return;
      }
      try {
        const request = bodilessRequest(req, options) ?? createRequest(req, res, requestOptions);
        try {
          if (replyOf) {
            const reply = await replyOf(request);
            if (res.headersSent || res.destroyed) return;
            if (sendReply(req, res, reply)) return;
            throw new Error("The reply could not be written");
          }
          response = await handler(request);
        } catch {
          response = plainAnswer(500, "Something went wrong in the payment proxy");
        }
      } catch {
        // The request itself could not be read (a malformed Host, conflicting authorities).
        response = plainAnswer(400, "Malformed request");
      }
      if (res.headersSent || res.destroyed) return;
      await sendResponse(res, response).catch(() => res.destroy());
    })();
  };
}

/**
 * The listener's options with the public origin resolved as the fetch adapters resolve it
 * (`resolvePublicOrigin`): an `origin` becomes the request URL's host and protocol.
 */
function listenerOptions(handler: FetchHandler, given: NodeListenerOptions): NodeListenerOptions {
  const { origin, trustProxy } = resolvePublicOrigin(handler, given, "toNodeListener");
  if (origin === undefined) return { ...given, trustProxy };
  // The origin wins over forwarded headers: the URL is fixed (the proxy's own `trustProxy` still
  // reads `X-Forwarded-Host` for its host check).
  const url = new URL(origin);
  return { host: url.host, protocol: url.protocol };
}

/** Options of `createProxyServer`: the listener's, and the slow-client limits. */
export interface ProxyServerOptions extends NodeListenerOptions {
  limits?: Partial<ServerLimits>;
}

/**
 * An `http.Server` for the proxy with the slow-client limits (`DEFAULT_SERVER_LIMITS`: headers
 * in 10 s, the whole request in 15 s, 1,000 sockets): `createProxyServer(proxy).listen(3000)`.
 */
export function createProxyServer(handler: FetchHandler, options: ProxyServerOptions = {}): Server {
  const { limits, ...listenerOptions } = options;
  return createLimitedServer(toNodeListener(handler, listenerOptions), limits);
}

/**
 * A GET or HEAD over HTTP/1 with no forwarded headers to trust, as the `Request` `createRequest`
 * would make (same URL, method and headers) but without the abort signal it wires to the
 * response: half its cost on the proxy's busiest route (status reads). That signal is there to
 * cancel a body's stream, and these have no body; no route reads it. Null for anything else.
 */
function bodilessRequest(req: IncomingMessage, options: NodeListenerOptions): Request | null {
  if ((req.method !== "GET" && req.method !== "HEAD") || req.httpVersionMajor !== 1) return null;
  if (options.trustProxy) return null;
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const protocol = options.protocol || (encrypted ? "https:" : "http:");
  const host = options.host || (req.headers.host ?? "localhost");
  const headers: Record<string, string> = {};
  for (const name of Object.keys(req.headers)) {
    const value = req.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return new Request(`${protocol}//${host}${req.url}`, { method: req.method, headers });
}

/**
 * Writes a reply as `sendResponse` would a `Response` with the same status, headers and body,
 * except that the length is known: `Content-Length` rather than a chunked body. False when
 * nothing could be written (a header Node refuses), so the caller can still answer 500.
 */
function sendReply(req: IncomingMessage, res: ServerResponse, reply: Reply): boolean {
  const { body } = reply;
  const headers =
    body === null
      ? reply.headers
      : { ...reply.headers, "content-length": String(Buffer.byteLength(body, "utf8")) };
  try {
    if (req.httpVersionMajor === 1) res.writeHead(reply.status, "", headers);
    else res.writeHead(reply.status, headers);
  } catch {
    if (res.headersSent) res.destroy();
    return res.headersSent;
  }
  // A string goes out in one write with the head (a buffer would take a second one).
  if (body === null || req.method === "HEAD") res.end();
  else res.end(body, "utf8");
  return true;
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
