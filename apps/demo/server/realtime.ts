/**
 * Realtime status hints (Supabase Realtime) for the checkout: the proxy's `realtime` settings,
 * which `/kit/config` hands to the page.
 *
 * - Simulator mode: on (`DEMO_REALTIME=0` turns it off). The URL is the demo's public origin,
 *   where the demo server passes websocket upgrades on `/realtime/v1/websocket` to the in-process
 *   simulator's Realtime stand-in (`attachRealtime`), with the simulator's anon key.
 * - Real-Dollr mode: off, unless `DOLLR_SUPABASE_URL` and `DOLLR_SUPABASE_ANON_KEY` give Dollr's
 *   Supabase project (both are public values, meant for browsers).
 *
 * `DEMO_REALTIME_SUBSCRIBE_MS` sets how long the page listens after a payment starts (30 s).
 */
import type { DollrProxyOptions } from "@dollr-kit/server";
import { DEFAULT_REALTIME_ANON_KEY } from "@dollr-kit/simulator/node";
import { websocketOrigin } from "./public-origin.ts";

export type RealtimeSettings = NonNullable<DollrProxyOptions["realtime"]>;

export interface RealtimeEnv {
  DEMO_REALTIME?: string | undefined;
  DEMO_REALTIME_SUBSCRIBE_MS?: string | undefined;
  DOLLR_SUPABASE_URL?: string | undefined;
  DOLLR_SUPABASE_ANON_KEY?: string | undefined;
}

const DEFAULT_SUBSCRIBE_MS = 30_000;

function subscribeMs(raw: string | undefined): number {
  if (raw === undefined || raw === "") return DEFAULT_SUBSCRIBE_MS;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 1_000 || ms > 3_600_000) {
    throw new Error("DEMO_REALTIME_SUBSCRIBE_MS must be a whole number of ms from 1000 to 3600000");
  }
  return ms;
}

/** The proxy's `realtime` option for the mode, or null (off). Throws on a half-set pair. */
export function realtimeSettings(
  mode: "simulator" | "dollr",
  env: RealtimeEnv,
  publicOrigin: string,
): RealtimeSettings | null {
  const subscribe_ms = subscribeMs(env.DEMO_REALTIME_SUBSCRIBE_MS);
  if (mode === "simulator") {
    if (env.DEMO_REALTIME === "0") return null;
    return {
      provider: "supabase",
      url: publicOrigin,
      anon_key: DEFAULT_REALTIME_ANON_KEY,
      subscribe_ms,
    };
  }
  const url = env.DOLLR_SUPABASE_URL ?? "";
  const anonKey = env.DOLLR_SUPABASE_ANON_KEY ?? "";
  if (url === "" && anonKey === "") return null;
  if (url === "" || anonKey === "") {
    throw new Error("Realtime needs both DOLLR_SUPABASE_URL and DOLLR_SUPABASE_ANON_KEY");
  }
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new Error("DOLLR_SUPABASE_URL must be an http(s) URL");
  }
  return { provider: "supabase", url, anon_key: anonKey, subscribe_ms };
}

/** What the page's CSP `connect-src` must add for these settings: the websocket's origin. */
export function realtimeConnectSources(settings: RealtimeSettings | null): string[] {
  return settings ? [websocketOrigin(settings.url)] : [];
}
