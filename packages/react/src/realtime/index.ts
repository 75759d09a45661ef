/**
 * Realtime status hints (optional): Supabase Realtime tells the checkout to read status now,
 * instead of at its next poll. Loaded only when the proxy's `/kit/config` has `realtime`.
 */
export { HINT_READ_INTERVAL_MS } from "./hint-reader.ts";
export type {
  DollrRealtime,
  RealtimeFallbackReason,
  RealtimeHintEvent,
  RealtimeStatusHintsOptions,
  SupabaseChannelLike,
  SupabaseClientLike,
  SupabaseClientOptionsLike,
  SupabaseModuleLike,
} from "./types.ts";
export { useRealtimeStatusHints } from "./useRealtimeStatusHints.ts";
