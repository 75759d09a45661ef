/**
 * What a status read decides, stored: one rule for the reconciler's passes and `verifyPayment`.
 */
import type { SafeLogger } from "../logging.ts";
import {
  type AttemptRecord,
  type AttemptStore,
  type AttemptUpdate,
  isUnsettledAttempt,
  outcomeOfStatus,
} from "../stores/attempt-store.ts";
import { notFoundProvesNotLanded } from "../stores/settlement.ts";
import type { ResolvedReconcilerOptions } from "./options.ts";
import type { Reading } from "./status-read.ts";

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Stores what a status word or a 404 decides for an attempt: settles it on a final word, marks
 * it `not_landed` when a 404 proves that, reopens a `not_landed` one Dollr shows after all.
 * Answers the record after any settle and the status fields still to write.
 */
export async function applyReading(
  ctx: {
    store: AttemptStore;
    log: SafeLogger;
    config: Pick<ResolvedReconcilerOptions, "executeTimeoutMs">;
  },
  attempt: AttemptRecord,
  reading: Extract<Reading, { kind: "status" | "not_found" }>,
  nowMs: number,
): Promise<{ record: AttemptRecord; update: AttemptUpdate; settled: boolean }> {
  const { store, log } = ctx;
  const ref = attempt.referenceId;
  const when = iso(nowMs);
  if (reading.kind === "not_found") {
    const update: AttemptUpdate = { statusCheckedAt: when };
    const proves =
      isUnsettledAttempt(attempt) &&
      notFoundProvesNotLanded(attempt, nowMs, ctx.config.executeTimeoutMs);
    if (!proves) return { record: attempt, update, settled: false };
    const record = (await store.settleAttempt(ref, { outcome: "not_landed", at: when })) ?? attempt;
    const settled = record.outcome === "not_landed";
    if (settled) log.info("reconciler.not_landed", { reference_id: ref });
    return { record, update, settled };
  }
  const word = reading.word;
  const update: AttemptUpdate = { status: word, statusCheckedAt: when, ambiguous: false };
  // A final word settles; any word reopens a "did not land" verdict (it landed late).
  const target = outcomeOfStatus(word) ?? (attempt.outcome === "not_landed" ? "open" : null);
  if (target === null || attempt.outcome === target) {
    return { record: attempt, update, settled: false };
  }
  const record =
    (await store.settleAttempt(ref, { outcome: target, at: when, status: word })) ?? attempt;
  if (record.outcome !== target) {
    // E.g. a late landing while a newer attempt holds the source: keep reading, say it loudly.
    log.error("reconciler.settle_refused", {
      reference_id: ref,
      outcome: record.outcome,
      wanted: target,
      status: word,
    });
    return { record, update, settled: false };
  }
  if (target === "open") log.warn("reconciler.landed_late", { reference_id: ref, status: word });
  else log.info("reconciler.settled", { reference_id: ref, outcome: target, status: word });
  return { record, update, settled: true };
}
