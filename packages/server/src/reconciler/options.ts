/**
 * The reconciler's options, the shapes it hands to the merchant's code, and the defaults. Only
 * web APIs here: the reconciler runs wherever the proxy runs.
 */
import { DollrKitError, type SourceRef } from "@dollr-kit/core/internal";
import { createConsoleLogger, type ProxyLogger } from "../logging.ts";
import { DEFAULT_TIMEOUTS } from "../options.ts";
import type { AttemptRecord, AttemptStore } from "../stores/attempt-store.ts";
import type { CheckoutStore } from "../stores/checkout-store.ts";
import { resolveDollrAccess } from "../upstream/access.ts";
import type { DollrFetch, DollrTransport } from "../upstream/transport.ts";
import type { SettledSource } from "./sources.ts";

/**
 * A payment whose outcome is settled, as `onSettled` receives it. **Deduplicate on
 * `referenceId` (with `source`)**: the hook is called at least once per settled attempt, and a
 * second call (after a crash or a throw) carries the same reference id, source and outcome.
 */
export interface SettledPayment {
  /** An attempt's settlement (a source's is `SettledSource`, `kind: "source"`). */
  kind: "attempt";
  /** The attempt's idempotency key: one attempt, one id. The key to deduplicate on. */
  referenceId: string;
  operation: "COLLECTION" | "PAYOUT";
  /** The invoice/order paid (collections); null for payouts. */
  source: SourceRef | null;
  /** The merchant's id of the customer who started it. */
  customerId: string;
  /**
   * - `succeeded`: Dollr's final word says paid (`COMPLETED`, `SUCCESSFUL`, …): fulfil;
   * - `failed`: Dollr's final word says not paid (`FAILED`, `EXPIRED`, …);
   * - `not_landed`: Dollr never saw the execute, checked again after the late-landing window;
   * - `released`: an unresolved attempt the merchant released by hand (`releaseAttempt`).
   */
  outcome: "succeeded" | "failed" | "not_landed" | "released";
  /** Dollr's raw status word that decided it, when there was one. */
  status: string | null;
  /** When the outcome was recorded; ISO 8601. */
  settledAt: string;
  /** The whole record, as stored when the hook is called. */
  attempt: AttemptRecord;
}

/** What `onSettled` hears: an attempt's settlement, or (with `checkouts`) a source's. */
export type SettledEvent = SettledPayment | SettledSource;

/**
 * Everything of `ReconcilerOptions` but how to reach Dollr and the store: what a caller that
 * already has those (the proxy's `reconciler` option) passes on.
 */
export interface ReconcilerHooks {
  /**
   * Told once an attempt is settled, after the outcome is stored. At least once per settled
   * attempt; exactly once unless the process dies (or the hook throws) before it returns.
   * Deduplicate on `payment.referenceId` (the source is in `payment.source`). A throw is logged
   * and the hook is called again later (`hookRetryMs`). Keep it well under `leaseMs / 2`.
   * With `checkouts`, it also hears sources that became PAID or CANCELED (`kind: "source"`,
   * deduplicate on `orderReference`); without, only attempts (`kind: "attempt"`).
   */
  onSettled(payment: SettledEvent): void | Promise<void>;
  /**
   * Told once an attempt is marked `unresolved` (no final status past `unresolvedAfterMs` and
   * past its session's expiry): a person should look. The source stays held until Dollr gives a
   * final word or the merchant calls `releaseAttempt`. Same delivery rules as `onSettled`.
   * Without it the event is only logged.
   */
  onUnresolved?(attempt: AttemptRecord): void | Promise<void>;
  /** Cap on Dollr status reads per second, per reconciler (default 5). */
  requestsPerSecond?: number;
  /**
   * Waits between status reads of one attempt, in ms: the n-th read is followed by
   * `schedule[n - 1]`, the last entry repeating (default `DEFAULT_RECONCILE_SCHEDULE_MS`).
   */
  schedule?: readonly number[];
  /**
   * After a "did not land" verdict (Dollr's 404, proved), when to look again for a late landing,
   * in ms after the verdict (default 1, 3 and 10 minutes). `onSettled` hears `not_landed` only
   * after the last one still finds nothing.
   */
  notLandedChecks?: readonly number[];
  /**
   * An attempt with no final status this long after it was recorded, and past its session's
   * expiry, is marked `unresolved` (default 1 hour).
   */
  unresolvedAfterMs?: number;
  /** The proxy's execute timeout toward Dollr (default 25 s): when an unseen end is over. */
  executeTimeoutMs?: number;
  /** How long a claim on an attempt holds (default 5 minutes). */
  leaseMs?: number;
  /** Attempts claimed per pass (default 50). */
  batchSize?: number;
  /** The in-process loop's pause when nothing more is due (default 5 s). */
  pollEveryMs?: number;
  /** A hook that threw is called again after this long (default 30 s). */
  hookRetryMs?: number;
  /**
   * A checkout's source still unpaid this long after it was made is read at most every
   * `sourceSlowEveryMs` (default 24 hours, then hourly): abandoned carts cost little.
   */
  sourceSlowAfterMs?: number;
  /** See `sourceSlowAfterMs` (default 1 hour). */
  sourceSlowEveryMs?: number;
  /** This reconciler's name in the leases (default `reconciler-` + a random id). */
  owner?: string;
  /** The clock in ms (default `Date.now`). */
  now?: () => number;
  /** How to wait (default `setTimeout`); tests move a simulated clock instead. */
  sleep?: (ms: number) => Promise<void>;
  /** Where events go (default JSON lines on the console, `info` and up). */
  logger?: ProxyLogger;
}

