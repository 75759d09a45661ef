// One websocket's Phoenix session: heartbeats, channel joins and leaves, token refreshes, and the
// status changes its channels are owed. Frames are handled one at a time, in order (a join waits
// for its token check), as a Phoenix socket process handles them.
import type { RowChange, StatusFeed, Watch } from "./feed.ts";
import { STATUS_COLUMNS } from "./feed.ts";
import {
  type Binding,
  checkGrant,
  type Grant,
  readJoin,
  STATUS_SCHEMA,
  STATUS_TABLE,
  wants,
} from "./join.ts";
import {
  decodeFrame,
  type Frame,
  PHOENIX_TOPIC,
  push,
  reply,
  TOPIC_PREFIX,
  type Vsn,
} from "./protocol.ts";

/** A verified grant, or why the token is refused (a Realtime-style "Code: message" reason). */
export type Authorization = { ok: true; grant: Grant } | { ok: false; reason: string };

export interface SessionDeps {
  feed: StatusFeed;
  authorize(token: string): Promise<Authorization>;
  /** Ids for bindings: unique across the server, as realtime-js matches them in `ids`. */
  nextBindingId(): number;
  /** Most channels one socket may join. */
  maxChannels: number;
}

export interface SessionWire {
  send(frame: Frame): void;
  /** Ends the socket (a frame that is not Phoenix JSON). */
  close(code: number, reason: string): void;
}

export interface ChannelSummary {
  topic: string;
  reference_id: string;
  token_expires_at: string;
}

interface Channel {
  topic: string;
  joinRef: string | null;
  accessToken: string;
  grant: Grant;
  bindings: Binding[];
  watch: Watch | null;
}

