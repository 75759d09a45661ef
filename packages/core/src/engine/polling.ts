/**
 * How often the kit asks Dollr for an execution's status, and when it stops asking.
 *
 * Dollr says "poll every 2–5 s and back off during PROCESSING"; Adyen's await flow goes 2 s →
 * 10 s after a minute. A mobile-money approval usually comes within the first minute or two, so
 * the first two minutes are quick (a success shows at most 3 s after it lands); after that the
 * kit asks every 30 s, so a late approval waits at most 30 s to be seen. Ten minutes cost 58
 * requests (Adyen's schedule: 84); `pnpm bench` measures it with this engine against the
 * simulator. At the cap the wait is `expired` — never `failed`: the money may still move and
 * the status can still be checked.
 */

/** One step of the schedule: until `untilMs` of waiting, ask every `delayMs`. */
export interface PollTier {
  untilMs: number;
  delayMs: number;
}

/** Every number the engine's waiting depends on, so a merchant (or a test) can tune them. */
export interface PollingPolicy {
  /** The schedule, by elapsed time; the last tier applies until the cap. */
  tiers: readonly PollTier[];
  /** After this much waiting the state is `expired` (the status can still be checked by hand). */
  capMs: number;
  /** The first delay after a failed status check; doubles with each consecutive failure. */
  errorBackoffBaseMs: number;
  /** The longest delay consecutive failures grow to. */
  errorBackoffMaxMs: number;
  /** A `Retry-After` longer than this is read as this (a broken header must not stall a payment). */
  maxRetryAfterMs: number;
  /** 404 must hold for this long after the execute ended before it proves the execute never landed. */
  notLandedGraceMs: number;
  /** An execute never seen to end (the tab closed mid-request) may still land this long after it left. */
  unsettledExecuteAllowanceMs: number;
  /** At least this many 404 answers are needed to prove an execute never landed. */
  minNotFoundAnswers: number;
  /** A replay re-uses the old session only if it lives at least this much longer. */
  sessionReplayMarginMs: number;
}

/** Quick: mobile-money approvals usually come within the first minute. */
export const POLL_FIRST_DELAY_MS = 2_000;
/** Until two minutes, a success shows within this. */
export const POLL_QUICK_DELAY_MS = 3_000;
/** The slowest steady delay (from two minutes on): a late approval is seen within 30 s. */
export const POLL_MAX_DELAY_MS = 30_000;
/**
 * The backoff factor the proxy's default `/kit/config` polling settings name. Those defaults
 * (`POLL_FIRST_DELAY_MS`, `POLL_MAX_DELAY_MS`, this, `POLL_CAP_MS`) stand for this schedule:
 * `pollingPolicyFromSettings` reads them as `POLL_TIERS`, so a kit that follows `/kit/config`
 * and one that does not poll alike.
 */
export const POLL_BACKOFF_FACTOR = 1.5;
/** The polling cap: after ten minutes without a terminal status the wait is `expired`. */
export const POLL_CAP_MS = 10 * 60_000;
/** Failed status checks back off from here… */
export const ERROR_BACKOFF_BASE_MS = 2_000;
/** …doubling up to here. */
export const ERROR_BACKOFF_MAX_MS = 30_000;
/** `Retry-After` is honoured up to this. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;
/** The grace window during which a 404 for a just-sent execute proves nothing. */
export const NOT_LANDED_GRACE_MS = 30_000;
/** How long an execute whose end was never seen (a closed tab) may still be in flight. */
export const UNSETTLED_EXECUTE_ALLOWANCE_MS = 60_000;
/** 404 answers needed (across the grace window) to prove an execute never landed. */
export const MIN_NOT_FOUND_ANSWERS = 2;
/** A replay keeps the old session only while it has at least this long to live. */
export const SESSION_REPLAY_MARGIN_MS = 30_000;

/** The default schedule: 2 s for ten seconds, 3 s to two minutes, then 30 s (58 requests). */
export const POLL_TIERS: readonly PollTier[] = Object.freeze([
  { untilMs: 10_000, delayMs: POLL_FIRST_DELAY_MS },
  { untilMs: 2 * 60_000, delayMs: POLL_QUICK_DELAY_MS },
  { untilMs: Number.POSITIVE_INFINITY, delayMs: POLL_MAX_DELAY_MS },
]);

