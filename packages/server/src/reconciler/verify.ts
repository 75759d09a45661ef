/**
 * `verifyPayment`: Dollr's truth for one payment, for the merchant's fulfilment code. A final
 * record answers without asking Dollr; anything else is one status read (paced like the
 * reconciler's own), whose result is stored the way a pass would store it.
 */
import { DollrKitError, type DollrKitErrorCode } from "@dollr-kit/core/internal";
import { type AttemptRecord, outcomeOfStatus } from "../stores/attempt-store.ts";
import { applyReading } from "./apply.ts";
import { lateChecksDone } from "./plan.ts";
import type { Reading } from "./status-read.ts";
import type { VisitContext } from "./visit.ts";

/** What `verifyPayment` answers. */
export interface PaymentVerdict {
  referenceId: string;
  /**
   * - `succeeded` / `failed`: Dollr's final word;
   * - `pending`: not final yet (in progress, or not seen by Dollr within the grace window);
   * - `not_landed`: Dollr never saw it, proved (see `final` for whether late checks are over);
   * - `not_found`: no record of it here, and Dollr has never seen it.
   */
  outcome: "succeeded" | "failed" | "pending" | "not_landed" | "not_found";
  /** `outcome === "succeeded"`: the money arrived. Fulfil on this only. */
  paid: boolean;
  /** Whether `outcome` can no longer change. */
  final: boolean;
  /** Dollr's raw status word, when there is one. */
  status: string | null;
  /** Whether this came from the stored record alone or from a status read just now. */
  from: "record" | "dollr";
  /** The record after any update, or null when there is none. */
  attempt: AttemptRecord | null;
}

function verdict(
  referenceId: string,
  outcome: PaymentVerdict["outcome"],
  final: boolean,
  status: string | null,
  from: PaymentVerdict["from"],
  attempt: AttemptRecord | null,
): PaymentVerdict {
  return { referenceId, outcome, paid: outcome === "succeeded", final, status, from, attempt };
}

/** A record that answers without Dollr: a final word, or "did not land" past its late checks. */
function fromRecord(record: AttemptRecord, notLandedChecks: readonly number[]) {
  if (record.outcome === "succeeded" || record.outcome === "failed") {
    return verdict(record.referenceId, record.outcome, true, record.status, "record", record);
  }
  if (
    record.outcome === "not_landed" &&
    (record.notifiedAt !== null || lateChecksDone(record, notLandedChecks))
  ) {
    return verdict(record.referenceId, "not_landed", true, null, "record", record);
  }
  return null;
}

function readError(reading: Exclude<Reading, { kind: "status" | "not_found" }>): DollrKitError {
  if (reading.kind === "paused") {
    return new DollrKitError("ABORTED", "The reconciler is stopping; the status was not read");
  }
  if (reading.kind === "rate_limited") {
    return new DollrKitError("RATE_LIMITED", "Dollr asked to slow down; try again later", {
      status: 429,
      ...(reading.retryAfterMs !== undefined ? { retryAfterMs: reading.retryAfterMs } : {}),
    });
  }
  if (reading.kind === "no_token") {
    const code: DollrKitErrorCode = reading.reason === "rejected" ? "UNAUTHORIZED" : "NETWORK";
    return new DollrKitError(code, "No Dollr token could be had to read the status");
  }
  const status = /^http_(\d{3})$/.exec(reading.reason)?.[1];
  const code: DollrKitErrorCode =
    reading.reason === "timeout"
      ? "TIMEOUT"
      : reading.reason === "network"
        ? "NETWORK"
        : status?.startsWith("5")
          ? "SERVER"
          : "INVALID_RESPONSE";
  return new DollrKitError(code, "Dollr's status could not be read", {
    ...(status ? { status: Number(status) } : {}),
  });
}

export async function verify(
  ctx: VisitContext,
  referenceId: string,
  operation: "COLLECTION" | "PAYOUT",
): Promise<PaymentVerdict> {
  const { config, store, limiter } = ctx;
  const record = await store.getAttempt(referenceId);
  const known = record ? fromRecord(record, config.notLandedChecks) : null;
  if (known) return known;

  const reading = await ctx.read(record ?? { referenceId, operation }, { waitOutPause: true });
  if (reading.kind === "rate_limited") limiter.rateLimited(reading.retryAfterMs);
  if (reading.kind !== "status" && reading.kind !== "not_found") throw readError(reading);
  limiter.answered();

  const word = reading.kind === "status" ? reading.word : null;
  const said = word === null ? null : (outcomeOfStatus(word) ?? "pending");
  if (!record) {
    return verdict(
      referenceId,
      said ?? "not_found",
      said !== null && said !== "pending",
      word,
      "dollr",
      null,
    );
  }
  const nowMs = config.now();
  const applied = await applyReading(ctx, record, reading, nowMs);
  await store.updateAttempt(referenceId, {
    ...applied.update,
    updatedAt: new Date(nowMs).toISOString(),
  });
  const after = { ...applied.record, ...applied.update };
  if (said !== null) return verdict(referenceId, said, said !== "pending", word, "dollr", after);
  if (after.outcome === "not_landed") {
    const final = lateChecksDone(after, config.notLandedChecks);
    return verdict(referenceId, "not_landed", final, null, "dollr", after);
  }
  return verdict(referenceId, "pending", false, null, "dollr", after);
}
