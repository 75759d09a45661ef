/**
 * One stretch of listening for one payment, the way Dollr documents it (api-notes §2.5): a key
 * from the proxy, supabase-js loaded, a client that authenticates with the key, and the
 * payment's channel with its `postgres_changes` binding. Any failure ends it quietly with a
 * reason; `close` removes the channel and closes the socket, whatever stage it reached.
 */
import type { KeySource } from "./key-source.ts";
import type {
  RealtimeFallbackReason,
  SupabaseChannelLike,
  SupabaseClientLike,
  SupabaseModuleLike,
} from "./types.ts";

/** Dollr's table of public payment statuses (the row's shape is undocumented: read it as a hint). */
export const STATUS_TABLE = "checkout_payment_intent_public_status";

export interface RealtimeSessionOptions {
  /** The proxy's `realtime.url` and `realtime.anon_key`. */
  url: string;
  anonKey: string;
  referenceId: string;
  sessionId: string | number;
  keys: KeySource;
  loadSupabase: () => Promise<SupabaseModuleLike>;
  onSubscribed: () => void;
  onHint: () => void;
  /** Called at most once, and never after `close`. The session is closed by then. */
  onFallback: (reason: RealtimeFallbackReason) => void;
}

export interface RealtimeSession {
  close(): void;
}

/** The subscribe states that end the hints (supabase-js reconnects on its own otherwise). */
const ENDING_STATES: Record<string, RealtimeFallbackReason> = {
  CHANNEL_ERROR: "channel_error",
  TIMED_OUT: "timed_out",
  CLOSED: "closed",
};

const ignore = () => {};

export function openRealtimeSession(options: RealtimeSessionOptions): RealtimeSession {
  const { referenceId, keys } = options;
  let closed = false;
  let supabase: SupabaseClientLike | null = null;
  let channel: SupabaseChannelLike | null = null;

  function close() {
    if (closed) return;
    closed = true;
    const client = supabase;
    if (!client) return;
    const disconnect = () => void client.realtime.disconnect().catch(ignore);
    // Leave the channel (a dead socket answers at once), then close the socket for good, so
    // supabase-js neither reconnects nor rejoins.
    if (channel) void client.removeChannel(channel).catch(ignore).finally(disconnect);
    else disconnect();
  }

  function fallback(reason: RealtimeFallbackReason) {
    if (closed) return;
    close();
    options.onFallback(reason);
  }

  async function start() {
    let token: string;
    try {
      token = await keys.current();
    } catch {
      return fallback("key_failed");
    }
    if (closed) return;
    let module: SupabaseModuleLike;
    try {
      module = await options.loadSupabase();
    } catch {
      return fallback("load_failed");
    }
    if (closed) return;
    try {
      supabase = module.createClient(options.url, options.anonKey, {
        // Asked on connect and on every heartbeat: a key near its expiry is replaced in time.
        accessToken: () => keys.current(),
      });
      await supabase.realtime.setAuth(token);
      // Closed meanwhile: `close` has already closed this client.
      if (closed) return;
      channel = supabase
        .channel(`payment-intent:${options.sessionId}:${referenceId}`)
        .on(
          "postgres_changes",
          {
            event: "*",
            schema: "public",
            table: STATUS_TABLE,
            filter: `reference_id=eq.${referenceId}`,
          },
          // The row is not read: whatever changed, the status API says what it means.
          () => {
            if (!closed) options.onHint();
          },
        )
        .subscribe((status) => {
          if (closed) return;
          if (status === "SUBSCRIBED") options.onSubscribed();
          const reason = ENDING_STATES[status];
          if (reason) fallback(reason);
        });
    } catch {
      fallback("client_failed");
    }
  }

  // `close` may come before `start` made the client: `start` checks `closed` after each step.
  void start();
  return { close };
}
