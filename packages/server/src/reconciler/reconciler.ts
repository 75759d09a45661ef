/**
 * `createReconciler`: the merchant server's own follow-up of every payment, since Dollr has no
 * webhooks. Each pass claims due attempts from the store (leases, so several instances share the
 * work and each attempt is worked on by one), reads Dollr's status at a capped pace, stores what
 * it decides, and tells the merchant's `onSettled` once per settled attempt.
 */
import { DollrKitError } from "@dollr-kit/core/internal";
import { createSafeLogger, describeError } from "../logging.ts";
import { DEFAULT_TIMEOUTS } from "../options.ts";
import type { AttemptRecord } from "../stores/attempt-store.ts";
import type { CheckoutRecord, CheckoutStore } from "../stores/checkout-store.ts";
import { createTokenManager } from "../upstream/token-manager.ts";
import type { DollrTransport } from "../upstream/transport.ts";
import { type ReconcilerOptions, resolveReconcilerOptions } from "./options.ts";
import { createRateLimiter } from "./rate-limiter.ts";
import { visitCheckout } from "./sources.ts";
import { createStatusReader } from "./status-read.ts";
import { type PaymentVerdict, verify } from "./verify.ts";
import { emptySummary, type Pass, type PassSummary, type VisitContext, visit } from "./visit.ts";

/** The reconciler (see `createReconciler`). */
export interface Reconciler {
  /** One pass: claim what is due, read, store, notify. */
  runOnce(): Promise<PassSummary>;
  /**
   * Passes until nothing is due now (waiting out a 429's `Retry-After` in between): what a
   * scheduler's `--once` run does. Answers the passes' totals.
   */
  runUntilIdle(): Promise<PassSummary>;
  /** Starts passes in this process: one every `pollEveryMs`, at once while more is due. */
  start(): void;
  /** Stops the loop after the pass in progress (its claimed attempts are released). */
  stop(): Promise<void>;
  /**
   * Dollr's truth for a payment: from the record when it is final, else one status read (its
   * result stored like a pass would). Throws `DollrKitError` when Dollr could not be read.
   */
  verifyPayment(
    referenceId: string,
    options?: { operation?: "COLLECTION" | "PAYOUT" },
  ): Promise<PaymentVerdict>;
  /**
   * The merchant's explicit release of an `unresolved` attempt (never the browser's): frees its
   * source and, on a later pass, tells `onSettled` (outcome `released`). Answers the record as it
   * now is (an attempt that is not `unresolved` is left as is), or null when unknown.
   * `reason` is a short code for the logs (letters, digits, `_-.:`, at most 64).
   */
  releaseAttempt(referenceId: string, options: { reason: string }): Promise<AttemptRecord | null>;
}

const REASON = /^[A-Za-z0-9_.:-]{1,64}$/;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Creates a reconciler over the proxy's attempt store.
 *
 * `onSettled` is called **at least once** per settled attempt, and exactly once unless the process
 * dies or the hook throws before it returns; several reconcilers on one store never both call it
 * for one attempt (leases). Deduplicate on `payment.referenceId` (and `payment.source`): a repeat
 * call always carries the same outcome.
 *
 * @example
 * const reconciler = createReconciler({
 *   dollr: { clientId, clientSecret }, attempts,
 *   onSettled: async (p) => { if (p.outcome === "succeeded") await markPaid(p.source, p.referenceId); },
 * });
 * reconciler.start();
 */
