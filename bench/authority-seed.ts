/**
 * Records the attempts the reconciler measurement (bench/authority-reconciler.ts) starts from, as
 * the proxy leaves them after each execute, fast.
 */
import type { AttemptRecord, AttemptStore } from "../packages/server/src/index.ts";
import type { OpenDatabase } from "../packages/server/src/postgres.ts";

/**
 * Records the attempts as `createAttempt` would, fast: the first with `createAttempt`; the rest as
 * copies of its row (whatever the schema's columns are) in a few multi-row inserts; then one of
 * them read back through the store must equal its record.
 */
export async function seedAttempts(
  db: OpenDatabase,
  store: AttemptStore,
  records: AttemptRecord[],
) {
  const [first, ...rest] = records;
  if (!first) return;
  if (!(await store.createAttempt(first)).created) throw new Error("seeding: not created");
  const columns = (
    await db.client.query<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns
       WHERE table_schema = 'dollr_kit' AND table_name = 'attempts' AND is_identity = 'NO'
         AND is_generated = 'NEVER'
       ORDER BY ordinal_position`,
    )
  ).rows.map((r) => r.name);
  const template = (
    await db.client.query<{ row: Record<string, unknown> | string }>(
      "SELECT to_jsonb(a) AS row FROM dollr_kit.attempts a WHERE reference_id = $1",
      [first.referenceId],
    )
  ).rows[0]?.row;
  const base = typeof template === "string" ? JSON.parse(template) : template;
  if (!base || !["reference_id", "session_id", "source_id"].every((c) => columns.includes(c))) {
    throw new Error("seeding: the attempts table is not as expected");
  }
  const list = columns.join(", ");
  for (let i = 0; i < rest.length; i += 2_000) {
    const rows = rest.slice(i, i + 2_000).map((r) => ({
      ...base,
      reference_id: r.referenceId,
      session_id: r.sessionId,
      source_id: r.source?.source_id,
    }));
    await db.client.query(
      `INSERT INTO dollr_kit.attempts (${list})
       SELECT ${list} FROM jsonb_populate_recordset(NULL::dollr_kit.attempts, $1::jsonb)`,
      [JSON.stringify(rows)],
    );
  }
  const probe = rest.at(-1);
  if (probe) {
    const stored = await store.getAttempt(probe.referenceId);
    const sorted = (record: unknown) =>
      JSON.stringify(record, (_key, value) =>
        value && typeof value === "object" && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
          : value,
      );
    if (sorted(stored) !== sorted(probe)) {
      throw new Error(
        `seeding: a copied row reads back as ${sorted(stored)}, not ${sorted(probe)}`,
      );
    }
  }
}
