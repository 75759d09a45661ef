/**
 * Forwarding an execute exactly once per `reference_id`, and reading status.
 *
 * - The attempt is recorded before anything is sent; if it cannot be, nothing is sent.
 * - The same `reference_id` again (a reload, a double click, a second tab) is never forwarded
 *   blindly: while the first is on its way the duplicate shares its answer; afterwards the
 *   proxy asks Dollr's status and answers that (`x-dollr-kit-replayed: true`). Only when Dollr
 *   has never seen the id (404) is the execute sent again — Dollr's own advice for a lost call.
 * - The same `reference_id` with another session, account, currency or customer is a 409.
 * - No answer (network, timeout, lost response), a 5xx or an unreadable answer: 502 with
 *   `"ambiguous": true`, and the attempt is kept as ambiguous for the merchant's follow-up.
 * - A single-use card account is bound to the first `reference_id` that uses it, and freed again
 *   when Dollr refuses that execute outright (4xx).
 */
import { type Answer, answer, problem } from "../http.ts";
import { describeError } from "../logging.ts";
import type { DollrCustomer } from "../options.ts";
import type { StoredPaymentAccount } from "../stores/account-store.ts";
import type { AttemptRecord, AttemptUpdate } from "../stores/attempt-store.ts";
import { callDollr, relay, safeBody } from "./relay.ts";
import type { RouteScope } from "./route.ts";

// biome-ignore lint/suspicious/noExplicitAny: shared by collection and payout routes.
type AnyScope<Customer extends DollrCustomer> = RouteScope<Customer, any, any>;

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

function statusWord(json: unknown): string | null {
  const status = (json as { status?: unknown } | null)?.status;
  return typeof status === "string" && status.length <= 64 ? status : null;
}

async function update<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  referenceId: string,
  change: Omit<AttemptUpdate, "updatedAt">,
  at = new Date(scope.shared.options.now()).toISOString(),
): Promise<void> {
  const { options } = scope.shared;
  try {
    await options.attempts.updateAttempt(referenceId, { ...change, updatedAt: at });
  } catch (error) {
    // The answer still goes back: Dollr acted; the record catches up on the next status read.
    scope.log.error("attempt.update_failed", {
      reference_id: referenceId,
      ...describeError(error),
    });
  }
}

async function bindAccount<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  account: StoredPaymentAccount | undefined,
  referenceId: string | null,
): Promise<void> {
  if (!account?.singleUse) return;
  await scope.shared.options.accounts.save({ ...account, usedByReferenceId: referenceId });
}

/** Frees a single-use card after a refusal; a store failure is logged, never answered. */
async function releaseAccount<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  account: StoredPaymentAccount | undefined,
): Promise<void> {
  try {
    await bindAccount(scope, account, null);
  } catch (error) {
    scope.log.error("account.release_failed", {
      payment_account_id: account?.id ?? null,
      ...describeError(error),
    });
  }
}

const ambiguousUnverified = (): Answer =>
  problem(
    502,
    "UPSTREAM_UNREACHABLE",
    "This reference_id was sent before and its status cannot be read now; the payment may have been made. Check its status before trying again.",
    { ambiguous: true },
  );

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

function conflict(): Answer {
  return problem(409, "CONFLICT", "This reference_id was already used for another payment");
}

async function runExecute<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  attempt: AttemptRecord,
  target: ExecuteTarget,
): Promise<Answer> {
  const { options } = scope.shared;
  const ref = attempt.referenceId;
  let created: Awaited<ReturnType<typeof options.attempts.createAttempt>>;
  try {
    created = await options.attempts.createAttempt(attempt);
  } catch (error) {
    scope.log.error("attempt.record_failed", { reference_id: ref, ...describeError(error) });
    return problem(
      503,
      "STORE_UNAVAILABLE",
      "The payment could not be recorded, so it was not sent",
      {
        ambiguous: false,
      },
    );
  }

  if (!created.created) {
    if (!samePayment(created.existing, attempt)) return conflict();
    const verified = await callDollr(scope, {
      method: "GET",
      path: target.statusPath,
      kind: "read",
      label: "execute.replay_status",
    });
    if (!verified.ok) return ambiguousUnverified();
    const { status, json, isJson } = verified.answer;
    if (status >= 200 && status < 300 && isJson) {
      scope.note.replayed = "status";
      await update(scope, ref, {
        status: statusWord(json),
        statusCheckedAt: new Date(options.now()).toISOString(),
        ambiguous: false,
      });
      return answer(200, safeBody(scope, json), { [REPLAYED_HEADER]: "true" });
    }
    if (status === 429) return relay(scope, verified.answer, "execute");
    if (status !== 404) return ambiguousUnverified();
    // Dollr never saw it: sending it again is what Dollr advises after a lost call.
    scope.log.info("execute.resend", { reference_id: ref });
  }

  await bindAccount(scope, target.account, ref);
  const sent = await callDollr(scope, {
    method: "POST",
    path: target.path,
    body: target.body,
    kind: "execute",
    label: target.path,
  });
  if (!sent.ok) {
    const ambiguous = (sent.answer.body as { ambiguous?: boolean }).ambiguous === true;
    await update(scope, ref, { ambiguous, httpStatus: null });
    if (ambiguous) scope.log.warn("execute.ambiguous", { reference_id: ref, reason: "no answer" });
    else await releaseAccount(scope, target.account);
    return sent.answer;
  }
  const result = relay(scope, sent.answer, "execute");
  const httpStatus = sent.answer.status;
  if (httpStatus >= 200 && httpStatus < 300 && sent.answer.isJson) {
    await update(scope, ref, {
      status: statusWord(sent.answer.json),
      statusCheckedAt: new Date(options.now()).toISOString(),
      httpStatus,
      ambiguous: false,
    });
  } else if (httpStatus >= 500 || httpStatus === 429 || httpStatus < 400) {
    await update(scope, ref, { httpStatus, ambiguous: true });
    scope.log.warn("execute.ambiguous", { reference_id: ref, reason: `HTTP ${httpStatus}` });
  } else {
    // A 4xx (401 included) is a refusal: nothing was made; a single-use card is free again.
    await update(scope, ref, { httpStatus, ambiguous: false });
    await releaseAccount(scope, target.account);
  }
  return result;
}

/** Reads an execution's status from Dollr and keeps the attempt's last known status. */
export async function readStatus<Customer extends DollrCustomer>(
  scope: AnyScope<Customer>,
  referenceId: string,
  path: string,
): Promise<Answer> {
  const read = await callDollr(scope, {
    method: "GET",
    path,
    kind: "read",
    label: path.replace(referenceId, "{reference_id}"),
  });
  if (!read.ok) return read.answer;
  const { status, json, isJson } = read.answer;
  if (status >= 200 && status < 300 && isJson) {
    const at = new Date(scope.shared.options.now()).toISOString();
    await update(
      scope,
      referenceId,
      { status: statusWord(json), statusCheckedAt: at, ambiguous: false },
      at,
    );
  }
  return relay(scope, read.answer, "read");
}
