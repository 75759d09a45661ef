/**
 * `AttemptStore` on PostgreSQL (or PGlite). Every guarantee is the database's, never a read
 * followed by a write: `createAttempt` is one insert against the primary key and the partial
 * unique index "one holding attempt per source"; `settleAttempt` is one conditional update that
 * encodes `settleApplies`; `claimDue` locks with `FOR UPDATE SKIP LOCKED` so reconcilers on any
 * number of instances never claim the same attempt.
 */
import type { SourceRef } from "@dollr-kit/core/internal";
import {
  type AttemptRecord,
  type AttemptStore,
  type AttemptUpdate,
  isUnsettledAttempt,
} from "../attempt-store.ts";
import { HOLDING_SQL, SCHEMA } from "./migrations.ts";
import { attemptFromRow, type Row, sessionFromRow } from "./rows.ts";
import type { SqlClient } from "./sql-client.ts";

const ATTEMPTS = `${SCHEMA}.attempts`;

/** Insert order of `attemptValues`. */
const ATTEMPT_COLUMNS = [
  "reference_id",
  "operation",
  "customer_id",
  "session_id",
  "source_type",
  "source_id",
  "payment_account_id",
  "currency",
  "created_at",
  "updated_at",
  "status",
  "status_checked_at",
  "http_status",
  "ambiguous",
  "execute_ended_at",
  "outcome",
  "settled_at",
  "notified_at",
  "next_check_at",
  "checks",
  "claimed_by",
  "claimed_until",
] as const;

function attemptValues(a: AttemptRecord): unknown[] {
  return [
    a.referenceId,
    a.operation,
    a.customerId,
    a.sessionId,
    a.source?.source_type ?? null,
    a.source?.source_id ?? null,
    a.paymentAccountId,
    a.currency,
    a.createdAt,
    a.updatedAt,
    a.status,
    a.statusCheckedAt,
    a.httpStatus,
    a.ambiguous,
    a.executeEndedAt,
    a.outcome,
    a.settledAt,
    a.notifiedAt,
    a.nextCheckAt,
    a.checks,
    a.claimedBy,
    a.claimedUntil,
  ];
}

const INSERT_ATTEMPT = `INSERT INTO ${ATTEMPTS} (${ATTEMPT_COLUMNS.join(", ")})
  VALUES (${ATTEMPT_COLUMNS.map((_, i) => `$${i + 1}`).join(", ")})
  ON CONFLICT DO NOTHING RETURNING reference_id`;

/** The attempt with this reference id, else the one holding the source ($2 = whether to look). */
const EXISTING_OR_HOLDER = `SELECT * FROM ${ATTEMPTS}
  WHERE reference_id = $1
     OR ($2::boolean AND operation = $3 AND source_type = $4 AND source_id = $5
         AND outcome IN ${HOLDING_SQL})
  ORDER BY (reference_id = $1) DESC LIMIT 1`;

/**
 * `settleApplies`, as one statement: from `open` to anything but `released`; from `unresolved`
 * to anything but `open`; from a not-yet-notified `not_landed` to `succeeded` or `failed`, or to
 * `open` only while no other attempt holds the source (a reopen holds it again; a late final
 * word holds nothing). A reopen racing another attempt onto the source is stopped by the unique
 * index.
 */
const SETTLE = `UPDATE ${ATTEMPTS} AS a SET
    outcome = $2::text,
    settled_at = CASE WHEN $2::text = 'open' THEN NULL ELSE $3::timestamptz END,
    notified_at = NULL,
    next_check_at = NULL,
    updated_at = $3::timestamptz,
    status = CASE WHEN $4::boolean THEN $5::text ELSE a.status END
  WHERE a.reference_id = $1 AND (
    (a.outcome = 'open' AND $2::text NOT IN ('open', 'released'))
    OR (a.outcome = 'unresolved' AND $2::text NOT IN ('unresolved', 'open'))
    OR (a.outcome = 'not_landed' AND a.notified_at IS NULL AND $2::text IN ('succeeded', 'failed'))
    OR (a.outcome = 'not_landed' AND a.notified_at IS NULL AND $2::text = 'open'
        AND NOT EXISTS (SELECT 1 FROM ${ATTEMPTS} AS h
          WHERE h.operation = a.operation AND h.source_type = a.source_type
            AND h.source_id = a.source_id AND h.outcome IN ${HOLDING_SQL}
            AND h.reference_id <> a.reference_id)))
  RETURNING *`;

const CLAIM_DUE = `WITH claimed AS (
    UPDATE ${ATTEMPTS} SET claimed_by = $1, claimed_until = $3::timestamptz
    WHERE reference_id IN (
      SELECT reference_id FROM ${ATTEMPTS}
      WHERE (outcome IN ${HOLDING_SQL} OR notified_at IS NULL)
        AND (next_check_at IS NULL OR next_check_at <= $2::timestamptz)
        AND (claimed_by IS NULL OR claimed_by = $1 OR claimed_until IS NULL
             OR claimed_until <= $2::timestamptz)
      ORDER BY next_check_at NULLS FIRST, seq
      LIMIT $4
      FOR UPDATE SKIP LOCKED)
    RETURNING *)
  SELECT * FROM claimed ORDER BY next_check_at NULLS FIRST, seq`;

