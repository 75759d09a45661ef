// The simulator's options: what `createSimulator` takes and what `configure` may change later.
import type { SimulatorSnapshot } from "./snapshot.ts";
import { VALIDATION_MODES, type ValidationMode } from "./validator.ts";

/**
 * Words a successful execution may report: the docs say COMPLETED; clients of the live API map
 * SUCCESSFUL, SUCCESS, SUCCEEDED and PAID too (api-notes §2.4, §5), and the kit reads all five.
 */
export const SUCCESS_WORDS = ["COMPLETED", "SUCCESSFUL", "SUCCESS", "SUCCEEDED", "PAID"] as const;
export type SuccessWord = (typeof SUCCESS_WORDS)[number];
export type { ValidationMode };

export interface SimulatorClock {
  now(): number;
}

export interface SimulatorOptions {
  /** Client credentials the token endpoint accepts. Default "sim_client_id" / "sim_client_secret". */
  clientId?: string;
  clientSecret?: string;
  /** How long mobile money stays PROCESSING before it settles. Default 90 000 ms. */
  processingMs?: number;
  /** The word a successful execution reports. Default "COMPLETED"; see `SUCCESS_WORDS`. */
  successWord?: SuccessWord;
  /**
   * How request bodies and queries are checked. "strict" (default): exactly the documented JSON.
   * "lax": as a FastAPI/pydantic service does by default (unknown fields ignored, "1001" for an
   * integer, enum words in any letter case).
   */
  validation?: ValidationMode;
  /** Life of a checkout or payout session. Default 15 minutes. */
  sessionTtlMs?: number;
  /** Life of an access token, in minutes (what `expires_in` says). Default 60. */
  tokenTtlMinutes?: number;
  /** The merchant passcode that payouts check. Default "123456". */
  payoutPasscode?: string;
  /** Where time comes from. Default `Date`. `control.advance(ms)` moves on from it. */
  clock?: SimulatorClock;
  /** A path prefix the simulator is mounted under, e.g. "/dollr". Default none. */
  basePath?: string;
  /** Seed of the PRNG that `rate` faults draw from. Default 1. */
  faultSeed?: number;
  /**
   * Start from a snapshot (`control.snapshot()`, e.g. saved to a file by an earlier run) instead
   * of an empty simulator: its records, ids, clock offset and tokens. Faults and config come from
   * these options, not from the snapshot.
   */
  state?: SimulatorSnapshot;
  /**
   * The HS256 secret that signs realtime keys (`POST /v1/realtime-keys/collection`), for a
   * realtime server to verify them. Default: random per simulator (`control.realtimeJwtSecret()`).
   */
  realtimeJwtSecret?: string;
}

/** The options that `configure` and `POST /__simulator/config` may change at run time. */
export interface RuntimeConfig {
  clientId: string;
  clientSecret: string;
  processingMs: number;
  successWord: SuccessWord;
  validation: ValidationMode;
  sessionTtlMs: number;
  tokenTtlMinutes: number;
  payoutPasscode: string;
}

export const DEFAULT_CONFIG: RuntimeConfig = {
  clientId: "sim_client_id",
  clientSecret: "sim_client_secret",
  processingMs: 90_000,
  successWord: "COMPLETED",
  validation: "strict",
  sessionTtlMs: 15 * 60_000,
  tokenTtlMinutes: 60,
  payoutPasscode: "123456",
};

export function resolveConfig(options: SimulatorOptions): RuntimeConfig {
  const config = { ...DEFAULT_CONFIG };
  for (const key of Object.keys(DEFAULT_CONFIG) as (keyof RuntimeConfig)[]) {
    const value = options[key];
    if (value !== undefined) Object.assign(config, { [key]: value });
  }
  return assertConfig(config);
}

/** Refuses values that would make the simulator misbehave (negative times, unknown words). */
export function assertConfig(config: RuntimeConfig): RuntimeConfig {
  const durations = ["processingMs", "sessionTtlMs", "tokenTtlMinutes"] as const;
  for (const key of durations) {
    const value = config[key];
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${key} must be a number >= 0`);
  }
  if (!(SUCCESS_WORDS as readonly string[]).includes(config.successWord))
    throw new RangeError(`successWord must be one of ${SUCCESS_WORDS.join(", ")}`);
  if (!VALIDATION_MODES.includes(config.validation))
    throw new RangeError(`validation must be one of ${VALIDATION_MODES.join(", ")}`);
  for (const key of ["clientId", "clientSecret", "payoutPasscode"] as const) {
    if (typeof config[key] !== "string" || config[key] === "")
      throw new RangeError(`${key} must be a non-empty string`);
  }
  return config;
}
