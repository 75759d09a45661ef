// The status feed: which collection executions realtime channels watch, and the row changes
// they are owed. Status is computed from the simulator's clock when read (outcomes.ts), so the
// feed re-reads the watched executions whenever the simulator may have changed (every request
// and control call, clock moves included) and, on a real clock, at the next instant a watched
// execution or token is due to change: a timer per deadline, not a polling loop.
import { referenceKey } from "../executions.ts";
import { evaluate, statusWord } from "../outcomes.ts";
import type { World } from "../router.ts";
import { iso } from "../sources.ts";
import type { Execution } from "../store.ts";

/**
 * Our shape of a `checkout_payment_intent_public_status` row: Dollr does not document the
 * table, so this is a minimal plausible one. Clients should only read it as "status changed".
 */
export interface StatusRow {
  reference_id: string;
  status: string;
  updated_at: string;
}

export const STATUS_COLUMNS = [
  { name: "reference_id", type: "uuid" },
  { name: "status", type: "text" },
  { name: "updated_at", type: "timestamptz" },
] as const;

export interface RowChange {
  type: "INSERT" | "UPDATE" | "DELETE";
  commit_timestamp: string;
  record: StatusRow | null;
  /** The primary key only, as Postgres sends without REPLICA IDENTITY FULL. */
  old_record: { reference_id: string } | null;
}

export interface WatchInput {
  referenceId: string;
  /** Simulator epoch ms at which the channel's token stops being valid. */
  expiresAt: number;
  onChange(change: RowChange): void;
  onExpired(): void;
}

export interface Watch {
  setExpiry(expiresAt: number): void;
  stop(): void;
}

interface Watching extends WatchInput {
  key: string;
  last: StatusRow | null;
}

// setTimeout fires at once for a delay past 2^31 - 1 ms (about 24.8 days).
const MAX_TIMER_MS = 2 ** 31 - 1;

export class StatusFeed {
  private readonly watching = new Set<Watching>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly world: World) {}

  get size(): number {
    return this.watching.size;
  }

  /** Starts watching a reference id from its current row (or its absence). */
  watch(input: WatchInput): Watch {
    const key = referenceKey(input.referenceId);
    const entry: Watching = { ...input, key, last: this.row(key) };
    this.watching.add(entry);
    this.schedule();
    return {
      setExpiry: (expiresAt) => {
        entry.expiresAt = expiresAt;
        this.schedule();
      },
      stop: () => {
        this.watching.delete(entry);
        if (this.watching.size === 0) this.cancel();
      },
    };
  }

  /** Re-reads every watched row and tells each watcher what changed (in this same turn). */
  check(): void {
    if (this.watching.size === 0) return;
    const now = this.world.now();
    const rows = new Map<string, StatusRow | null>();
    for (const entry of [...this.watching]) {
      if (!this.watching.has(entry)) continue;
      if (now >= entry.expiresAt) {
        this.watching.delete(entry);
        entry.onExpired();
        continue;
      }
      if (!rows.has(entry.key)) rows.set(entry.key, this.row(entry.key));
      const row = rows.get(entry.key) ?? null;
      const change = diff(entry.last, row, now);
      entry.last = row;
      if (change) entry.onChange(change);
    }
    this.schedule();
  }

  close(): void {
    this.watching.clear();
    this.cancel();
  }

  private row(key: string): StatusRow | null {
    const execution = this.world.store.state.executions.get(key);
    if (execution?.operation_type !== "COLLECTION") return null;
    const state = evaluate(execution, this.world.now());
    return {
      reference_id: execution.reference_id,
      status: statusWord(execution, state.phase),
      updated_at: iso(state.settledAt ?? execution.created_at),
    };
  }

  /** One timer, at the earliest instant a watched row or token can change by time alone. */
  private schedule(): void {
    this.cancel();
    const now = this.world.now();
    let next = Number.POSITIVE_INFINITY;
    for (const entry of this.watching) {
      next = Math.min(next, entry.expiresAt);
      const execution = this.world.store.state.executions.get(entry.key);
      if (execution) next = Math.min(next, nextChangeAt(execution, now));
    }
    if (next === Number.POSITIVE_INFINITY) return;
    const scheduledAt = now;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        // A clock that stands still (a test's) only moves by `advance`, which checks by itself.
        if (this.world.now() !== scheduledAt) this.check();
      },
      Math.min(Math.max(next - now, 0), MAX_TIMER_MS),
    );
    this.timer.unref?.();
  }

  private cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** When an execution's status next changes with time alone (Infinity: only a call changes it). */
export function nextChangeAt(execution: Execution, now: number): number {
  const { plan } = execution;
  switch (plan.kind) {
    case "settles":
    case "expires":
      return plan.at > now ? plan.at : Number.POSITIVE_INFINITY;
    case "authenticates":
      return execution.authentication === null && plan.expiresAt > now
        ? plan.expiresAt
        : Number.POSITIVE_INFINITY;
  }
}

function diff(before: StatusRow | null, after: StatusRow | null, now: number): RowChange | null {
  const commit_timestamp = iso(now);
  if (after === null)
    return before === null
      ? null
      : { type: "DELETE", commit_timestamp, record: null, old_record: pk(before) };
  if (before === null) return { type: "INSERT", commit_timestamp, record: after, old_record: null };
  if (before.status === after.status) return null;
  return { type: "UPDATE", commit_timestamp, record: after, old_record: pk(after) };
}

const pk = (row: StatusRow) => ({ reference_id: row.reference_id });
