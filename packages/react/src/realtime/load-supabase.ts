/**
 * The kit's one reference to @supabase/supabase-js: a dynamic import, so bundlers put it in its
 * own chunk, fetched only when the proxy's `/kit/config` turns realtime on and a wait starts.
 * No other module of the kit imports it, statically or for its types.
 */
import type { SupabaseModuleLike } from "./types.ts";

export const loadSupabase = (): Promise<SupabaseModuleLike> => import("@supabase/supabase-js");
