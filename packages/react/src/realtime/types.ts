/**
 * The public shapes of the realtime status hints. The parts of @supabase/supabase-js they use are
 * described here, not imported: supabase-js is an optional peer, so the kit's declarations must
 * type-check in an app that does not install it.
 */
import type { SourceType } from "@dollr-kit/core/internal";
import type { CheckoutHintsProps } from "./checkout-hints.ts";

/** A Realtime channel, as far as the hints use one (supabase-js's `RealtimeChannel` is one). */
export interface SupabaseChannelLike {
  on(
    type: "postgres_changes",
    filter: { event: "*"; schema: string; table: string; filter: string },
    callback: (payload: unknown) => void,
  ): SupabaseChannelLike;
  subscribe(callback?: (status: string, error?: Error) => void): SupabaseChannelLike;
}

/** A Supabase client, as far as the hints use one (supabase-js's `SupabaseClient` is one). */
export interface SupabaseClientLike {
  realtime: {
    setAuth(token?: string | null): Promise<void>;
    disconnect(code?: number, reason?: string): Promise<unknown>;
  };
  channel(name: string): SupabaseChannelLike;
  removeChannel(channel: SupabaseChannelLike): Promise<unknown>;
}

/** The options the hints create their client with. */
export interface SupabaseClientOptionsLike {
  /** Called on connect and on every heartbeat: answers the payment's current realtime key. */
  accessToken: () => Promise<string>;
}

/** What `loadSupabase` answers: `import("@supabase/supabase-js")` is one. */
export interface SupabaseModuleLike {
  createClient(
    url: string,
    anonKey: string,
    options: SupabaseClientOptionsLike,
  ): SupabaseClientLike;
}

/** Why the hints stopped before their window ended (polling carries on either way). */
export type RealtimeFallbackReason =
  /** The proxy gave no realtime key. */
  | "key_failed"
  /** `@supabase/supabase-js` could not be loaded (not installed, offline, an old chunk). */
  | "load_failed"
  /** The client could not be created or the channel set up. */
  | "client_failed"
  /** Realtime refused the join, or the connection dropped (`CHANNEL_ERROR`). */
  | "channel_error"
  /** No answer to the join in time (`TIMED_OUT`). */
  | "timed_out"
  /** Realtime closed the channel (`CLOSED`: the key expired, or was refused on refresh). */
  | "closed";

/** What the hints report through `onEvent`. Never a key or a token. */
export type RealtimeHintEvent =
  /** The channel is joined: status changes now arrive as hints. */
  | { type: "realtime"; phase: "subscribed" }
  /** A change arrived: the status query is read once more (at most once a second). */
  | { type: "realtime"; phase: "hint" }
  /** The hints stopped for good for this payment; polling carries on unchanged. */
  | { type: "realtime"; phase: "fallback"; reason: RealtimeFallbackReason };

/** Options of `useRealtimeStatusHints`. */
export interface RealtimeStatusHintsOptions {
  /** The payment's reference id (the engine's `attempt.referenceId`); nothing happens without it. */
  referenceId: string | null | undefined;
  /** Its checkout session id (`attempt.sessionId`). */
  sessionId: string | number | null | undefined;
  /** Its source's type (`source.type`). */
  sourceType: SourceType | null | undefined;
  /** True while the checkout waits on this payment's status (after the execute). */
  enabled: boolean;
  /**
   * How long to listen, in ms from the first render with `enabled` for this reference id, or
   * `"whole-wait"`: for as long as `enabled` stays true. Either way only while the page is
   * visible (hidden: the socket closes; visible again within the window: it opens again).
   * @default the proxy's `realtime.subscribe_ms` (Dollr suggests about 30 s)
   */
  listenWindow?: number | "whole-wait" | undefined;
  /** Told when the channel is joined, when a hint arrives, and when the hints give up. */
  onEvent?: ((event: RealtimeHintEvent) => void) | undefined;
  /**
   * Loads supabase-js; called only once `/kit/config` has `realtime` and the hints start.
   * @default the provider's `realtime` plug-in (`supabaseRealtime()`); without either, nothing
   */
  loadSupabase?: (() => Promise<SupabaseModuleLike>) | undefined;
}

/**
 * The realtime plug-in the provider takes as `realtime` (`supabaseRealtime()` makes one). It
 * carries the listening code itself, so a checkout without it loads none of it.
 */
export interface DollrRealtime {
  readonly kind: "dollr-kit:realtime";
  /** Loads supabase-js when a wait starts and the proxy has realtime on. */
  loadSupabase(): Promise<SupabaseModuleLike>;
  /**
   * Renders nothing; `<CheckoutFlow>` renders it with its engine: listens for the payment it
   * waits on, and slows polling while hints are live (`checkout-hints.ts`).
   */
  Hints(props: CheckoutHintsProps): null;
}
