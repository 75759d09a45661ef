/**
 * The reconciler's follow-up of cart checkouts (`checkouts`): a HOSTED payment happens on Dollr's
 * page, with no reference id the proxy knows, so the source itself is read
 * (`GET /v1/status/source`) on the reconciler's schedule until it is PAID or CANCELED. As with
 * attempts, the outcome is stored before `onSettled` hears it, and the record is marked notified
 * only after the hook returns: at least once, the same outcome every time.
 */
import { normaliseSourceStatus, type SourceRef } from "@dollr-kit/core/internal";
import type { CheckoutRecord, CheckoutStore, CheckoutUpdate } from "../stores/checkout-store.ts";
import { scheduledWait } from "./plan.ts";
import type { Reading } from "./status-read.ts";
import type { Pass, VisitContext } from "./visit.ts";

/**
 * A cart checkout's source that reached its end, as `onSettled` receives it when the reconciler
 * follows `checkouts`. It carries the fields of `SettledPayment` that make sense for a source
 * (`referenceId` is the order reference), so code written for attempts keeps compiling; narrow
 * on `kind` for the rest. **Deduplicate on `orderReference`**: at least once per settled source,
 * a repeat carrying the same outcome. A DIRECT source paid through the kit is also heard as its
 * attempt (`kind: "attempt"`, outcome `succeeded`): fulfil an order once, whichever comes first.
 */
export interface SettledSource {
  kind: "source";
  /** The merchant's order reference the source was made for. The key to deduplicate on. */
  orderReference: string;
  /** The same as `orderReference` (a source has no attempt reference id). */
  referenceId: string;
  operation: "COLLECTION";
  source: SourceRef;
  /** Dollr's number of the source. */
  sourceNumber: string;
  mode: "DIRECT" | "HOSTED";
  /** The merchant's id of the customer it was made for. */
  customerId: string;
  /** `paid`: Dollr's source status is PAID (fulfil); `canceled`: CANCELED. */
  outcome: "paid" | "canceled";
  /** Dollr's raw source status word. */
  status: string;
  /** The source's total (a decimal string) and currency. */
  total: string;
  currency: string;
  /** When the outcome was recorded; ISO 8601. */
  settledAt: string;
  /** The whole record, as stored when the hook is called. */
  checkout: CheckoutRecord;
}

const iso = (ms: number) => new Date(ms).toISOString();
const RELEASE: CheckoutUpdate = Object.freeze({ claimedBy: null, claimedUntil: null });

/** The source as `onSettled` receives it. */
export function settledSource(record: CheckoutRecord): SettledSource {
  return {
    kind: "source",
    orderReference: record.orderReference,
    referenceId: record.orderReference,
    operation: "COLLECTION",
    source: record.source as SourceRef,
    sourceNumber: record.sourceNumber ?? "",
    mode: record.mode,
    customerId: record.customerId,
    outcome: record.state as SettledSource["outcome"],
    status: record.status ?? "",
    total: record.total ?? "",
    currency: record.currency,
    settledAt: record.settledAt ?? record.updatedAt,
    checkout: record,
  };
}

/** The wait after a source's `checks`-th read: the schedule, slowed once it is long unpaid. */
export function sourceWait(
  record: Pick<CheckoutRecord, "createdAt">,
  checks: number,
  nowMs: number,
  config: Pick<VisitContext["config"], "schedule" | "sourceSlowAfterMs" | "sourceSlowEveryMs">,
): number {
  const wait = scheduledWait(checks, config.schedule);
  const age = nowMs - Date.parse(record.createdAt);
  return age >= config.sourceSlowAfterMs ? Math.max(wait, config.sourceSlowEveryMs) : wait;
}

function storeOf(ctx: VisitContext): CheckoutStore {
  return ctx.config.checkouts as CheckoutStore;
}

async function release(ctx: VisitContext, record: CheckoutRecord, extra: CheckoutUpdate = {}) {
  await storeOf(ctx).updateCheckout(record.orderReference, { ...extra, ...RELEASE });
}

