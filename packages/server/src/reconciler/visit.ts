/**
 * One visit to one claimed attempt: read Dollr's status when it is time, store what that decides
 * (the outcome first), then tell the merchant's hook and only after it returns mark the record
 * notified. Every write that decides an outcome happens before the hook is called, so a crash
 * anywhere leads to the same hook call with the same outcome after a restart.
 */
import type { SafeLogger } from "../logging.ts";
import {
  type AttemptRecord,
  type AttemptStore,
  type AttemptUpdate,
  isUnsettledAttempt,
  outcomeOfStatus,
} from "../stores/attempt-store.ts";
import { applyReading } from "./apply.ts";
import type { ResolvedReconcilerOptions } from "./options.ts";
import {
  nextCheck,
  nextLateCheck,
  pastUnresolvedLimit,
  planVisit,
  scheduledWait,
  settledPayment,
  wantsNotify,
} from "./plan.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import type { Reading, StatusReader } from "./status-read.ts";

/** What one pass did (`runOnce` answers it). */
export interface PassSummary {
  /** Attempts claimed (leased) by this pass. */
  claimed: number;
  /** Status reads made (answered or not). */
  checked: number;
  /** Reads Dollr answered with a status or a 404. */
  answered: number;
  /** Attempts whose outcome this pass changed (settled, not landed, unresolved, reopened). */
  settled: number;
  /** Hooks that returned (`onSettled`, `onUnresolved`), each then marked notified. */
  notified: number;
  /** HTTP requests sent to Dollr (status reads, replays, the token). */
  requests: number;
  /** Claimed but left for a later pass: reads paused (429, no token) or half the lease gone. */
  deferred: number;
  /** Claimed but with nothing to do yet (a late-landing check or a hook retry later). */
  waiting: number;
  /** Reads that failed (network, timeout, 5xx, an unreadable answer). */
  readFailures: number;
  /** Hooks that threw (called again after `hookRetryMs`). */
  hookFailures: number;
  /** Whether Dollr answered 429 during the pass. */
  rateLimited: boolean;
  /** Of `claimed`, the cart checkouts (their sources read by `GET /v1/status/source`). */
  sources: number;
}

export function emptySummary(): PassSummary {
  return {
    claimed: 0,
    checked: 0,
    answered: 0,
    settled: 0,
    notified: 0,
    requests: 0,
    deferred: 0,
    waiting: 0,
    readFailures: 0,
    hookFailures: 0,
    rateLimited: false,
    sources: 0,
  };
}

/** What every visit shares. */
export interface VisitContext {
  config: ResolvedReconcilerOptions;
  store: AttemptStore;
  log: SafeLogger;
  read: StatusReader;
  limiter: RateLimiter;
}

