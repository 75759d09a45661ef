// The real @supabase/supabase-js client on the simulator, subscribed the way Dollr documents
// it (api-notes §2.5), with every change and state in inboxes. Not exported from the package.
import { createClient, type RealtimeChannel, type SupabaseClient } from "@supabase/supabase-js";
import WebSocket from "ws";
import { DEFAULT_REALTIME_ANON_KEY } from "./server.ts";
import { Inbox, type Payment } from "./test-helpers.ts";

/** A postgres_changes payload as supabase-js hands it over, tagged with its channel's reference. */
export interface StatusChange {
  eventType: string;
  schema: string;
  table: string;
  commit_timestamp: string;
  new: Partial<Record<string, string>>;
  old: Partial<Record<string, string>>;
  errors: unknown;
  ref: string;
}
export interface SubscribeState {
  status: string;
  error: Error | undefined;
}

export interface Watcher {
  supabase: SupabaseClient;
  /** What the `accessToken` callback answers; change it to refresh on the next heartbeat. */
  token: string;
  channels: RealtimeChannel[];
  /** Every change and subscribe state of every channel, tagged with the channel's reference. */
  changes: Inbox<StatusChange>;
  states: Inbox<SubscribeState & { ref: string }>;
  system: Inbox<Record<string, unknown>>;
  /** Subscribes one more channel, Dollr's way, for `payment` (its filter and topic). */
  follow(payment: Payment): RealtimeChannel;
  close(): Promise<void>;
}

export interface WatcherOptions {
  vsn?: "1.0.0" | "2.0.0";
  heartbeatIntervalMs?: number;
}

/** A supabase-js client on the simulator, authorised with `token` as Dollr's docs say. */
export async function watcher(
  url: string,
  token: string,
  options: WatcherOptions = {},
): Promise<Watcher> {
  const state = {} as Watcher;
  const supabase = createClient(url, DEFAULT_REALTIME_ANON_KEY, {
    accessToken: async () => state.token,
    realtime: {
      // Node 20 has no global WebSocket; browsers use theirs.
      transport: WebSocket as never,
      vsn: options.vsn ?? "2.0.0",
      reconnectAfterMs: () => 10,
      ...(options.heartbeatIntervalMs ? { heartbeatIntervalMs: options.heartbeatIntervalMs } : {}),
    },
  });
  Object.assign(state, {
    supabase,
    token,
    channels: [],
    changes: new Inbox(),
    states: new Inbox(),
    system: new Inbox(),
    follow(payment: Payment) {
      const ref = payment.referenceId;
      const channel = supabase
        .channel(`payment-intent:${payment.sessionId}:${ref}`)
        .on(
          "postgres_changes",
          {
            event: "*",
            schema: "public",
            table: "checkout_payment_intent_public_status",
            filter: `reference_id=eq.${ref}`,
          },
          (change) => state.changes.push({ ...(change as Omit<StatusChange, "ref">), ref }),
        )
        .on("system", {}, (payload) => state.system.push(payload))
        .subscribe((status, error) => state.states.push({ status, error, ref }));
      state.channels.push(channel);
      return channel;
    },
    close: () => supabase.removeAllChannels().then(() => undefined),
  });
  await supabase.realtime.setAuth(token);
  return state;
}