/** Options of `createReconciler`. */
export interface ReconcilerOptions extends ReconcilerHooks {
  /** Dollr's API and the merchant's client credentials (as `createDollrProxy` takes them). */
  dollr: { baseUrl?: string; clientId: string; clientSecret: string };
  /** How to reach Dollr (default `globalThis.fetch`). */
  fetch?: DollrFetch;
  /** Or a transport (e.g. `createNodeTransport()`), instead of `fetch`. */
  transport?: DollrTransport;
  /** The proxy's attempt store: the reconciler follows up what it recorded. */
  attempts: AttemptStore;
  /**
   * Cart checkouts (`createCartCheckout`'s store): their sources are followed by
   * `GET /v1/status/source` until PAID or CANCELED, and `onSettled` hears each once it is.
   */
  checkouts?: CheckoutStore;
}

const repeat = (ms: number, times: number): number[] => Array.from({ length: times }, () => ms);

/**
 * The default waits between reads of one attempt: 5 s, 10 s, 15 s, then every 30 s to about
 * 9 minutes, every minute to about 14, every 2 minutes to about 24, every 5 minutes to about 49,
 * then every 10 minutes. About 36 reads in the first hour, 6 an hour after.
 */
export const DEFAULT_RECONCILE_SCHEDULE_MS: readonly number[] = Object.freeze([
  5_000,
  10_000,
  15_000,
  ...repeat(30_000, 17),
  ...repeat(60_000, 5),
  ...repeat(120_000, 5),
  ...repeat(300_000, 5),
  600_000,
]);

/** Late-landing checks after a "did not land" verdict: 1, 3 and 10 minutes. */
export const DEFAULT_NOT_LANDED_CHECKS_MS: readonly number[] = Object.freeze([
  60_000, 180_000, 600_000,
]);

/** The reconciler's defaults (besides the two schedules above). */
export const RECONCILER_DEFAULTS = Object.freeze({
  requestsPerSecond: 5,
  unresolvedAfterMs: 60 * 60_000,
  executeTimeoutMs: DEFAULT_TIMEOUTS.executeMs,
  leaseMs: 5 * 60_000,
  batchSize: 50,
  pollEveryMs: 5_000,
  hookRetryMs: 30_000,
  sourceSlowAfterMs: 24 * 60 * 60_000,
  sourceSlowEveryMs: 60 * 60_000,
});

/** Options with every default filled in. */
export interface ResolvedReconcilerOptions {
  dollr: { baseUrl: string; clientId: string; clientSecret: string };
  transport: DollrTransport;
  attempts: AttemptStore;
  /** The checkouts whose sources are followed, or null. */
  checkouts: CheckoutStore | null;
  onSettled: ReconcilerHooks["onSettled"];
  onUnresolved: ReconcilerHooks["onUnresolved"] | null;
  requestsPerSecond: number;
  schedule: readonly number[];
  notLandedChecks: readonly number[];
  unresolvedAfterMs: number;
  executeTimeoutMs: number;
  leaseMs: number;
  batchSize: number;
  pollEveryMs: number;
  hookRetryMs: number;
  sourceSlowAfterMs: number;
  sourceSlowEveryMs: number;
  owner: string;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  logger: ProxyLogger;
}

