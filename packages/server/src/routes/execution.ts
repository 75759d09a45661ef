/**
 * Forwarding an execute exactly once per `reference_id`, and at most one open attempt per source.
 *
 * - The attempt is recorded before anything is sent; if it cannot be, nothing is sent. Recording
 *   is the store's atomic gate: a known reference id answers the existing record, and a source
 *   that another attempt holds answers `409 SOURCE_BUSY` (any customer, any device, any proxy
 *   instance on the same database).
 * - The same `reference_id` again (a reload, a double click, a second tab) is never forwarded
 *   blindly: while the first is on its way the duplicate shares its answer; afterwards the
 *   proxy asks Dollr's status and answers that (`x-dollr-kit-replayed: true`). Only when Dollr
 *   has never seen the id (404) is the execute sent again — Dollr's own advice for a lost call.
 * - The same `reference_id` with another session, account, currency or customer is a 409.
 * - No answer (network, timeout, lost response), a 5xx or an unreadable answer: 502 with
 *   `"ambiguous": true`, and the attempt stays open for the reconciler.
 * - A single-use card account is bound to the first `reference_id` that uses it (atomically in
 *   the store), and freed again when Dollr refuses that execute outright (4xx).
 * - Every refusal decided here, before Dollr saw anything, says `"ambiguous": false`.
 */
import { errorFromResponse } from "@dollr-kit/core/internal";
import { type Answer, answer, definite, problem } from "../http.ts";
import { describeError } from "../logging.ts";
import type { DollrCustomer } from "../options.ts";
import type { StoredPaymentAccount } from "../stores/account-store.ts";
import type { AttemptRecord } from "../stores/attempt-store.ts";
import {
  type AnyScope,
  recordStatus,
  settleRecord,
  sourceBusy,
  statusWord,
  storeUnavailable,
  updateRecord,
} from "./attempt-records.ts";
import { callDollr, relay, safeBody } from "./relay.ts";

/** What to send for an execute. */
export interface ExecuteTarget {
  /** Dollr's execute path. */
  path: string;
  /** Dollr's status path for the same reference id. */
  statusPath: string;
  /** The body Dollr gets. */
  body: unknown;
  /** The saved account paying (collections), to bind a single-use card. */
  account?: StoredPaymentAccount;
}

/** The answer header that marks an execute answered from status (it was already made). */
export const REPLAYED_HEADER = "x-dollr-kit-replayed";

function samePayment(a: AttemptRecord, b: AttemptRecord): boolean {
  return (
    a.customerId === b.customerId &&
    a.operation === b.operation &&
    a.sessionId === b.sessionId &&
    a.paymentAccountId === b.paymentAccountId &&
    a.currency === b.currency
  );
}

const conflict = (): Answer =>
  definite(problem(409, "CONFLICT", "This reference_id was already used for another payment"));

const cardUsed = (): Answer =>
  definite(
    problem(409, "CARD_USED", "This card was already used for another payment: add the card again"),
  );

const closedAttempt = (): Answer =>
  definite(
    problem(409, "CONFLICT", "This payment was closed: start a new one with a new reference_id"),
  );

const ambiguousUnverified = (): Answer =>
  problem(
    502,
    "UPSTREAM_UNREACHABLE",
    "This reference_id was sent before and its status cannot be read now; the payment may have been made. Check its status before trying again.",
    { ambiguous: true },
  );

/** Frees a single-use card after a refusal; a store failure is logged, never answered. */
async function releaseCard<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  account: StoredPaymentAccount | undefined,
  referenceId: string,
): Promise<void> {
  if (!account?.singleUse) return;
  try {
    await scope.shared.options.accounts.releaseSingleUse(
      account.customerId,
      account.id,
      referenceId,
    );
  } catch (error) {
    scope.log.error("account.release_failed", {
      payment_account_id: account.id,
      ...describeError(error),
    });
  }
}

/** Forwards an execute at most once per reference id (see the module's comment). */
export async function executeOnce<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  attempt: AttemptRecord,
  target: ExecuteTarget,
): Promise<Answer> {
  const { inFlightExecutes } = scope.shared;
  const running = inFlightExecutes.get(attempt.referenceId);
  if (running) {
    if (!samePayment(running.attempt, attempt)) return conflict();
    scope.note.replayed = "in-flight";
    return running.answer;
  }
  const task = runExecute(scope, attempt, target);
  inFlightExecutes.set(attempt.referenceId, { attempt, answer: task });
  try {
    return await task;
  } finally {
    inFlightExecutes.delete(attempt.referenceId);
  }
}

