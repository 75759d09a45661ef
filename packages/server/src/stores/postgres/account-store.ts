/**
 * `AccountStore` on PostgreSQL (or PGlite). Accounts are keyed by (customer, id), so another
 * customer's account is simply not found. Binding a single-use card is one conditional update:
 * two proxies racing with two reference ids for one card bind exactly one.
 */
import type { AccountStore } from "../account-store.ts";
import { SCHEMA } from "./migrations.ts";
import { accountFromRow, type Row } from "./rows.ts";
import type { SqlClient } from "./sql-client.ts";

const ACCOUNTS = `${SCHEMA}.accounts`;

/** An `AccountStore` on the `dollr_kit` schema (run `migrate` first). */
export function createPostgresAccountStore(client: SqlClient): AccountStore {
  return {
    async list(customerId) {
      const { rows } = await client.query<Row>(
        `SELECT * FROM ${ACCOUNTS} WHERE customer_id = $1 ORDER BY created_at, seq`,
        [customerId],
      );
      return rows.map(accountFromRow);
    },
    async get(customerId, accountId) {
      const { rows } = await client.query<Row>(
        `SELECT * FROM ${ACCOUNTS} WHERE customer_id = $1 AND id = $2`,
        [customerId, accountId],
      );
      return rows[0] ? accountFromRow(rows[0]) : null;
    },
    async save(account) {
      await client.query(
        `INSERT INTO ${ACCOUNTS} (customer_id, id, type, account_name, provider, method,
           currencies, country_code, account_number, operator, brand, last4, single_use,
           used_by_reference_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         ON CONFLICT (customer_id, id) DO UPDATE SET type = EXCLUDED.type,
           account_name = EXCLUDED.account_name, provider = EXCLUDED.provider,
           method = EXCLUDED.method, currencies = EXCLUDED.currencies,
           country_code = EXCLUDED.country_code, account_number = EXCLUDED.account_number,
           operator = EXCLUDED.operator, brand = EXCLUDED.brand, last4 = EXCLUDED.last4,
           single_use = EXCLUDED.single_use, used_by_reference_id = EXCLUDED.used_by_reference_id,
           created_at = EXCLUDED.created_at`,
        [
          account.customerId,
          account.id,
          account.type,
          account.accountName,
          account.provider,
          account.method,
          account.currencies,
          account.countryCode,
          account.accountNumber,
          account.operator,
          account.brand,
          account.last4,
          account.singleUse,
          account.usedByReferenceId,
          account.createdAt,
        ],
      );
    },
    async remove(customerId, accountId) {
      const { rows } = await client.query(
        `DELETE FROM ${ACCOUNTS} WHERE customer_id = $1 AND id = $2 RETURNING id`,
        [customerId, accountId],
      );
      return rows.length > 0;
    },
    async bindSingleUse(customerId, accountId, referenceId) {
      const { rows } = await client.query(
        `UPDATE ${ACCOUNTS} SET used_by_reference_id = $3
         WHERE customer_id = $1 AND id = $2
           AND (used_by_reference_id IS NULL OR used_by_reference_id = $3)
         RETURNING id`,
        [customerId, accountId, referenceId],
      );
      return rows.length > 0;
    },
    async releaseSingleUse(customerId, accountId, referenceId) {
      await client.query(
        `UPDATE ${ACCOUNTS} SET used_by_reference_id = NULL
         WHERE customer_id = $1 AND id = $2 AND used_by_reference_id = $3`,
        [customerId, accountId, referenceId],
      );
    },
  };
}