function misconfigured(message: string): DollrKitError {
  return new DollrKitError("CONFIGURATION", `createReconciler: ${message}`);
}

const defaultSleep = (ms: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

function positive(name: string, value: number | undefined, fallback: number): number {
  const chosen = value ?? fallback;
  if (!Number.isFinite(chosen) || chosen <= 0) {
    throw misconfigured(`${name} must be a positive number`);
  }
  return chosen;
}

function waits(name: string, value: readonly number[] | undefined, fallback: readonly number[]) {
  const chosen = value ?? fallback;
  if (!Array.isArray(chosen) || !chosen.every((ms) => Number.isFinite(ms) && ms >= 0)) {
    throw misconfigured(`${name} must be a list of non-negative milliseconds`);
  }
  return Object.freeze([...chosen]);
}

/** Fills in defaults and rejects a setup that cannot work. */
export function resolveReconcilerOptions(options: ReconcilerOptions): ResolvedReconcilerOptions {
  const { dollr, transport } = resolveDollrAccess(options, misconfigured);
  if (!options.attempts || typeof options.attempts.claimDue !== "function") {
    throw misconfigured("attempts must be an AttemptStore (with claimDue)");
  }
  if (typeof options.onSettled !== "function") throw misconfigured("onSettled is required");
  if (options.checkouts && typeof options.checkouts.claimDueCheckouts !== "function") {
    throw misconfigured("checkouts must be a CheckoutStore (with claimDueCheckouts)");
  }
  const schedule = waits("schedule", options.schedule, DEFAULT_RECONCILE_SCHEDULE_MS);
  if (schedule.length === 0 || schedule.some((ms) => ms <= 0)) {
    throw misconfigured("schedule must hold at least one positive wait");
  }
  const batchSize = positive("batchSize", options.batchSize, RECONCILER_DEFAULTS.batchSize);
  if (!Number.isInteger(batchSize)) throw misconfigured("batchSize must be an integer");
  return {
    dollr,
    transport,
    attempts: options.attempts,
    checkouts: options.checkouts ?? null,
    onSettled: options.onSettled,
    onUnresolved: options.onUnresolved ?? null,
    requestsPerSecond: positive(
      "requestsPerSecond",
      options.requestsPerSecond,
      RECONCILER_DEFAULTS.requestsPerSecond,
    ),
    schedule,
    notLandedChecks: waits(
      "notLandedChecks",
      options.notLandedChecks,
      DEFAULT_NOT_LANDED_CHECKS_MS,
    ),
    unresolvedAfterMs: positive(
      "unresolvedAfterMs",
      options.unresolvedAfterMs,
      RECONCILER_DEFAULTS.unresolvedAfterMs,
    ),
    executeTimeoutMs: positive(
      "executeTimeoutMs",
      options.executeTimeoutMs,
      RECONCILER_DEFAULTS.executeTimeoutMs,
    ),
    leaseMs: positive("leaseMs", options.leaseMs, RECONCILER_DEFAULTS.leaseMs),
    batchSize,
    pollEveryMs: positive("pollEveryMs", options.pollEveryMs, RECONCILER_DEFAULTS.pollEveryMs),
    hookRetryMs: positive("hookRetryMs", options.hookRetryMs, RECONCILER_DEFAULTS.hookRetryMs),
    sourceSlowAfterMs: positive(
      "sourceSlowAfterMs",
      options.sourceSlowAfterMs,
      RECONCILER_DEFAULTS.sourceSlowAfterMs,
    ),
    sourceSlowEveryMs: positive(
      "sourceSlowEveryMs",
      options.sourceSlowEveryMs,
      RECONCILER_DEFAULTS.sourceSlowEveryMs,
    ),
    owner: options.owner ?? `reconciler-${crypto.randomUUID().slice(0, 8)}`,
    now: options.now ?? Date.now,
    sleep: options.sleep ?? defaultSleep,
    logger: options.logger ?? createConsoleLogger({ level: "info" }),
  };
}
