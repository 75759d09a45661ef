// The ledger tests read: every execution and every source, as they stand at the simulator's now.
import { decimal } from "./money.ts";
import { evaluate, statusWord } from "./outcomes.ts";
import type { World } from "./router.ts";
import { iso, sourceProgress, totalMinor } from "./sources.ts";

export interface LedgerExecution {
  reference_id: string;
  operation_type: "COLLECTION" | "PAYOUT";
  session_id: string;
  payment_account_id: string;
  source_type: "INVOICE" | "ORDER" | null;
  source_id: number | null;
  /** What the payer pays, in `currency` (a decimal string). */
  amount: string;
  currency: string;
  payee_amount: string;
  payee_currency: string;
  status: string;
  requires_action: boolean;
  /** How many execute requests named this reference id (replays and rejected duplicates too). */
  execute_calls: number;
  /** How many different payloads were sent with this reference id (more than 1: duplicates). */
  payloads: number;
  created_at: string;
  settled_at: string | null;
}

export interface LedgerSource {
  source_type: "INVOICE" | "ORDER";
  source_id: number;
  source_number: string;
  status: string;
  currency: string;
  total_amount: string;
  paid_at: string | null;
}

export interface Ledger {
  now: string;
  executions: LedgerExecution[];
  sources: LedgerSource[];
}

export function ledgerJson(world: World): Ledger {
  const now = world.now();
  const executions = [...world.store.state.executions.values()].map((execution) => {
    const state = evaluate(execution, now);
    return {
      reference_id: execution.reference_id,
      operation_type: execution.operation_type,
      session_id: String(execution.session_id),
      payment_account_id: String(execution.payment_account_id),
      source_type: execution.source?.type ?? null,
      source_id: execution.source?.id ?? null,
      amount: decimal(execution.payerMinor, execution.payer_currency),
      currency: execution.payer_currency,
      payee_amount: decimal(execution.payeeMinor, execution.payee_currency),
      payee_currency: execution.payee_currency,
      status: statusWord(execution, state.phase),
      requires_action: state.requiresAction,
      execute_calls: execution.execute_calls,
      payloads: execution.payloads.size,
      created_at: iso(execution.created_at),
      settled_at: state.settledAt === null ? null : iso(state.settledAt),
    };
  });
  const sources = [...world.store.state.sources.values()].map((source) => {
    const { status, paidAt } = sourceProgress(world, source);
    return {
      source_type: source.type,
      source_id: source.id,
      source_number: source.number,
      status,
      currency: source.currency,
      total_amount: decimal(totalMinor(source), source.currency),
      paid_at: paidAt === null ? null : iso(paidAt),
    };
  });
  return { now: iso(now), executions, sources };
}
