/**
 * The schema of the PostgreSQL stores, as an ordered list of versioned migrations kept in code:
 * they ship inside the built package and run the same on PostgreSQL and PGlite.
 *
 * Never edit a migration once released: `migrate` refuses a database where an applied
 * migration's checksum differs. Change the schema by appending a new version.
 */

/** The schema every table of the kit lives in. */
export const SCHEMA = "dollr_kit";

/** One schema change. */
export interface Migration {
  /** 1, 2, 3, …: applied in this order, each once. */
  version: number;
  /** What it does, in a few words (recorded beside the version). */
  name: string;
  /** Statements run in order, one round trip each (PGlite runs one statement per query). */
  statements: readonly string[];
}

const OPERATIONS = "('COLLECTION', 'PAYOUT')";
const OUTCOMES = "('open', 'succeeded', 'failed', 'not_landed', 'unresolved', 'released')";
/** Outcomes that hold a source; must match `HOLDING_OUTCOMES` of the attempt store. */
export const HOLDING_SQL = "('open', 'unresolved')";

const initialSchema: Migration = {
  version: 1,
  name: "sessions, attempts and accounts",
  statements: [
    `CREATE TABLE ${SCHEMA}.sessions (
      session_id text PRIMARY KEY,
      operation text NOT NULL CHECK (operation IN ${OPERATIONS}),
      customer_id text NOT NULL,
      source_type text,
      source_id bigint,
      created_at timestamptz NOT NULL,
      expires_at timestamptz,
      CHECK ((source_type IS NULL) = (source_id IS NULL))
    )`,
    `CREATE TABLE ${SCHEMA}.attempts (
      reference_id text PRIMARY KEY,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      operation text NOT NULL CHECK (operation IN ${OPERATIONS}),
      customer_id text NOT NULL,
      session_id text,
      source_type text,
      source_id bigint,
      payment_account_id text,
      currency text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      status text,
      status_checked_at timestamptz,
      http_status integer,
      ambiguous boolean NOT NULL,
      execute_ended_at timestamptz,
      outcome text NOT NULL CHECK (outcome IN ${OUTCOMES}),
      settled_at timestamptz,
      notified_at timestamptz,
      next_check_at timestamptz,
      checks integer NOT NULL,
      claimed_by text,
      claimed_until timestamptz,
      CHECK ((source_type IS NULL) = (source_id IS NULL))
    )`,
    // "One payment per source" across every proxy instance: at most one holding attempt.
    `CREATE UNIQUE INDEX attempts_one_holding_per_source
      ON ${SCHEMA}.attempts (operation, source_type, source_id)
      WHERE outcome IN ${HOLDING_SQL}`,
    // The reconciler's two kinds of work (claimDue), each by its next check time: attempts
    // that hold a source, and attempts whose hook has not been told yet.
    `CREATE INDEX attempts_due_checks
      ON ${SCHEMA}.attempts (next_check_at NULLS FIRST, seq)
      WHERE outcome IN ${HOLDING_SQL}`,
    `CREATE INDEX attempts_due_notices
      ON ${SCHEMA}.attempts (next_check_at NULLS FIRST, seq)
      WHERE notified_at IS NULL`,
    // listAttempts by customer and by source, newest first.
    `CREATE INDEX attempts_by_customer ON ${SCHEMA}.attempts (customer_id, created_at DESC, seq DESC)`,
    `CREATE INDEX attempts_by_source
      ON ${SCHEMA}.attempts (source_type, source_id, created_at DESC, seq DESC)`,
    `CREATE TABLE ${SCHEMA}.accounts (
      customer_id text NOT NULL,
      id text NOT NULL,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      type text NOT NULL CHECK (type IN ('MOBILE_MONEY', 'CARD')),
      account_name text NOT NULL,
      provider text NOT NULL,
      method text NOT NULL,
      currencies text[] NOT NULL,
      country_code text,
      account_number text,
      operator text,
      brand text,
      last4 text,
      single_use boolean NOT NULL,
      used_by_reference_id text,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (customer_id, id)
    )`,
  ],
};

const rateLimits: Migration = {
  version: 2,
  name: "rate limit counters",
  statements: [
    // One row per counter: its current fixed window (ms since the epoch) and the hits in it.
    `CREATE TABLE ${SCHEMA}.rate_limits (
      key text PRIMARY KEY,
      window_start bigint NOT NULL,
      window_ms bigint NOT NULL CHECK (window_ms > 0),
      hits integer NOT NULL CHECK (hits > 0)
    )`,
  ],
};

/** States of a cart checkout; must match `CheckoutState` of the checkout store. */
const CHECKOUT_STATES = "('creating', 'open', 'paid', 'canceled')";

const checkouts: Migration = {
  version: 3,
  name: "cart checkouts",
  statements: [
    // One row per merchant order: the primary key makes "one order, one source" the database's.
    `CREATE TABLE ${SCHEMA}.checkouts (
      order_reference text PRIMARY KEY,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      customer_id text NOT NULL,
      mode text NOT NULL CHECK (mode IN ('DIRECT', 'HOSTED')),
      fingerprint text NOT NULL,
      currency text NOT NULL,
      state text NOT NULL CHECK (state IN ${CHECKOUT_STATES}),
      source_type text,
      source_id bigint,
      source_number text,
      total text,
      url text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      status text,
      status_checked_at timestamptz,
      settled_at timestamptz,
      notified_at timestamptz,
      next_check_at timestamptz,
      checks integer NOT NULL,
      claimed_by text,
      claimed_until timestamptz,
      CHECK ((source_type IS NULL) = (source_id IS NULL)),
      CHECK (state = 'creating' OR source_type IS NOT NULL)
    )`,
    `CREATE UNIQUE INDEX checkouts_by_source ON ${SCHEMA}.checkouts (source_type, source_id)
      WHERE source_type IS NOT NULL`,
    // The reconciler's work (claimDueCheckouts): open sources, and settled ones not yet told.
    `CREATE INDEX checkouts_due ON ${SCHEMA}.checkouts (next_check_at NULLS FIRST, seq)
      WHERE state = 'open' OR (state IN ('paid', 'canceled') AND notified_at IS NULL)`,
  ],
};

/** Every migration, oldest first. Append only. */
export const MIGRATIONS: readonly Migration[] = Object.freeze([
  initialSchema,
  rateLimits,
  checkouts,
]);
