/**
 * One payment per source, before a session opens: a source that an attempt holds (on any device,
 * through any proxy instance) answers `409 SOURCE_BUSY`; a source Dollr says is paid answers
 * `409 ALREADY_PAID`. The execute route enforces the first rule again in the store itself.
 */
import { normaliseSourceStatus, type SourceRef } from "@dollr-kit/core/internal";
import { type Answer, problem } from "../http.ts";
import { describeError } from "../logging.ts";
import type { DollrCustomer } from "../options.ts";
import { type AnyScope, sourceBusy, storeUnavailable } from "./attempt-records.ts";
import { callDollr, relay } from "./relay.ts";

/** Null when the source may get a session; else the refusal to answer. */
export async function sourceGate<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  source: SourceRef,
): Promise<Answer | null> {
  try {
    const holder = await scope.shared.options.attempts.holdingAttempt(source, "COLLECTION");
    if (holder) {
      scope.note.busy_reference_id = holder.referenceId;
      return sourceBusy(holder);
    }
  } catch (error) {
    scope.log.error("attempt.read_failed", describeError(error));
    return storeUnavailable("The payment records could not be read; try again shortly");
  }
  const read = await callDollr(scope, {
    method: "GET",
    path: "/v1/status/source",
    query: { source_type: source.source_type, source_id: String(source.source_id) },
    kind: "read",
    label: "session.source_status",
  });
  if (!read.ok) return read.answer;
  const { status, json, isJson } = read.answer;
  if (status < 200 || status > 299 || !isJson) return relay(scope, read.answer, "read");
  const word = (json as { status?: unknown } | null)?.status;
  if (typeof word === "string" && normaliseSourceStatus(word).state === "paid") {
    const paidAt = (json as { paid_at?: unknown }).paid_at;
    return problem(409, "ALREADY_PAID", "This source is already paid", {
      ambiguous: false,
      paid_at: typeof paidAt === "string" ? paidAt : null,
    });
  }
  return null;
}
