"use client";
/**
 * `@dollr-kit/react/realtime`: status hints through Supabase Realtime (optional). The only entry
 * that names `@supabase/supabase-js` (loaded with a dynamic `import()` when a wait starts and the
 * proxy's `/kit/config` has `realtime`). Give the plug-in to the provider:
 *
 * ```tsx
 * <DollrCheckoutProvider client={client} realtime={supabaseRealtime()}>
 * ```
 */
import { CheckoutHints } from "./realtime/checkout-hints.ts";
import { loadSupabase } from "./realtime/load-supabase.ts";
import type { DollrRealtime, SupabaseModuleLike } from "./realtime/types.ts";
import { useRealtimeStatusHints } from "./realtime/useRealtimeStatusHints.ts";

export type {
  DollrRealtime,
  RealtimeFallbackReason,
  RealtimeHintEvent,
  RealtimeStatusHintsOptions,
} from "./realtime/index.ts";
export { useRealtimeStatusHints };

/** The realtime plug-in; `load` replaces the dynamic import (tests, a pinned copy). */
export function supabaseRealtime(
  load: () => Promise<SupabaseModuleLike> = loadSupabase,
): DollrRealtime {
  return { kind: "dollr-kit:realtime", loadSupabase: load, Hints: CheckoutHints };
}
