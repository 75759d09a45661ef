/**
 * The demo's environment: every variable it reads (`DemoEnv`), and `apps/demo/.env.local`, read
 * when it exists (git-ignored), so credentials for real-Dollr mode can live in a file instead of
 * the shell history. Variables already set win.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const DEMO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function loadLocalEnv(): void {
  const file = path.join(DEMO_ROOT, ".env.local");
  if (existsSync(file)) process.loadEnvFile(file);
}

/** The environment the demo reads. Secrets stay in here: never logged, never sent to the page. */
export interface DemoEnv {
  DOLLR_BASE_URL?: string | undefined;
  DOLLR_CLIENT_ID?: string | undefined;
  DOLLR_CLIENT_SECRET?: string | undefined;
  /** Dollr's Stripe publishable key (real mode); without it cards are off. */
  DOLLR_STRIPE_PUBLISHABLE_KEY?: string | undefined;
  DOLLR_DEMO_PARTY_ID?: string | undefined;
  DOLLR_DEMO_COUNTERPARTY_ID?: string | undefined;
  /** Comma-separated payer currencies (real mode), default `USD,LRD`. */
  DOLLR_CURRENCIES?: string | undefined;
  /** The proxy's log level: `debug`, `info`, `warn` (default), `error`. */
  LOG_LEVEL?: string | undefined;
  /** A real PostgreSQL instead of PGlite in the data folder. */
  DATABASE_URL?: string | undefined;
  /** The data folder (default `apps/demo/.data`). */
  DEMO_DATA_DIR?: string | undefined;
  /** `1`: start with no orders, payments or saved payment methods. */
  DEMO_FRESH_START?: string | undefined;
  /** `1`: mount the developer controls (`/__demo`, `/__simulator`); `0`: never. See start.ts, dev.ts. */
  DEMO_DEV_CONTROLS?: string | undefined;
  /** `1`: behind a proxy that sets `X-Forwarded-Proto`/`-Host` (the request URL follows them). */
  DEMO_TRUST_PROXY?: string | undefined;
  /** The origin browsers use (default the listening address): return URLs, hosted pages. */
  DEMO_PUBLIC_ORIGIN?: string | undefined;
  /** `0`: no realtime status hints in simulator mode. See realtime.ts. */
  DEMO_REALTIME?: string | undefined;
  /** How long the page listens for realtime hints after a payment starts (ms, default 30 s). */
  DEMO_REALTIME_SUBSCRIBE_MS?: string | undefined;
  /** Dollr's Supabase project (real mode): realtime hints on when both are set. */
  DOLLR_SUPABASE_URL?: string | undefined;
  DOLLR_SUPABASE_ANON_KEY?: string | undefined;
}
