/**
 * The Node transport: the proxy's calls to Dollr on `node:http` / `node:https` with keep-alive
 * agents, the call and the answer as plain data. Node's `fetch` builds a `Request`, `Headers`, a
 * `Response` and web streams for every call, which on loopback costs more than all the rest of
 * the proxy's own work.
 *
 * Same contract as the fetch transport: one timer covers connecting, sending and the whole
 * answer; redirects are answers (never followed); anything that may have reached Dollr without
 * an answer read in full is an `UpstreamFailure` (`timeout` or `network`), never retried, except
 * a replayable call (a read, the token) on a kept-alive connection the server had already closed.
 */
import {
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest, type RequestOptions } from "node:https";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import {
  type AnswerHeaders,
  type DollrTransport,
  FAILURE_MESSAGES,
  type UpstreamAnswer,
  UpstreamFailure,
  type UpstreamRequest,
} from "./transport.ts";

/** Options of `createNodeTransport`. */
export interface NodeTransportOptions {
  /** Most connections open to Dollr at once; more calls wait for one (in their time limit). Default 256. */
  maxSockets?: number;
  /** Most idle connections kept for reuse. Default 64. */
  maxFreeSockets?: number;
  /**
   * An idle connection is closed after this long, in ms. Default 4 000: under the 5 s of common
   * servers (uvicorn, Node), so the server rarely closes one just as a call goes out on it.
   */
  idleTimeoutMs?: number;
  /** The largest answer read, in bytes (decompressed); a larger one fails as `network`. Default 4 MiB. */
  maxResponseBytes?: number;
  /** Certificates to trust besides Node's (a staging Dollr behind a private CA). Always verified. */
  ca?: string | Buffer | Array<string | Buffer>;
}

/** A transport for `createDollrProxy({ transport })`. */
export interface NodeTransport extends DollrTransport {
  /** Closes idle connections now and the others once their calls end (on shutdown). */
  close(): void;
}

const DEFAULTS = {
  maxSockets: 256,
  maxFreeSockets: 64,
  idleTimeoutMs: 4_000,
  maxResponseBytes: 4 * 1024 * 1024,
};

// The peer closed a kept-alive connection (Node reports "socket hang up" as ECONNRESET too).
const CLOSED_BY_PEER = new Set(["ECONNRESET", "EPIPE"]);

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(value > 0)) throw new TypeError(`createNodeTransport: ${name} must be a positive number`);
  return value;
}