/** Reads an open source and stores what it says; answers the record when it is now settled. */
async function checkSource(
  ctx: VisitContext,
  pass: Pass,
  record: CheckoutRecord,
): Promise<CheckoutRecord | null> {
  const { config, log, limiter } = ctx;
  const ref = record.orderReference;
  const reading: Reading = pass.readsStopped
    ? { kind: "paused" }
    : await ctx.read.source(record.source as SourceRef, { cancelled: pass.cancelled });
  if (reading.kind === "paused") {
    pass.readsStopped = true;
    pass.summary.deferred += 1;
    await release(ctx, record);
    return null;
  }
  const nowMs = config.now();
  if (reading.kind === "rate_limited" || reading.kind === "no_token") {
    limiter.rateLimited(reading.kind === "rate_limited" ? reading.retryAfterMs : undefined);
    pass.readsStopped = true;
    pass.summary.deferred += 1;
    if (reading.kind === "rate_limited") pass.summary.rateLimited = true;
    pass.summary.checked += reading.kind === "rate_limited" ? 1 : 0;
    const resumeAt = limiter.pausedUntil() ?? nowMs;
    log.warn("reconciler.source_read_paused", { order_reference: ref, reason: reading.kind });
    await release(ctx, record, { nextCheckAt: iso(resumeAt) });
    return null;
  }
  limiter.answered();
  pass.summary.checked += 1;
  const checks = record.checks + 1;
  const update: CheckoutUpdate = {
    checks,
    updatedAt: iso(nowMs),
    nextCheckAt: iso(nowMs + sourceWait(record, checks, nowMs, config)),
  };
  if (reading.kind !== "status") {
    // A 404 for a source Dollr made is as unexpected as a 5xx: read again later, loudly.
    pass.summary.readFailures += 1;
    const reason = reading.kind === "failed" ? reading.reason : "not_found";
    log.warn("reconciler.source_read_failed", { order_reference: ref, reason });
    await release(ctx, record, update);
    return null;
  }
  pass.summary.answered += 1;
  const state = normaliseSourceStatus(reading.word).state;
  if (state !== "paid" && state !== "canceled") {
    await release(ctx, record, { ...update, status: reading.word, statusCheckedAt: iso(nowMs) });
    return null;
  }
  const settled = await storeOf(ctx).settleCheckout(ref, {
    state,
    at: iso(nowMs),
    status: reading.word,
  });
  await storeOf(ctx).updateCheckout(ref, { checks });
  if (settled?.state !== state) {
    await release(ctx, record);
    return null;
  }
  pass.summary.settled += 1;
  log.info("reconciler.source_settled", { order_reference: ref, outcome: state });
  return { ...settled, checks };
}

/** Tells `onSettled` of a settled source, then marks it notified. */
async function notifySource(ctx: VisitContext, pass: Pass, record: CheckoutRecord) {
  const { config, log } = ctx;
  const ref = record.orderReference;
  if (config.now() >= pass.deadline || pass.cancelled()) {
    pass.summary.deferred += 1;
    await release(ctx, record);
    return;
  }
  try {
    await config.onSettled(settledSource(record));
  } catch (error) {
    pass.summary.hookFailures += 1;
    // Only the error's name: a merchant's message may quote customer data.
    log.error("reconciler.hook_failed", {
      order_reference: ref,
      hook: "onSettled",
      error_name: error instanceof Error ? error.name : typeof error,
    });
    await release(ctx, record, { nextCheckAt: iso(config.now() + config.hookRetryMs) });
    return;
  }
  pass.summary.notified += 1;
  const current = await storeOf(ctx).getCheckout(ref);
  const same = current?.state === record.state && current.settledAt === record.settledAt;
  await release(ctx, record, same ? { notifiedAt: iso(config.now()) } : {});
}

/** Works on one claimed checkout: read an open source, or tell the hook of a settled one. */
export async function visitCheckout(
  ctx: VisitContext,
  pass: Pass,
  claimed: CheckoutRecord,
): Promise<void> {
  if (ctx.config.now() >= pass.deadline || pass.cancelled()) {
    pass.summary.deferred += 1;
    await release(ctx, claimed);
    return;
  }
  const record = claimed.state === "open" ? await checkSource(ctx, pass, claimed) : claimed;
  if (record !== null && record.notifiedAt === null && record.state !== "open") {
    await notifySource(ctx, pass, record);
  }
}