export class RealtimeSession {
  private readonly channels = new Map<string, Channel>();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly wire: SessionWire,
    private readonly deps: SessionDeps,
    private readonly vsn: Vsn,
  ) {}

  /** The joined channels, for the control surface (never their tokens). */
  describe(): ChannelSummary[] {
    return [...this.channels.values()].map((channel) => ({
      topic: channel.topic,
      reference_id: channel.grant.referenceId,
      token_expires_at: new Date(channel.grant.expiresAt).toISOString(),
    }));
  }

  /** Takes a text frame; answers when it (and every frame before it) has been handled. */
  receive(text: string): Promise<void> {
    const handled = this.queue.then(() => this.handle(text));
    // One frame's failure is reported by its caller; the frames after it still run in order.
    this.queue = handled.catch(() => undefined);
    return handled;
  }

  /** The socket is gone: stop every channel's watch. */
  dispose(): void {
    this.closed = true;
    for (const channel of this.channels.values()) channel.watch?.stop();
    this.channels.clear();
  }

  private send(frame: Frame): void {
    if (!this.closed) this.wire.send(frame);
  }

  private async handle(text: string): Promise<void> {
    if (this.closed) return;
    const decoded = decodeFrame(this.vsn, text);
    if (!decoded.ok) {
      this.wire.close(1007, `Invalid Phoenix frame: ${decoded.reason}`);
      return;
    }
    const frame = decoded.frame;
    if (frame.topic === PHOENIX_TOPIC) {
      if (frame.event === "heartbeat") this.send(reply(frame, "ok", {}));
      else this.send(reply(frame, "error", { reason: "unmatched topic" }));
      return;
    }
    if (frame.event === "phx_join") return this.join(frame);
    const channel = this.channels.get(frame.topic);
    const current = channel && (frame.join_ref === null || frame.join_ref === channel.joinRef);
    if (frame.event === "phx_leave") {
      if (current) this.drop(frame.topic);
      this.send(reply(frame, "ok", {}));
      return;
    }
    if (!current) {
      this.send(reply(frame, "error", { reason: "unmatched topic" }));
      return;
    }
    if (frame.event === "access_token") return this.refresh(channel, frame.payload.access_token);
    // Broadcast and presence are not simulated: like Realtime, ignore what is not understood.
  }

  private async join(frame: Frame): Promise<void> {
    const refuse = (reason: string) => this.send(reply(frame, "error", { reason }));
    if (!frame.topic.startsWith(TOPIC_PREFIX)) return refuse("unmatched topic");
    const subTopic = frame.topic.slice(TOPIC_PREFIX.length);
    if (subTopic === "") return refuse("TopicNameRequired: You must provide a topic name");
    // A second join of a joined topic replaces the first, which Phoenix closes.
    if (this.channels.has(frame.topic)) this.close(frame.topic);
    if (this.channels.size >= this.deps.maxChannels)
      return refuse("ChannelRateLimitReached: Too many channels");
    const join = readJoin(frame.payload);
    if (!join.ok) return refuse(join.reason);
    const { accessToken } = join.value;
    if (accessToken === null || accessToken.startsWith("sb_"))
      return refuse(
        "InvalidJWTToken: an access_token from POST /v1/realtime-keys/collection is required",
      );
    const authorization = await this.deps.authorize(accessToken);
    if (this.closed) return;
    if (!authorization.ok) return refuse(authorization.reason);
    const granted = checkGrant(subTopic, join.value, authorization.grant);
    if (!granted.ok) return refuse(granted.reason);

    const bindings = join.value.bindings.map((binding) => ({
      ...binding,
      id: this.deps.nextBindingId(),
    }));
    const channel: Channel = {
      topic: frame.topic,
      joinRef: frame.join_ref ?? frame.ref,
      accessToken,
      grant: authorization.grant,
      bindings,
      watch: null,
    };
    this.channels.set(frame.topic, channel);
    this.send(reply(frame, "ok", { postgres_changes: bindings }));
    if (join.value.presence) this.send(push(channel.topic, channel.joinRef, "presence_state", {}));
    if (bindings.length > 0)
      this.send(this.system(channel, "postgres_changes", "ok", "Subscribed to PostgreSQL"));
    // Watched after the reply, so that no change reaches the client before it has joined.
    channel.watch = this.deps.feed.watch({
      referenceId: authorization.grant.referenceId,
      expiresAt: authorization.grant.expiresAt,
      onChange: (change) => this.deliver(channel, change),
      onExpired: () => {
        channel.watch = null;
        this.shutdown(channel, "InvalidJWTToken: Token has expired");
      },
    });
  }

  private async refresh(channel: Channel, token: unknown): Promise<void> {
    // Realtime ignores a null, unchanged or API-key token.
    if (typeof token !== "string" || token === channel.accessToken || token.startsWith("sb_"))
      return;
    const authorization = await this.deps.authorize(token);
    if (this.channels.get(channel.topic) !== channel) return;
    if (!authorization.ok) return this.shutdown(channel, authorization.reason);
    const { grant } = authorization;
    if (
      grant.referenceId !== channel.grant.referenceId ||
      (grant.sessionId !== null && grant.sessionId !== channel.grant.sessionId)
    )
      return this.shutdown(
        channel,
        `You no longer have permission to read from this Channel topic: ${channel.topic.slice(TOPIC_PREFIX.length)}`,
      );
    channel.accessToken = token;
    channel.grant = grant;
    channel.watch?.setExpiry(grant.expiresAt);
  }

  private deliver(channel: Channel, change: RowChange): void {
    const ids = channel.bindings.filter((binding) => wants(binding, change.type)).map((b) => b.id);
    if (ids.length === 0) return;
    const data = {
      schema: STATUS_SCHEMA,
      table: STATUS_TABLE,
      commit_timestamp: change.commit_timestamp,
      type: change.type,
      record: change.record,
      old_record: change.old_record,
      columns: STATUS_COLUMNS,
      errors: null,
    };
    this.send(push(channel.topic, channel.joinRef, "postgres_changes", { ids, data }));
  }

  private system(channel: Channel, extension: string, status: string, message: string): Frame {
    const subTopic = channel.topic.slice(TOPIC_PREFIX.length);
    return push(channel.topic, channel.joinRef, "system", {
      extension,
      status,
      message,
      channel: subTopic,
    });
  }

  /** Realtime's channel shutdown: a `system` error, then `phx_close` (the client sees CLOSED). */
  private shutdown(channel: Channel, message: string): void {
    if (this.channels.get(channel.topic) !== channel) return;
    this.send(this.system(channel, "system", "error", message));
    this.close(channel.topic);
  }

  private close(topic: string): void {
    const channel = this.channels.get(topic);
    if (!channel) return;
    this.drop(topic);
    this.send(push(topic, channel.joinRef, "phx_close", {}));
  }

  private drop(topic: string): void {
    this.channels.get(topic)?.watch?.stop();
    this.channels.delete(topic);
  }
}
