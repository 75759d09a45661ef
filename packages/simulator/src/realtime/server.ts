// The simulator's stand-in for Dollr's Supabase Realtime project (Node only): a Phoenix websocket
// at /realtime/v1/websocket that `@supabase/supabase-js` connects to with the simulator's origin
// as SUPABASE_URL, serving postgres_changes on the collection status table.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import { isCanonicalTarget } from "../canonical.ts";
import { referenceKey } from "../executions.ts";
import { verifyRealtimeToken } from "../realtime-keys.ts";
import { type SimulatorHandler, worldOf } from "../simulator.ts";
import { StatusFeed } from "./feed.ts";
import { DEFAULT_VSN, encodeFrame, isVsn, type Vsn } from "./protocol.ts";
import { type Authorization, type ChannelSummary, RealtimeSession } from "./session.ts";

/** The anon key the simulator's Realtime accepts unless told another (`realtime: { anonKey }`). */
export const DEFAULT_REALTIME_ANON_KEY = "sim_supabase_anon_key";

export const REALTIME_PATH = "/realtime/v1/websocket";

export const REALTIME_LIMITS = Object.freeze({
  /** Largest frame accepted, bytes. */
  maxPayloadBytes: 64 * 1024,
  maxChannelsPerSocket: 100,
  /** A socket that sends nothing (not even a heartbeat) this long is closed, as Phoenix does. */
  idleTimeoutMs: 60_000,
});

export interface RealtimeServerOptions {
  handler: SimulatorHandler;
  /** The prefix the simulator is mounted under ("" for none). */
  basePath?: string;
  anonKey?: string;
  limits?: Partial<typeof REALTIME_LIMITS>;
}

/** What `GET /__simulator/realtime` answers (no tokens). */
export interface RealtimeStatus {
  /** False after `disconnectAll({ refuse: true })`: new sockets are refused (503). */
  accepting: boolean;
  /** Open sockets (one closing is not counted). */
  sockets: number;
  /** The channels joined on open sockets. */
  channels: ChannelSummary[];
}

export class RealtimeServer {
  readonly path: string;
  private readonly wss: WebSocketServer;
  private readonly feed: StatusFeed;
  private readonly sessions = new Map<WebSocket, RealtimeSession>();
  readonly anonKey: string;
  private readonly limits: typeof REALTIME_LIMITS;
  private readonly stopListening: () => void;
  private accepting = true;
  private bindingIds = 0;

  constructor(private readonly options: RealtimeServerOptions) {
    this.path = `${options.basePath ?? ""}${REALTIME_PATH}`;
    this.anonKey = options.anonKey ?? DEFAULT_REALTIME_ANON_KEY;
    this.limits = { ...REALTIME_LIMITS, ...options.limits };
    const world = worldOf(options.handler);
    this.feed = new StatusFeed(world);
    // Every request and control call may have moved a status: re-read in that same turn.
    this.stopListening = options.handler.control.onChange(() => this.feed.check());
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.limits.maxPayloadBytes,
      perMessageDeflate: false,
    });
  }

  /** Whether an upgrade request is for this server (others get a 404 from the caller). */
  owns(req: IncomingMessage): boolean {
    const target = req.url ?? "/";
    return isCanonicalTarget(target) && new URL(target, "http://x.invalid").pathname === this.path;
  }

  /** Takes an HTTP upgrade for `this.path`: checks the apikey and vsn, then speaks Phoenix. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://x.invalid");
    const vsn = url.searchParams.get("vsn") ?? DEFAULT_VSN;
    const refusal = this.refusal(url.searchParams.get("apikey") ?? headerValue(req, "apikey"));
    if (refusal) refuseUpgrade(socket, ...refusal);
    else if (!isVsn(vsn)) refuseUpgrade(socket, 400, "vsn must be 1.0.0 or 2.0.0");
    else this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, vsn));
  }

  private refusal(apikey: string | null): [status: number, detail: string] | null {
    if (!this.accepting) return [503, "Realtime is disconnected by the simulator's control"];
    if (apikey === null || apikey === "") return [403, "apikey is required"];
    if (apikey !== this.anonKey) return [403, "Invalid apikey"];
    return null;
  }

  /** Kills every socket at once (no close frame, as a dropped network); answers how many. */
  disconnectAll(options: { refuse?: boolean } = {}): number {
    if (options.refuse) this.accepting = false;
    const count = this.sessions.size;
    for (const ws of [...this.sessions.keys()]) ws.terminate();
    return count;
  }

  /** Accepts new sockets again after `disconnectAll({ refuse: true })`. */
  accept(): void {
    this.accepting = true;
  }

  status(): RealtimeStatus {
    const open = [...this.sessions].filter(([ws]) => ws.readyState === ws.OPEN);
    return {
      accepting: this.accepting,
      sockets: open.length,
      channels: open.flatMap(([, session]) => session.describe()),
    };
  }

  close(): void {
    this.stopListening();
    this.disconnectAll({ refuse: true });
    this.feed.close();
    this.wss.close();
  }

  private open(ws: WebSocket, vsn: Vsn): void {
    const session = new RealtimeSession(
      {
        send: (frame) => {
          if (ws.readyState === ws.OPEN) ws.send(encodeFrame(vsn, frame));
        },
        close: (code, reason) => ws.close(code, reason),
      },
      {
        feed: this.feed,
        authorize: (token) => this.authorize(token),
        nextBindingId: () => {
          this.bindingIds += 1;
          return this.bindingIds;
        },
        maxChannels: this.limits.maxChannelsPerSocket,
      },
      vsn,
    );
    this.sessions.set(ws, session);
    const idle = setTimeout(() => ws.terminate(), this.limits.idleTimeoutMs);
    idle.unref();
    ws.on("message", (data, isBinary) => {
      idle.refresh();
      // Binary frames are vsn 2.0.0 broadcasts, which the simulator does not serve.
      if (isBinary) return;
      session.receive(data.toString()).catch((error: unknown) => {
        console.error("dollr-simulator: a realtime frame failed", error);
        ws.close(1011, "Internal error");
      });
    });
    ws.on("error", () => ws.terminate());
    ws.on("close", () => {
      clearTimeout(idle);
      session.dispose();
      this.sessions.delete(ws);
    });
  }

  private async authorize(token: string): Promise<Authorization> {
    const { control } = this.options.handler;
    const check = await verifyRealtimeToken(control.realtimeJwtSecret(), token, control.now());
    if (!check.ok) {
      const reasons = {
        malformed: "MalformedJWT: The token provided is not a valid JWT",
        signature: "JwtSignatureError: Failed to validate JWT signature",
        expired: "InvalidJWTToken: Token has expired",
      } as const;
      return { ok: false, reason: reasons[check.reason] };
    }
    const { claims } = check;
    return {
      ok: true,
      grant: {
        referenceId: referenceKey(claims.reference_id),
        sessionId: String(claims.session_id),
        expiresAt: claims.exp * 1000,
      },
    };
  }
}

function headerValue(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === "string" ? value : null;
}

/** Answers an upgrade with a plain HTTP error and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, detail: string): void {
  const body = JSON.stringify({ detail });
  const text: Record<number, string> = {
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    503: "Service Unavailable",
  };
  socket.end(
    `HTTP/1.1 ${status} ${text[status] ?? "Error"}\r\n` +
      "content-type: application/json\r\n" +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      "connection: close\r\n\r\n" +
      body,
  );
}