async function runExecute<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  attempt: AttemptRecord,
  target: ExecuteTarget,
): Promise<Answer> {
  const { options, recent } = scope.shared;
  const ref = attempt.referenceId;
  let created: Awaited<ReturnType<typeof options.attempts.createAttempt>>;
  try {
    created = await options.attempts.createAttempt(attempt);
  } catch (error) {
    scope.log.error("attempt.record_failed", { reference_id: ref, ...describeError(error) });
    return storeUnavailable("The payment could not be recorded, so it was not sent");
  }
  let record = attempt;
  if ("busy" in created) {
    scope.note.busy_reference_id = created.busy.referenceId;
    return sourceBusy(created.busy);
  }
  if (!created.created) {
    if (!samePayment(created.existing, attempt)) return conflict();
    const replay = await replayOrResend(scope, created.existing, target);
    if (replay.answer) return replay.answer;
    record = replay.record;
  }
  recent.attempts.set(record.referenceId, record);

  if (target.account?.singleUse) {
    const { customerId, id } = target.account;
    let bound: boolean;
    try {
      bound = await options.accounts.bindSingleUse(customerId, id, ref);
    } catch (error) {
      scope.log.error("account.bind_failed", { payment_account_id: id, ...describeError(error) });
      await settleRecord(scope, record, "not_landed");
      return storeUnavailable(
        "The card could not be reserved for this payment, so it was not sent",
      );
    }
    if (!bound) {
      await settleRecord(scope, record, "not_landed");
      return cardUsed();
    }
  }

  const sent = await callDollr(scope, {
    method: "POST",
    path: target.path,
    body: target.body,
    kind: "execute",
    label: target.path,
  });
  const endedAt = new Date(options.now()).toISOString();
  if (!sent.ok) {
    const ambiguous = (sent.answer.body as { ambiguous?: boolean }).ambiguous === true;
    record = await updateRecord(scope, record, {
      ambiguous,
      httpStatus: null,
      executeEndedAt: endedAt,
    });
    if (ambiguous) {
      scope.log.warn("execute.ambiguous", { reference_id: ref, reason: "no answer" });
    } else {
      await settleRecord(scope, record, "not_landed");
      await releaseCard(scope, target.account, ref);
    }
    return sent.answer;
  }
  const result = relay(scope, sent.answer, "execute");
  const httpStatus = sent.answer.status;
  if (httpStatus >= 200 && httpStatus < 300 && sent.answer.isJson) {
    // One write: the execute's answer and Dollr's status word together.
    await recordStatus(scope, record, statusWord(sent.answer.json), {
      httpStatus,
      executeEndedAt: endedAt,
    });
  } else if (httpStatus >= 500 || httpStatus === 429 || httpStatus < 400 || isDuplicate(sent)) {
    // A duplicate means Dollr knows this id: it may have landed. The reconciler finds out.
    await updateRecord(scope, record, { httpStatus, ambiguous: true, executeEndedAt: endedAt });
    scope.log.warn("execute.ambiguous", { reference_id: ref, reason: `HTTP ${httpStatus}` });
  } else {
    // A 4xx (401 included) is a refusal: nothing was made; a single-use card is free again.
    record = await updateRecord(scope, record, {
      httpStatus,
      ambiguous: false,
      executeEndedAt: endedAt,
    });
    await settleRecord(scope, record, "not_landed");
    await releaseCard(scope, target.account, ref);
  }
  return result;
}

function isDuplicate(sent: { answer: { status: number; json: unknown } }): boolean {
  return (
    errorFromResponse({ status: sent.answer.status, body: sent.answer.json }).code === "CONFLICT"
  );
}

/**
 * The same reference id again: answers Dollr's status when Dollr has it; when Dollr never saw it
 * (404), the attempt (reopened when it was closed as not landed) is sent again.
 */
async function replayOrResend<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  existing: AttemptRecord,
  target: ExecuteTarget,
): Promise<{ answer: Answer; record?: undefined } | { answer: null; record: AttemptRecord }> {
  const ref = existing.referenceId;
  const verified = await callDollr(scope, {
    method: "GET",
    path: target.statusPath,
    kind: "read",
    label: "execute.replay_status",
  });
  if (!verified.ok) return { answer: ambiguousUnverified() };
  const { status, json, isJson } = verified.answer;
  if (status >= 200 && status < 300 && isJson) {
    scope.note.replayed = "status";
    await recordStatus(scope, existing, statusWord(json));
    return { answer: answer(200, safeBody(scope, json), { [REPLAYED_HEADER]: "true" }) };
  }
  if (status === 429) return { answer: relay(scope, verified.answer, "execute") };
  if (status !== 404) return { answer: ambiguousUnverified() };
  let record = existing;
  if (existing.outcome !== "open") {
    record = await settleRecord(scope, existing, "open");
    if (record.outcome !== "open") {
      const holder = existing.source
        ? await scope.shared.options.attempts
            .holdingAttempt(existing.source, existing.operation)
            .catch(() => null)
        : null;
      if (holder) return { answer: sourceBusy(holder) };
      return { answer: closedAttempt() };
    }
  }
  // Dollr never saw it: sending it again is what Dollr advises after a lost call.
  scope.log.info("execute.resend", { reference_id: ref });
  return { answer: null, record };
}