export function createReconciler(options: ReconcilerOptions): Reconciler {
  const config = resolveReconcilerOptions(options);
  let requests = 0;
  const transport: DollrTransport = {
    exchange(request) {
      requests += 1;
      return config.transport.exchange(request);
    },
  };
  const log = createSafeLogger(config.logger, () => ({
    secrets: [config.dollr.clientSecret, ...tokens.knownTokens()],
  }));
  const tokens = createTokenManager({
    baseUrl: config.dollr.baseUrl,
    clientId: config.dollr.clientId,
    clientSecret: config.dollr.clientSecret,
    transport,
    now: config.now,
    refreshMarginMs: 5 * 60_000,
    timeoutMs: DEFAULT_TIMEOUTS.tokenMs,
    onRefresh: ({ expiresInMinutes }) =>
      log.info("dollr.token_refreshed", { expires_in_minutes: expiresInMinutes }),
  });
  const limiter = createRateLimiter(config);
  const ctx: VisitContext = {
    config,
    store: config.attempts,
    log,
    limiter,
    read: createStatusReader({
      baseUrl: config.dollr.baseUrl,
      limiter,
      transport,
      tokens,
      readTimeoutMs: DEFAULT_TIMEOUTS.readMs,
      log,
      now: config.now,
    }),
  };
  // Up to this many attempts of a pass at once: enough to keep the cap busy over slow answers.
  const workers = Math.min(16, Math.max(1, Math.ceil(config.requestsPerSecond)));
  let stopping = false;
  let loop: Promise<void> | null = null;
  let wake: () => void = () => {};

  // Passes of one reconciler never overlap: its leases would not keep two of them apart.
  let lastPass: Promise<unknown> = Promise.resolve();
  function runOnce(): Promise<PassSummary> {
    const run = lastPass.then(pass, pass);
    lastPass = run.catch(() => undefined);
    return run;
  }

  async function pass(): Promise<PassSummary> {
    const summary = emptySummary();
    const before = requests;
    const startedAt = config.now();
    const claimed = await config.attempts.claimDue({
      owner: config.owner,
      now: iso(startedAt),
      leaseMs: config.leaseMs,
      limit: config.batchSize,
    });
    summary.claimed = claimed.length;
    // Stop taking up claimed attempts once half the lease is gone, so none outlives its lease.
    const state: Pass = {
      summary,
      readsStopped: false,
      deadline: startedAt + config.leaseMs / 2,
      cancelled: () => stopping,
    };
    let next = 0;
    const work = async () => {
      while (next < claimed.length) {
        const attempt = claimed[next++] as AttemptRecord;
        try {
          await visit(ctx, state, attempt);
        } catch (error) {
          // A store failure: the lease runs out and the attempt comes back on a later pass.
          log.error("reconciler.visit_failed", {
            reference_id: attempt.referenceId,
            ...describeError(error),
          });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(workers, claimed.length) }, work));
    if (config.checkouts) await followSources(config.checkouts, state);
    summary.requests = requests - before;
    if (log.enabled("debug")) log.debug("reconciler.pass", { ...summary, owner: config.owner });
    return summary;
  }

  /** The pass's cart checkouts: claimed like attempts, worked on by the same number of workers. */
  async function followSources(checkouts: CheckoutStore, state: Pass): Promise<void> {
    const claimed = await checkouts.claimDueCheckouts({
      owner: config.owner,
      now: iso(config.now()),
      leaseMs: config.leaseMs,
      limit: config.batchSize,
    });
    state.summary.claimed += claimed.length;
    state.summary.sources += claimed.length;
    let next = 0;
    const work = async () => {
      while (next < claimed.length) {
        const record = claimed[next++] as CheckoutRecord;
        try {
          await visitCheckout(ctx, state, record);
        } catch (error) {
          log.error("reconciler.visit_failed", {
            order_reference: record.orderReference,
            ...describeError(error),
          });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(workers, claimed.length) }, work));
  }

  /** How long to pause after a pass before the next. */
  function pauseAfter(summary: PassSummary): number {
    const paused = limiter.pausedUntil();
    if (paused !== null) return Math.max(0, paused - config.now());
    const moreDue = summary.claimed - summary.waiting >= config.batchSize;
    const progress = summary.answered + summary.settled + summary.notified > 0;
    return moreDue && progress ? 0 : config.pollEveryMs;
  }

  return {
    runOnce,
    async runUntilIdle() {
      const total = emptySummary();
      let idle = 0;
      for (;;) {
        const summary = await runOnce();
        for (const key of Object.keys(total) as (keyof PassSummary)[]) {
          if (key === "rateLimited") total.rateLimited ||= summary.rateLimited;
          else total[key] += summary[key];
        }
        if (summary.claimed === summary.waiting) break;
        const progress = summary.answered + summary.settled + summary.notified > 0;
        idle = progress ? 0 : idle + 1;
        // Dollr keeps refusing (429, no token) or hooks keep failing: leave it to the next run.
        if (idle >= 3 || stopping) break;
        const paused = limiter.pausedUntil();
        if (paused !== null) await config.sleep(Math.max(0, paused - config.now()));
      }
      return total;
    },
    start() {
      if (loop) return;
      stopping = false;
      const stopped = new Promise<void>((resolve) => {
        wake = resolve;
      });
      loop = (async () => {
        while (!stopping) {
          let pause = config.pollEveryMs;
          try {
            pause = pauseAfter(await runOnce());
          } catch (error) {
            log.error("reconciler.pass_failed", describeError(error));
          }
          if (stopping) break;
          await Promise.race([config.sleep(pause), stopped]);
        }
      })();
    },
    async stop() {
      if (!loop) return;
      stopping = true;
      wake();
      await loop;
      loop = null;
      stopping = false;
    },
    verifyPayment: (referenceId, verifyOptions = {}) =>
      verify(ctx, referenceId, verifyOptions.operation ?? "COLLECTION"),
    async releaseAttempt(referenceId, { reason }) {
      if (typeof reason !== "string" || !REASON.test(reason)) {
        throw new DollrKitError(
          "VALIDATION",
          "releaseAttempt: reason must be a short code (letters, digits, _-.:, at most 64)",
        );
      }
      const record = await config.attempts.settleAttempt(referenceId, {
        outcome: "released",
        at: iso(config.now()),
      });
      if (record === null) return null;
      if (record.outcome === "released") {
        log.info("reconciler.released", { reference_id: referenceId, reason });
      } else {
        log.warn("reconciler.release_refused", {
          reference_id: referenceId,
          outcome: record.outcome,
        });
      }
      return record;
    },
  };
}