function answerHeaders(headers: IncomingHttpHeaders): AnswerHeaders {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/** The body's bytes as text, decompressed if Dollr compressed it anyway (none is asked for). */
function bodyText(bytes: Buffer, encoding: string | undefined, maxBytes: number): string {
  let plain = bytes;
  if (encoding !== undefined && encoding !== "identity") {
    const limit = { maxOutputLength: maxBytes };
    if (encoding === "gzip" || encoding === "x-gzip") plain = gunzipSync(bytes, limit);
    else if (encoding === "deflate") plain = inflateSync(bytes, limit);
    else if (encoding === "br") plain = brotliDecompressSync(bytes, limit);
    else throw new Error("unsupported content-encoding");
  }
  const text = plain.toString("utf8");
  // As `Response.text()`: a byte order mark is not part of the text.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** What every exchange of one transport shares. */
interface Pool {
  http: HttpAgent;
  https: HttpsAgent;
  tls: Pick<RequestOptions, "ca">;
  maxResponseBytes: number;
  inFlight: number;
  closing: boolean;
}

function closeConnections(pool: Pool): void {
  pool.http.destroy();
  pool.https.destroy();
}

const cutOff = () => new UpstreamFailure("network", FAILURE_MESSAGES.cutOff);

/** One call: at most two requests (a replay on a new connection), one timer, one outcome. */
class Exchange {
  private current: ClientRequest | undefined;
  private settled = false;
  private readonly timer: ReturnType<typeof setTimeout>;

  constructor(
    private readonly call: UpstreamRequest,
    private readonly pool: Pool,
    private readonly resolve: (answer: UpstreamAnswer) => void,
    private readonly reject: (failure: UpstreamFailure) => void,
  ) {
    this.timer = setTimeout(
      () => this.fail(new UpstreamFailure("timeout", FAILURE_MESSAGES.timeout(call.timeoutMs))),
      call.timeoutMs,
    );
  }

  send(freshConnection: boolean): void {
    const { call, pool } = this;
    const { url, body } = call;
    const secure = url.protocol === "https:";
    let answered = false;
    let req: ClientRequest;
    try {
      if (!secure && url.protocol !== "http:") throw new TypeError("not an http(s) URL");
      const host = url.hostname;
      req = (secure ? httpsRequest : httpRequest)(
        {
          // `[::1]` in a URL, `::1` to connect to.
          hostname: host.startsWith("[") ? host.slice(1, -1) : host,
          port: url.port || (secure ? 443 : 80),
          path: `${url.pathname}${url.search}`,
          method: call.method,
          headers:
            body === undefined
              ? call.headers
              : { ...call.headers, "content-length": `${Buffer.byteLength(body, "utf8")}` },
          // The one replay goes on a new connection: the other idle ones may be stale too.
          agent: freshConnection ? false : secure ? pool.https : pool.http,
          ...pool.tls,
        },
        (res) => {
          answered = true;
          this.read(res);
        },
      );
    } catch {
      // A header Node refuses, a URL it cannot use: nothing was sent.
      this.fail(new UpstreamFailure("network", FAILURE_MESSAGES.network));
      return;
    }
    this.current = req;
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (this.settled || req !== this.current) return;
      // A kept-alive connection the server had closed before any answer: only a call that is
      // safe to repeat goes once more (an execute never: Dollr may have acted on it).
      if (
        call.replayable &&
        !freshConnection &&
        !answered &&
        req.reusedSocket &&
        CLOSED_BY_PEER.has(error.code ?? "")
      ) {
        this.send(true);
        return;
      }
      this.fail(answered ? cutOff() : new UpstreamFailure("network", FAILURE_MESSAGES.network));
    });
    // A string goes out in one write with the head (a buffer would take a second one).
    if (body === undefined) req.end();
    else req.end(body, "utf8");
  }

  private read(res: IncomingMessage): void {
    const limit = this.pool.maxResponseBytes;
    if (Number(res.headers["content-length"]) > limit) {
      this.fail(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    res.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) this.fail(tooLarge(limit));
      else chunks.push(chunk);
    });
    res.on("end", () => {
      if (this.settled) return;
      let text: string;
      try {
        const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
        text = bodyText(bytes, res.headers["content-encoding"], limit);
      } catch {
        this.fail(cutOff());
        return;
      }
      this.finish();
      this.resolve({ status: res.statusCode ?? 0, headers: answerHeaders(res.headers), text });
    });
    // The connection dropped mid-answer. (Anything else that stalls an answer meets the timer.)
    res.on("error", () => this.fail(cutOff()));
  }

  private fail(failure: UpstreamFailure): void {
    if (this.settled) return;
    this.finish();
    // Not reused: the connection's state (a half-read answer, a stalled peer) is unknown.
    this.current?.destroy();
    this.reject(failure);
  }

  private finish(): void {
    this.settled = true;
    clearTimeout(this.timer);
    const { pool } = this;
    pool.inFlight -= 1;
    if (pool.closing && pool.inFlight === 0) closeConnections(pool);
  }
}

function tooLarge(limit: number): UpstreamFailure {
  return new UpstreamFailure("network", `Dollr's answer is larger than ${limit} bytes`);
}

/**
 * Creates the Node transport. One per proxy (or per process): it owns the keep-alive agents.
 *
 * @example
 * const proxy = createDollrProxy({ ...options, transport: createNodeTransport() });
 */
export function createNodeTransport(options: NodeTransportOptions = {}): NodeTransport {
  const agentOptions = {
    keepAlive: true,
    maxSockets: positive("maxSockets", options.maxSockets, DEFAULTS.maxSockets),
    maxFreeSockets: positive("maxFreeSockets", options.maxFreeSockets, DEFAULTS.maxFreeSockets),
    // An idle connection is closed after this long (Node's agent applies it to free sockets).
    timeout: positive("idleTimeoutMs", options.idleTimeoutMs, DEFAULTS.idleTimeoutMs),
    scheduling: "lifo" as const,
  };
  const tls: Pick<RequestOptions, "ca"> = options.ca === undefined ? {} : { ca: options.ca };
  const pool: Pool = {
    http: new HttpAgent(agentOptions),
    https: new HttpsAgent({ ...agentOptions, ...tls }),
    tls,
    maxResponseBytes: positive(
      "maxResponseBytes",
      options.maxResponseBytes,
      DEFAULTS.maxResponseBytes,
    ),
    inFlight: 0,
    closing: false,
  };
  return {
    exchange(call) {
      pool.inFlight += 1;
      return new Promise<UpstreamAnswer>((resolve, reject) => {
        new Exchange(call, pool, resolve, reject).send(false);
      });
    },
    close() {
      pool.closing = true;
      if (pool.inFlight === 0) closeConnections(pool);
    },
  };
}
