/**
 * Reading an execution's status for the browser. The proxy answers only what Dollr says: it never
 * answers "Dollr never saw it" for what it merely does not know. An id the store has no record
 * of is asked of Dollr; a 404 is Dollr's own. Each answer that changes what the proxy knows is
 * recorded (and may settle the attempt); an unchanged answer writes nothing.
 */
import type { SourceRef } from "@dollr-kit/core/internal";
import { type Answer, problem } from "../http.ts";
import { describeError } from "../logging.ts";
import type { DollrCustomer } from "../options.ts";
import {
  type AttemptRecord,
  freshAttemptFields,
  outcomeOfStatus,
} from "../stores/attempt-store.ts";
import { notFoundProvesNotLanded } from "../stores/settlement.ts";
import {
  type AnyScope,
  isoNow,
  recordStatus,
  settleRecord,
  statusWord,
  storeUnavailable,
} from "./attempt-records.ts";
import { callDollr, relay } from "./relay.ts";

type Operation = AttemptRecord["operation"];

/** The attempt from this instance's cache, else from the store (then cached). */
export async function findAttempt<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  referenceId: string,
): Promise<AttemptRecord | null> {
  const cached = scope.shared.recent.attempts.get(referenceId);
  if (cached) return cached;
  const stored = await scope.shared.options.attempts.getAttempt(referenceId);
  if (stored) scope.shared.recent.attempts.set(stored.referenceId, stored);
  return stored;
}

/**
 * Whether this customer may see this attempt: their own, or the one that holds (or paid) a
 * source they may pay — so a second device can follow the payment `SOURCE_BUSY` named.
 */
async function maySee<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  attempt: AttemptRecord,
): Promise<boolean> {
  if (attempt.customerId === scope.customer.id) return true;
  if (!attempt.source) return false;
  return scope.shared.options.authorizeSource(scope.customer, attempt.source, scope.request);
}

const notFound = (what: string): Answer =>
  problem(404, "NOT_FOUND", `No ${what} with this reference_id for this customer`);

/** The status route's work, for collections and payouts. */
export async function answerStatus<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  options: { referenceId: string; operation: Operation; path: string; source?: SourceRef | null },
): Promise<Answer> {
  const { referenceId, operation, path } = options;
  const what = operation === "COLLECTION" ? "collection" : "payout";
  let attempt: AttemptRecord | null;
  try {
    attempt = await findAttempt(scope, referenceId);
  } catch (error) {
    scope.log.error("attempt.read_failed", { reference_id: referenceId, ...describeError(error) });
    return storeUnavailable("The payment's record could not be read; try again shortly");
  }
  if (!attempt) {
    return operation === "COLLECTION"
      ? answerUnrecorded(scope, referenceId, path, options.source ?? null)
      : notFound(what);
  }
  if (attempt.operation !== operation || !(await maySee(scope, attempt))) return notFound(what);
  return readRecorded(scope, attempt, path);
}

async function readRecorded<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  attempt: AttemptRecord,
  path: string,
): Promise<Answer> {
  const read = await callDollr(scope, {
    method: "GET",
    path,
    kind: "read",
    label: path.replace(attempt.referenceId, "{reference_id}"),
  });
  if (!read.ok) return read.answer;
  const { status, json, isJson } = read.answer;
  if (status >= 200 && status < 300 && isJson) {
    await recordStatus(scope, attempt, statusWord(json));
  } else if (status === 404 && attempt.outcome === "open") {
    await judgeNotFound(scope, attempt);
  }
  return relay(scope, read.answer, "read");
}

/** Dollr's 404 for an open attempt: settles it as not landed once that is proved. */
async function judgeNotFound<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  attempt: AttemptRecord,
): Promise<void> {
  const { options, inFlightExecutes } = scope.shared;
  if (inFlightExecutes.has(attempt.referenceId)) return;
  try {
    // The cached copy may miss what another instance wrote (the execute's end): read afresh.
    const fresh = await options.attempts.getAttempt(attempt.referenceId);
    if (fresh?.outcome !== "open") return;
    if (!notFoundProvesNotLanded(fresh, options.now(), options.timeouts.executeMs)) return;
    await settleRecord(scope, fresh, "not_landed");
    if (fresh.paymentAccountId) {
      await options.accounts.releaseSingleUse(
        fresh.customerId,
        fresh.paymentAccountId,
        fresh.referenceId,
      );
    }
  } catch (error) {
    scope.log.error("attempt.judge_failed", {
      reference_id: attempt.referenceId,
      ...describeError(error),
    });
  }
}

/**
 * An id the store has no record of: Dollr is asked. Dollr's 404 passes through (it never saw
 * it). Dollr's answer is given for a source the customer may pay, and recorded so that the
 * reconciler follows the payment; without such a source, 404.
 */
async function answerUnrecorded<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  referenceId: string,
  path: string,
  source: SourceRef | null,
): Promise<Answer> {
  const read = await callDollr(scope, {
    method: "GET",
    path,
    kind: "read",
    label: "status.unrecorded",
  });
  if (!read.ok) return read.answer;
  const { status, json, isJson } = read.answer;
  if (status < 200 || status > 299 || !isJson) return relay(scope, read.answer, "read");
  const { options } = scope.shared;
  if (!source || !(await options.authorizeSource(scope.customer, source, scope.request))) {
    return notFound("collection");
  }
  const word = statusWord(json);
  const final = outcomeOfStatus(word);
  const now = isoNow(scope);
  const adopted: AttemptRecord = {
    referenceId,
    operation: "COLLECTION",
    customerId: scope.customer.id,
    sessionId: null,
    source,
    paymentAccountId: null,
    currency: null,
    createdAt: now,
    updatedAt: now,
    status: word,
    statusCheckedAt: now,
    httpStatus: null,
    ambiguous: false,
    ...freshAttemptFields(),
    executeEndedAt: now,
    outcome: final ?? "open",
    settledAt: final ? now : null,
  };
  try {
    const created = await options.attempts.createAttempt(adopted);
    scope.log.warn("attempt.adopted", {
      reference_id: referenceId,
      status: word,
      recorded: created.created,
    });
  } catch (error) {
    scope.log.error("attempt.record_failed", {
      reference_id: referenceId,
      ...describeError(error),
    });
  }
  return relay(scope, read.answer, "read");
}
