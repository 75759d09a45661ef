// Checkout and payout sessions: short-lived intents that one execution spends.
import { currenciesForMethod, isMobileMoney, type SourceType } from "./catalog.ts";
import { type Loc, unprocessable } from "./errors.ts";
import { decimalNumber, minorUnitsAt } from "./money.ts";
import type { World } from "./router.ts";
import { findSource, iso, sourceProgress } from "./sources.ts";
import type { CheckoutSession, PayoutSession, Session, Source } from "./store.ts";

/**
 * A checkout session needs an ACTIVE source: not IDLE (unpublished), not PROCESSING (another
 * payment is in flight), not PAID or CANCELED. After a failed or expired payment the source is
 * ACTIVE again and a new session may start.
 */
export function createCheckoutSession(
  world: World,
  input: { source_id: number; source_type: SourceType },
): CheckoutSession {
  const source = findSource(world, input.source_type, input.source_id);
  if (!source) throw unprocessable(["body", "source_id"], `source ${input.source_id} not found`);
  assertPayable(world, source, ["body", "source_id"]);
  const now = world.now();
  const session: CheckoutSession = {
    kind: "CHECKOUT",
    id: world.store.nextId("session"),
    source_type: source.type,
    source_id: source.id,
    created_at: now,
    expires_at: now + world.config.sessionTtlMs,
    reference_id: null,
  };
  world.store.state.sessions.set(session.id, session);
  return session;
}

/** Refuses a source that cannot take a new payment now. */
export function assertPayable(world: World, source: Source, loc: Loc): void {
  const { status } = sourceProgress(world, source);
  switch (status) {
    case "ACTIVE":
      return;
    case "IDLE":
      throw unprocessable(loc, "source not published: publish it before checkout");
    case "PROCESSING":
      throw unprocessable(loc, "source already being paid: a payment for it is PROCESSING");
    case "PAID":
      throw unprocessable(loc, "source already paid");
    case "CANCELED":
      throw unprocessable(loc, "source canceled");
  }
}

export function checkoutSessionJson(session: CheckoutSession) {
  return {
    id: session.id,
    source_id: session.source_id,
    source_type: session.source_type,
    status: session.reference_id === null ? "PENDING" : "EXECUTED",
    payment_account_id: null,
    expires_at: iso(session.expires_at),
    created_at: iso(session.created_at),
    updated_at: iso(session.created_at),
  };
}

export function createPayoutSession(
  world: World,
  input: { payout_account_id: number; amount: string; currency: string },
): PayoutSession {
  const account = world.store.state.paymentAccounts.get(input.payout_account_id);
  const loc = ["body", "payout_account_id"];
  if (!account) throw unprocessable(loc, `payout account ${input.payout_account_id} not found`);
  if (account.operation_type !== "PAYOUT")
    throw unprocessable(
      loc,
      "payment account is not a PAYOUT account (create it with operation_type=PAYOUT)",
    );
  if (!isMobileMoney(account.method))
    throw unprocessable(loc, `payouts to ${account.method} are not supported`);
  if (!currenciesForMethod(account.method).includes(input.currency))
    throw unprocessable(
      ["body", "currency"],
      `currency ${input.currency} is not supported by ${account.method}`,
    );
  const amountMinor = minorUnitsAt(input.amount, input.currency, ["body", "amount"]);
  const now = world.now();
  const session: PayoutSession = {
    kind: "PAYOUT",
    id: world.store.nextId("session"),
    payout_account_id: account.id,
    amountMinor,
    currency: input.currency,
    created_at: now,
    expires_at: now + world.config.sessionTtlMs,
    reference_id: null,
  };
  world.store.state.sessions.set(session.id, session);
  return session;
}

/** The simulated merchant has one wallet per currency; Dollr picks it, so does the simulator. */
export const MERCHANT_WALLET_ID = 1;

export function payoutSessionJson(session: PayoutSession) {
  return {
    id: session.id,
    wallet_id: MERCHANT_WALLET_ID,
    payout_account_id: session.payout_account_id,
    amount: decimalNumber(session.amountMinor, session.currency),
    currency: session.currency,
    status: session.reference_id === null ? "PENDING" : "EXECUTED",
    expires_at: iso(session.expires_at),
    created_at: iso(session.created_at),
    updated_at: iso(session.created_at),
  };
}

/**
 * The session an execution names (a string of digits in the payload), alive and unspent.
 * Errors say "session not found", "session expired" or "session already used", as 422s.
 */
export function usableSession<K extends Session["kind"]>(
  world: World,
  sessionId: string,
  kind: K,
): Extract<Session, { kind: K }> {
  const loc = ["body", "session_id"];
  const session = /^\d{1,15}$/.test(sessionId)
    ? world.store.state.sessions.get(Number(sessionId))
    : undefined;
  if (!session || session.kind !== kind) throw unprocessable(loc, "session not found");
  if (world.now() >= session.expires_at) throw unprocessable(loc, "session expired");
  if (session.reference_id !== null)
    throw unprocessable(loc, "session already used by another execution: create a new session");
  return session as Extract<Session, { kind: K }>;
}