/** The engine's default policy (also what the React layer's `refetchInterval` uses). */
export const DEFAULT_POLLING_POLICY: PollingPolicy = Object.freeze({
  tiers: POLL_TIERS,
  capMs: POLL_CAP_MS,
  errorBackoffBaseMs: ERROR_BACKOFF_BASE_MS,
  errorBackoffMaxMs: ERROR_BACKOFF_MAX_MS,
  maxRetryAfterMs: MAX_RETRY_AFTER_MS,
  notLandedGraceMs: NOT_LANDED_GRACE_MS,
  unsettledExecuteAllowanceMs: UNSETTLED_EXECUTE_ALLOWANCE_MS,
  minNotFoundAnswers: MIN_NOT_FOUND_ANSWERS,
  sessionReplayMarginMs: SESSION_REPLAY_MARGIN_MS,
});

/** What the next delay depends on. */
export interface PollDelayInput {
  /** Time since the polling window started (ms). */
  elapsedMs: number;
  /** The server's `Retry-After` on the last answer, in ms. */
  retryAfterMs?: number;
  /** Status checks that failed in a row (0 after an answer). */
  consecutiveErrors?: number;
}

/**
 * The delay before the next status check, or `"expired"` once the cap is reached. Never shorter
 * than the schedule, the error backoff or `Retry-After`; the schedule's last delay is trimmed so
 * the final check lands on the cap.
 */
export function nextPollDelay(
  input: PollDelayInput,
  policy: PollingPolicy = DEFAULT_POLLING_POLICY,
): number | "expired" {
  const elapsed = Math.max(0, Number.isFinite(input.elapsedMs) ? input.elapsedMs : 0);
  if (elapsed >= policy.capMs) return "expired";
  const tier = policy.tiers.find((step) => elapsed < step.untilMs) ?? policy.tiers.at(-1);
  const scheduled = Math.min(tier?.delayMs ?? POLL_MAX_DELAY_MS, policy.capMs - elapsed);
  const errors = Math.max(0, Math.floor(input.consecutiveErrors ?? 0));
  const backoff =
    errors === 0
      ? 0
      : Math.min(policy.errorBackoffBaseMs * 2 ** (errors - 1), policy.errorBackoffMaxMs);
  // `input.retryAfterMs` when it is a finite number, up to the policy's maximum.
  const retryAfter = Math.min(Math.max(0, retryAfterOf(input) ?? 0), policy.maxRetryAfterMs);
  return Math.max(scheduled, backoff, retryAfter);
}

/** The merchant's polling settings as the proxy's `/kit/config` answers them (`KitConfig.polling`). */
export interface PollingSettingsInput {
  interval_ms: number;
  max_interval_ms: number;
  backoff_factor: number;
  give_up_after_ms: number | null;
}

/**
 * A policy following a merchant's `/kit/config` polling settings: the first delay, growing by
 * the factor after each check up to the maximum, expired after `give_up_after_ms` (never when
 * null). The default pace (`interval_ms` `POLL_FIRST_DELAY_MS`, `max_interval_ms`
 * `POLL_MAX_DELAY_MS`, `backoff_factor` `POLL_BACKOFF_FACTOR`: what the proxy answers when the
 * merchant sets none) keeps `base`'s schedule — by default the engine's own, `POLL_TIERS`, which
 * a geometric curve cannot draw (quick for two minutes, then slow). The verification numbers
 * stay the defaults: they guard the money path, not the pace.
 */
export function pollingPolicyFromSettings(
  settings: PollingSettingsInput,
  base: PollingPolicy = DEFAULT_POLLING_POLICY,
): PollingPolicy {
  const capMs = settings.give_up_after_ms ?? Number.POSITIVE_INFINITY;
  if (
    settings.interval_ms === POLL_FIRST_DELAY_MS &&
    settings.max_interval_ms === POLL_MAX_DELAY_MS &&
    settings.backoff_factor === POLL_BACKOFF_FACTOR
  ) {
    return { ...base, capMs };
  }
  const first = Math.max(250, settings.interval_ms);
  const max = Math.max(first, settings.max_interval_ms);
  const factor = Math.max(1, settings.backoff_factor);
  const tiers: PollTier[] = [];
  let elapsed = 0;
  // One tier per check until the delay reaches the maximum (a geometric curve, so few tiers).
  for (let delay = first; delay < max && factor > 1 && tiers.length < 100; delay *= factor) {
    elapsed += delay;
    tiers.push({ untilMs: elapsed, delayMs: Math.round(delay) });
  }
  tiers.push({ untilMs: Number.POSITIVE_INFINITY, delayMs: max });
  return { ...base, tiers, capMs };
}

/** A `Retry-After` carried by an error (`DollrKitError.retryAfterMs`), if any. */
export function retryAfterOf(error: unknown): number | undefined {
  const value =
    typeof error === "object" && error !== null
      ? (error as { retryAfterMs?: unknown }).retryAfterMs
      : undefined;
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
