// Executions: the calls that move money, their idempotency by reference_id, 3DS authentication
// and the `ExecutionResponse` JSON.
import { isMobileMoney } from "./catalog.ts";
import { HttpError, unprocessable } from "./errors.ts";
import { priceCollection } from "./fees.ts";
import { decimalNumber } from "./money.ts";
import { evaluate, planFor, statusWord } from "./outcomes.ts";
import type { World } from "./router.ts";
import { assertPayable, usableSession } from "./sessions.ts";
import { findSource, totalMinor } from "./sources.ts";
import { type Execution, type PaymentAccount, sourceKey } from "./store.ts";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuidV4(value: string): boolean {
  return UUID_V4.test(value);
}

/** Reference ids compare case-insensitively, as UUIDs do. */
export function referenceKey(referenceId: string): string {
  return referenceId.toLowerCase();
}

export interface CollectionRequest {
  session_id: string;
  payment_account_id: string;
  currency: string;
  reference_id: string;
}

export interface PayoutRequest {
  session_id: string;
  payout_account_id: string;
  reference_id: string;
}

type Replay =
  | { kind: "replay"; execution: Execution }
  | { kind: "new"; key: string; payload: string };

/**
 * The idempotency rule: a reference id seen before with the same payload answers that same
 * execution (no money moves again); with another payload it is a 422 "duplicate". Every request
 * naming a known id counts in `execute_calls`.
 */
function replayOrNew(world: World, operation: Execution["operation_type"], fields: object): Replay {
  const { reference_id } = fields as { reference_id: string };
  if (!isUuidV4(reference_id))
    throw unprocessable(
      ["body", "reference_id"],
      "invalid uuid: reference_id must be a UUID v4",
      "uuid_parsing",
    );
  const key = referenceKey(reference_id);
  const payload = JSON.stringify({ operation, ...fields, reference_id: key });
  const existing = world.store.state.executions.get(key);
  if (!existing) return { kind: "new", key, payload };
  existing.execute_calls += 1;
  existing.payloads.add(payload);
  if (existing.payload !== payload)
    throw unprocessable(
      ["body", "reference_id"],
      "duplicate reference_id: it already exists with a different payload",
    );
  return { kind: "replay", execution: existing };
}

export function executeCollection(world: World, request: CollectionRequest): Execution {
  const replay = replayOrNew(world, "COLLECTION", {
    session_id: request.session_id,
    payment_account_id: request.payment_account_id,
    currency: request.currency,
    reference_id: request.reference_id,
  });
  if (replay.kind === "replay") return replay.execution;
  const session = usableSession(world, request.session_id, "CHECKOUT");
  const account = findAccount(world, request.payment_account_id, "payment_account_id");
  if (account.operation_type !== "COLLECTION")
    throw unprocessable(
      ["body", "payment_account_id"],
      "payment account is not a COLLECTION account (create it with operation_type=COLLECTION)",
    );
  const source = findSource(world, session.source_type, session.source_id);
  if (!source) throw unprocessable(["body", "session_id"], "session not found");
  assertPayable(world, source, ["body", "session_id"]);
  const price = priceCollection(
    {
      baseMinor: totalMinor(source),
      baseCurrency: source.currency,
      payerCurrency: request.currency,
      method: account.method,
      feeBearer: source.fee_bearer,
    },
    ["body", "currency"],
  );
  const execution = record(world, {
    key: replay.key,
    payload: replay.payload,
    operation: "COLLECTION",
    sessionId: session.id,
    sessionExpiresAt: session.expires_at,
    account,
    source: { type: source.type, id: source.id },
    payerMinor: price.payerMinor,
    payerCurrency: price.payerCurrency,
    payeeMinor: price.payeeMinor,
    payeeCurrency: price.payeeCurrency,
  });
  session.reference_id = execution.reference_id;
  const bySource = world.store.state.executionsBySource;
  const key = sourceKey(source.type, source.id);
  bySource.set(key, [...(bySource.get(key) ?? []), execution.reference_id]);
  return execution;
}

export function executePayout(world: World, request: PayoutRequest): Execution {
  const replay = replayOrNew(world, "PAYOUT", {
    session_id: request.session_id,
    payout_account_id: request.payout_account_id,
    reference_id: request.reference_id,
  });
  if (replay.kind === "replay") return replay.execution;
  const session = usableSession(world, request.session_id, "PAYOUT");
  const account = findAccount(world, request.payout_account_id, "payout_account_id");
  if (account.id !== session.payout_account_id)
    throw unprocessable(
      ["body", "payout_account_id"],
      "payout_account_id does not match the session",
    );
  const execution = record(world, {
    key: replay.key,
    payload: replay.payload,
    operation: "PAYOUT",
    sessionId: session.id,
    sessionExpiresAt: session.expires_at,
    account,
    source: null,
    payerMinor: session.amountMinor,
    payerCurrency: session.currency,
    payeeMinor: session.amountMinor,
    payeeCurrency: session.currency,
  });
  session.reference_id = execution.reference_id;
  return execution;
}