/** One pass's shared state. */
export interface Pass {
  summary: PassSummary;
  /** Set by a 429 or a missing token: no more reads this pass. */
  readsStopped: boolean;
  /** No new work on claimed attempts from this time on (half the lease). */
  deadline: number;
  cancelled: () => boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();
const RELEASE: AttemptUpdate = Object.freeze({ claimedBy: null, claimedUntil: null });

async function release(ctx: VisitContext, attempt: AttemptRecord, extra: AttemptUpdate = {}) {
  await ctx.store.updateAttempt(attempt.referenceId, { ...extra, ...RELEASE });
}

/** Reads (when it is time), stores the decision, and answers the record (null: released). */
async function check(ctx: VisitContext, pass: Pass, attempt: AttemptRecord) {
  const { config, store, log, limiter } = ctx;
  const ref = attempt.referenceId;
  let reading: Reading;
  let readMade = false;
  if (isUnsettledAttempt(attempt) && outcomeOfStatus(attempt.status) !== null) {
    // The proxy stored a final word without settling (e.g. it stopped in between): no read.
    reading = { kind: "status", word: attempt.status as string };
  } else {
    reading = pass.readsStopped
      ? { kind: "paused" }
      : await ctx.read(attempt, { cancelled: pass.cancelled });
    if (reading.kind === "paused") {
      pass.readsStopped = true;
      pass.summary.deferred += 1;
      await release(ctx, attempt);
      return null;
    }
    readMade = reading.kind !== "no_token";
    pass.summary.checked += readMade ? 1 : 0;
  }

  const nowMs = config.now();
  if (reading.kind === "rate_limited" || reading.kind === "no_token") {
    limiter.rateLimited(reading.kind === "rate_limited" ? reading.retryAfterMs : undefined);
    pass.readsStopped = true;
    pass.summary.deferred += 1;
    const resumeAt = limiter.pausedUntil() ?? nowMs;
    if (reading.kind === "rate_limited") {
      pass.summary.rateLimited = true;
      log.warn("reconciler.rate_limited", { reference_id: ref, pause_ms: resumeAt - nowMs });
    } else {
      log.error("reconciler.no_token", { reason: reading.reason, pause_ms: resumeAt - nowMs });
    }
    await release(ctx, attempt, { nextCheckAt: iso(resumeAt) });
    return null;
  }
  limiter.answered();

  const checks = attempt.checks + (readMade ? 1 : 0);
  let record = attempt;
  let update: AttemptUpdate = { checks, updatedAt: iso(nowMs) };
  if (reading.kind === "failed") {
    pass.summary.readFailures += 1;
    log.warn("reconciler.read_failed", { reference_id: ref, reason: reading.reason });
    update.nextCheckAt = iso(nowMs + scheduledWait(checks, config.schedule));
  } else {
    pass.summary.answered += readMade ? 1 : 0;
    const applied = await applyReading(ctx, attempt, reading, nowMs);
    record = applied.record;
    update = { ...applied.update, ...update };
    if (applied.settled) pass.summary.settled += 1;
  }

  // No final word for too long: a person must look (the source stays held).
  const noFinalWord = reading.kind === "failed" || reading.kind === "status";
  if (record.outcome === "open" && noFinalWord) {
    const limitPassed = nowMs >= Date.parse(record.createdAt) + config.unresolvedAfterMs;
    const session =
      limitPassed && record.sessionId !== null ? await store.getSession(record.sessionId) : null;
    if (
      limitPassed &&
      pastUnresolvedLimit(record, nowMs, config.unresolvedAfterMs, session?.expiresAt ?? null)
    ) {
      record =
        (await store.settleAttempt(ref, { outcome: "unresolved", at: iso(nowMs) })) ?? record;
      if (record.outcome === "unresolved") {
        pass.summary.settled += 1;
        log.warn("reconciler.unresolved", {
          reference_id: ref,
          status: update.status ?? record.status,
        });
      }
    }
  }

  if (reading.kind !== "failed") {
    const merged = { ...record, ...update };
    if (isUnsettledAttempt(merged)) {
      update.nextCheckAt = nextCheck(merged, checks, nowMs, config.schedule, {
        notFound: reading.kind === "not_found",
        executeTimeoutMs: config.executeTimeoutMs,
      });
    } else if (merged.outcome === "not_landed" && merged.notifiedAt === null) {
      // Dollr shows it but it could not be settled: keep reading on the schedule.
      update.nextCheckAt =
        merged.status === null
          ? nextLateCheck(merged, nowMs, config.notLandedChecks)
          : iso(nowMs + scheduledWait(checks, config.schedule));
    }
  }
  const after = { ...record, ...update };
  const notifying = wantsNotify(after, config.notLandedChecks);
  await store.updateAttempt(ref, notifying ? update : { ...update, ...RELEASE });
  return notifying ? after : null;
}

/** Calls the hook for a settled (or unresolved) record, then marks it notified. */
async function notify(ctx: VisitContext, pass: Pass, record: AttemptRecord): Promise<void> {
  const { config, store, log } = ctx;
  const ref = record.referenceId;
  if (config.now() >= pass.deadline || pass.cancelled()) {
    pass.summary.deferred += 1;
    await release(ctx, record);
    return;
  }
  const hook = record.outcome === "unresolved" ? "onUnresolved" : "onSettled";
  try {
    if (hook === "onSettled") await config.onSettled(settledPayment(record));
    else if (config.onUnresolved) await config.onUnresolved(record);
    else log.warn("reconciler.unresolved_unheard", { reference_id: ref });
  } catch (error) {
    pass.summary.hookFailures += 1;
    // Only the error's name: a merchant's message may quote customer data.
    log.error("reconciler.hook_failed", {
      reference_id: ref,
      hook,
      error_name: error instanceof Error ? error.name : typeof error,
    });
    const nowMs = config.now();
    let retry = nowMs + config.hookRetryMs;
    if (record.outcome === "unresolved" && record.nextCheckAt !== null) {
      retry = Math.min(retry, Date.parse(record.nextCheckAt));
    }
    await release(ctx, record, { nextCheckAt: iso(retry) });
    return;
  }
  pass.summary.notified += 1;
  // Mark only the outcome the hook heard: one that moved meanwhile is told again later.
  const current = await store.getAttempt(ref);
  const same =
    current !== null &&
    current.outcome === record.outcome &&
    current.settledAt === record.settledAt;
  await release(ctx, record, same ? { notifiedAt: iso(config.now()) } : {});
  log.debug("reconciler.notified", { reference_id: ref, outcome: record.outcome, hook });
}

/** Works on one claimed attempt (see the module's comment). */
export async function visit(ctx: VisitContext, pass: Pass, claimed: AttemptRecord): Promise<void> {
  const nowMs = ctx.config.now();
  if (nowMs >= pass.deadline || pass.cancelled()) {
    pass.summary.deferred += 1;
    await release(ctx, claimed);
    return;
  }
  const step = planVisit(claimed, nowMs, ctx.config.notLandedChecks);
  if (step === "wait") {
    pass.summary.waiting += 1;
    await release(ctx, claimed);
    return;
  }
  const record = step === "check" ? await check(ctx, pass, claimed) : claimed;
  if (record !== null) await notify(ctx, pass, record);
}