/** The column of each field `updateAttempt` may change; anything else is ignored. */
const UPDATE_COLUMNS: Record<keyof AttemptUpdate, string> = {
  status: "status",
  statusCheckedAt: "status_checked_at",
  httpStatus: "http_status",
  ambiguous: "ambiguous",
  updatedAt: "updated_at",
  executeEndedAt: "execute_ended_at",
  nextCheckAt: "next_check_at",
  checks: "checks",
  claimedBy: "claimed_by",
  claimedUntil: "claimed_until",
  notifiedAt: "notified_at",
};

/** A holder may settle between our insert and our read: then the insert is simply tried again. */
const CREATE_TRIES = 5;

/** PostgreSQL's `unique_violation`. */
const UNIQUE_VIOLATION = "23505";

/** An `AttemptStore` on the `dollr_kit` schema (run `migrate` first). */
export function createPostgresAttemptStore(client: SqlClient): AttemptStore {
  const getAttempt = async (referenceId: string) => {
    const { rows } = await client.query<Row>(`SELECT * FROM ${ATTEMPTS} WHERE reference_id = $1`, [
      referenceId,
    ]);
    return rows[0] ? attemptFromRow(rows[0]) : null;
  };
  return {
    async saveSession(session) {
      await client.query(
        `INSERT INTO ${SCHEMA}.sessions
           (session_id, operation, customer_id, source_type, source_id, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (session_id) DO UPDATE SET operation = EXCLUDED.operation,
           customer_id = EXCLUDED.customer_id, source_type = EXCLUDED.source_type,
           source_id = EXCLUDED.source_id, created_at = EXCLUDED.created_at,
           expires_at = EXCLUDED.expires_at`,
        [
          session.sessionId,
          session.operation,
          session.customerId,
          session.source?.source_type ?? null,
          session.source?.source_id ?? null,
          session.createdAt,
          session.expiresAt,
        ],
      );
    },
    async getSession(sessionId) {
      const { rows } = await client.query<Row>(
        `SELECT * FROM ${SCHEMA}.sessions WHERE session_id = $1`,
        [sessionId],
      );
      return rows[0] ? sessionFromRow(rows[0]) : null;
    },
    async createAttempt(attempt) {
      const holds = attempt.source !== null && isUnsettledAttempt(attempt);
      for (let tries = 0; tries < CREATE_TRIES; tries++) {
        const inserted = await client.query(INSERT_ATTEMPT, attemptValues(attempt));
        if (inserted.rows.length > 0) return { created: true };
        const { rows } = await client.query<Row>(EXISTING_OR_HOLDER, [
          attempt.referenceId,
          holds,
          attempt.operation,
          attempt.source?.source_type ?? null,
          attempt.source?.source_id ?? null,
        ]);
        const found = rows[0] ? attemptFromRow(rows[0]) : null;
        if (found?.referenceId === attempt.referenceId) return { created: false, existing: found };
        if (found) return { created: false, busy: found };
      }
      throw new Error(
        `Could not record attempt ${attempt.referenceId}: its source kept changing hands`,
      );
    },
    getAttempt,
    async updateAttempt(referenceId, update) {
      const sets: string[] = [];
      const values: unknown[] = [referenceId];
      for (const [field, column] of Object.entries(UPDATE_COLUMNS)) {
        const value = (update as Record<string, unknown>)[field];
        if (value === undefined) continue;
        values.push(value);
        sets.push(`${column} = $${values.length}`);
      }
      if (sets.length === 0) return;
      await client.query(
        `UPDATE ${ATTEMPTS} SET ${sets.join(", ")} WHERE reference_id = $1`,
        values,
      );
    },
    async settleAttempt(referenceId, settlement) {
      const writesStatus = settlement.status !== undefined;
      try {
        const { rows } = await client.query<Row>(SETTLE, [
          referenceId,
          settlement.outcome,
          settlement.at,
          writesStatus,
          writesStatus ? settlement.status : null,
        ]);
        if (rows[0]) return attemptFromRow(rows[0]);
      } catch (error) {
        // A reopen that raced another attempt onto the source: the record stays as it was.
        if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
      }
      return getAttempt(referenceId);
    },
    async holdingAttempt(source, operation = "COLLECTION") {
      const { rows } = await client.query<Row>(
        `SELECT * FROM ${ATTEMPTS} WHERE operation = $1 AND source_type = $2 AND source_id = $3
           AND outcome IN ${HOLDING_SQL} LIMIT 1`,
        [operation, source.source_type, source.source_id],
      );
      return rows[0] ? attemptFromRow(rows[0]) : null;
    },
    async listAttempts(filter = {}) {
      const where: string[] = [];
      const values: unknown[] = [];
      const add = (condition: (n: number) => string, value: unknown) => {
        values.push(value);
        where.push(condition(values.length));
      };
      if (filter.customerId !== undefined) add((n) => `customer_id = $${n}`, filter.customerId);
      if (filter.unsettled) where.push(`outcome IN ${HOLDING_SQL}`);
      if (filter.source) {
        const source: SourceRef = filter.source;
        add((n) => `source_type = $${n}`, source.source_type);
        add((n) => `source_id = $${n}`, source.source_id);
      }
      const { rows } = await client.query<Row>(
        `SELECT * FROM ${ATTEMPTS} ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
         ORDER BY created_at DESC, seq DESC`,
        values,
      );
      return rows.map(attemptFromRow);
    },
    async claimDue({ owner, now, leaseMs, limit }) {
      const until = new Date(Date.parse(now) + leaseMs).toISOString();
      const { rows } = await client.query<Row>(CLAIM_DUE, [
        owner,
        now,
        until,
        Math.max(0, Math.floor(limit)),
      ]);
      return rows.map(attemptFromRow);
    },
  };
}