function findAccount(world: World, id: string, field: string): PaymentAccount {
  const account = /^\d{1,15}$/.test(id)
    ? world.store.state.paymentAccounts.get(Number(id))
    : undefined;
  if (!account) throw unprocessable(["body", field], `${field} not found`);
  return account;
}

interface NewExecution {
  key: string;
  payload: string;
  operation: Execution["operation_type"];
  sessionId: number;
  sessionExpiresAt: number;
  account: PaymentAccount;
  source: Execution["source"];
  payerMinor: bigint;
  payerCurrency: string;
  payeeMinor: bigint;
  payeeCurrency: string;
}

function record(world: World, input: NewExecution): Execution {
  const now = world.now();
  const serial = world.store.nextId("execution");
  const card = !isMobileMoney(input.account.method);
  const paymentIntent = `pi_sim${String(serial).padStart(10, "0")}`;
  const execution: Execution = {
    reference_id: input.key,
    operation_type: input.operation,
    payload: input.payload,
    payloads: new Set([input.payload]),
    execute_calls: 1,
    session_id: input.sessionId,
    payment_account_id: input.account.id,
    source: input.source,
    payerMinor: input.payerMinor,
    payer_currency: input.payerCurrency,
    payeeMinor: input.payeeMinor,
    payee_currency: input.payeeCurrency,
    plan: planFor(input.account, {
      now,
      processingMs: world.config.processingMs,
      sessionExpiresAt: input.sessionExpiresAt,
      operation: input.operation,
    }),
    successWord: world.config.successWord,
    // pawaPay names deposits and payouts with UUIDs; Stripe with PaymentIntent ids.
    provider_transaction_id: card
      ? paymentIntent
      : `00000000-0000-4000-8000-${serial.toString(16).padStart(12, "0")}`,
    client_secret: card ? `${paymentIntent}_secret_${fingerprint(input.key)}` : null,
    authentication: null,
    created_at: now,
  };
  world.store.state.executions.set(execution.reference_id, execution);
  return execution;
}

/** A short deterministic hex digest (FNV-1a), so client secrets repeat from run to run. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/** `ExecutionResponse`, as execute and status both answer it, at the simulator's now. */
export function executionJson(world: World, execution: Execution) {
  const state = evaluate(execution, world.now());
  const succeeded = state.phase === "succeeded";
  return {
    reference_id: execution.reference_id,
    status: statusWord(execution, state.phase),
    payer_amount: decimalNumber(execution.payerMinor, execution.payer_currency),
    payer_currency: execution.payer_currency,
    payee_amount: decimalNumber(execution.payeeMinor, execution.payee_currency),
    payee_currency: execution.payee_currency,
    operation_type: execution.operation_type,
    provider_transaction_id: execution.provider_transaction_id,
    gateway_message: state.gatewayMessage,
    wallet_message: succeeded
      ? execution.operation_type === "PAYOUT"
        ? "Merchant wallet debited"
        : "Merchant wallet credited"
      : null,
    client_secret: execution.client_secret,
    requires_action: state.requiresAction,
  };
}

/** The execution a status call names: 404 when the id is unknown for that operation. */
export function findExecution(
  world: World,
  operation: Execution["operation_type"],
  referenceId: string,
): Execution {
  const execution = world.store.state.executions.get(referenceKey(referenceId));
  if (!execution || execution.operation_type !== operation)
    throw new HttpError(404, "Execution not found");
  return execution;
}

/** Finishes a simulated 3DS challenge, as the fake Stripe does after `handleNextAction`. */
export function authenticate(
  world: World,
  clientSecret: string,
  outcome: "succeeded" | "failed",
): Execution {
  const execution = [...world.store.state.executions.values()].find(
    (candidate) => candidate.client_secret === clientSecret,
  );
  if (!execution) throw new HttpError(404, "No payment has this client_secret");
  if (execution.plan.kind !== "authenticates")
    throw unprocessable(["body", "client_secret"], "this payment does not require authentication");
  const now = world.now();
  const state = evaluate(execution, now);
  if (state.phase !== "processing")
    throw unprocessable(
      ["body", "client_secret"],
      `this payment is no longer waiting for authentication: it is ${statusWord(execution, state.phase)}`,
    );
  execution.authentication = { outcome, at: now };
  return execution;
}
