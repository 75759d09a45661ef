// The simulator's in-memory state: every record, the id counters and the clock offset.
// Records hold times as epoch milliseconds of the simulator clock and money as minor units.
import type { FeeBearer, OperationType, PaymentMethod, SourceType } from "./catalog.ts";
import type { SuccessWord } from "./options.ts";
import type { Plan } from "./outcomes.ts";

export interface Party {
  id: number;
  fullname: string;
  phone: string;
  email: string | null;
  country_code: string | null;
  created_at: number;
  updated_at: number;
}

export interface Counterparty {
  id: number;
  relationship_type: string;
  party_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface SourceItem {
  id: number;
  name: string;
  currency: string;
  qty: number;
  amountMinor: bigint;
  created_at: number;
  updated_at: number;
}

/** An invoice or an order. Its PROCESSING and PAID states are derived from its executions. */
export interface Source {
  type: SourceType;
  id: number;
  number: string;
  /** The document's own state; PROCESSING and PAID come from executions (see sources.ts). */
  state: "IDLE" | "ACTIVE" | "CANCELED";
  currency: string;
  note: string | null;
  fee_bearer: FeeBearer;
  as_payment_link: boolean;
  counterparty_id: number;
  reference_id: string | null;
  due_date: string | null;
  items: SourceItem[];
  created_at: number;
  updated_at: number;
}

export interface CheckoutSession {
  kind: "CHECKOUT";
  id: number;
  source_type: SourceType;
  source_id: number;
  created_at: number;
  expires_at: number;
  /** The execution that used this session; a session pays once. */
  reference_id: string | null;
}

export interface PayoutSession {
  kind: "PAYOUT";
  id: number;
  payout_account_id: number;
  amountMinor: bigint;
  currency: string;
  created_at: number;
  expires_at: number;
  reference_id: string | null;
}

export type Session = CheckoutSession | PayoutSession;

export interface PaymentAccount {
  id: number;
  account_name: string;
  provider: string;
  method: PaymentMethod;
  party_id: number;
  operation_type: OperationType;
  country_code: string | null;
  /** The MSISDN for mobile money; never echoed back, as in Dollr. */
  account_number: string | null;
  /** The Stripe payment method bound to a card account. */
  payment_method_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface Execution {
  reference_id: string;
  operation_type: "COLLECTION" | "PAYOUT";
  /** The request payload, canonicalised: a replay must match it exactly. */
  payload: string;
  /** Every distinct payload sent with this reference id (more than 1 means rejected duplicates). */
  payloads: Set<string>;
  execute_calls: number;
  session_id: number;
  payment_account_id: number;
  source: { type: SourceType; id: number } | null;
  payerMinor: bigint;
  payer_currency: string;
  payeeMinor: bigint;
  payee_currency: string;
  plan: Plan;
  successWord: SuccessWord;
  provider_transaction_id: string;
  client_secret: string | null;
  /** The simulated 3DS result, once `/__simulator/authenticate` was called. */
  authentication: { outcome: "succeeded" | "failed"; at: number } | null;
  created_at: number;
}

/**
 * A checkout's hosted page: what its pay token opens, where the customer returns, and until
 * when. Made by `POST /v1/checkouts/create` (or by the first pay link of another source).
 */
export interface CheckoutConfig {
  /** `source_checkout_config_id`. */
  id: number;
  mode: "HOSTED" | "DIRECT";
  source_type: SourceType;
  source_id: number;
  /** Opens `/pay/{pay_token}`; random, so a page cannot be guessed from its source. */
  pay_token: string;
  /** Opens `/receipt/{receipt_token}` once the source is PAID. */
  receipt_token: string;
  success_url: string | null;
  cancel_url: string | null;
  /** After this the pay page answers 404; null: it does not expire. */
  expires_at: number | null;
  created_at: number;
}

export interface Token {
  expires_at: number;
}

/** A simulator with no records (also what a snapshot's missing fields start from). */
export function emptyState() {
  return {
    parties: new Map<number, Party>(),
    counterparties: new Map<number, Counterparty>(),
    sources: new Map<string, Source>(),
    sessions: new Map<number, Session>(),
    paymentAccounts: new Map<number, PaymentAccount>(),
    executions: new Map<string, Execution>(),
    /** Reference ids per source key, oldest first. */
    executionsBySource: new Map<string, string[]>(),
    /** `pm_…` named by card-provider-info, waiting for a card account (per party, or any party). */
    pendingCards: new Map<number | "any", string>(),
    /** Hosted checkout pages by `source_checkout_config_id`. */
    checkoutConfigs: new Map<number, CheckoutConfig>(),
    counters: {
      party: 0,
      counterparty: 0,
      invoice: 1000,
      order: 5000,
      item: 0,
      session: 0,
      paymentAccount: 0,
      execution: 0,
      checkoutConfig: 0,
    },
    clockOffsetMs: 0,
  };
}

export type State = ReturnType<typeof emptyState>;
export type CounterName = keyof State["counters"];

export class Store {
  state: State = emptyState();
  /** Tokens survive `reset()` so that a proxy holding one keeps working across test runs. */
  readonly tokens = new Map<string, Token>();

  reset(): void {
    this.state = emptyState();
  }

  /** Replaces every record and token (a snapshot being loaded). */
  load(state: State, tokens: Map<string, Token>): void {
    this.state = state;
    this.tokens.clear();
    for (const [token, data] of tokens) this.tokens.set(token, data);
  }

  nextId(counter: CounterName): number {
    this.state.counters[counter] += 1;
    return this.state.counters[counter];
  }
}

export function sourceKey(type: SourceType, id: number): string {
  return `${type}:${id}`;
}
