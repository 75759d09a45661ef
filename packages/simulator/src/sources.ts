// Parties, counterparties and payment sources (invoices and orders): records, rules and JSON.
// A source's own state is IDLE → ACTIVE (publish) or CANCELED; PROCESSING and PAID are derived
// from its executions at read time, so they follow the simulator clock.
import type { FeeBearer, SourceType } from "./catalog.ts";
import { type Loc, notFound, unprocessable } from "./errors.ts";
import { decimal, decimalNumber } from "./money.ts";
import { evaluate } from "./outcomes.ts";
import type { World } from "./router.ts";
import { type Counterparty, type Party, type Source, type SourceItem, sourceKey } from "./store.ts";

export type SourceStatus = "IDLE" | "ACTIVE" | "PROCESSING" | "PAID" | "CANCELED";

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function createParty(
  world: World,
  input: { fullname: string; phone: string; email?: string | null; country_code?: string | null },
): Party {
  const now = world.now();
  const party: Party = {
    id: world.store.nextId("party"),
    fullname: input.fullname,
    phone: input.phone,
    email: input.email ?? null,
    country_code: input.country_code ?? null,
    created_at: now,
    updated_at: now,
  };
  world.store.state.parties.set(party.id, party);
  return party;
}

export function partyJson(party: Party) {
  return {
    id: party.id,
    fullname: party.fullname,
    phone: party.phone,
    email: party.email,
    country_code: party.country_code,
    created_at: iso(party.created_at),
    updated_at: iso(party.updated_at),
  };
}

export function requireParty(world: World, id: number, loc: Loc): Party {
  const party = world.store.state.parties.get(id);
  if (!party) throw unprocessable(loc, `party ${id} not found`);
  return party;
}

export function createCounterparty(
  world: World,
  input: { relationship_type: string; party_id?: number | null },
): Counterparty {
  if (input.party_id != null) requireParty(world, input.party_id, ["body", "party_id"]);
  const now = world.now();
  const counterparty: Counterparty = {
    id: world.store.nextId("counterparty"),
    relationship_type: input.relationship_type,
    party_id: input.party_id ?? null,
    created_at: now,
    updated_at: now,
  };
  world.store.state.counterparties.set(counterparty.id, counterparty);
  return counterparty;
}

export function counterpartyJson(world: World, counterparty: Counterparty, withParty = false) {
  const party =
    counterparty.party_id === null
      ? undefined
      : world.store.state.parties.get(counterparty.party_id);
  return {
    id: counterparty.id,
    relationship_type: counterparty.relationship_type,
    party_id: counterparty.party_id,
    created_at: iso(counterparty.created_at),
    updated_at: iso(counterparty.updated_at),
    ...(withParty ? { party: party ? partyJson(party) : null } : {}),
  };
}

export interface NewSource {
  type: SourceType;
  counterparty_id: number;
  currency: string;
  note?: string | null;
  fee_bearer: FeeBearer;
  as_payment_link?: boolean;
  reference_id?: string | null;
  due_date?: string | null;
}

export function createSource(world: World, input: NewSource): Source {
  if (!world.store.state.counterparties.has(input.counterparty_id))
    throw unprocessable(
      ["body", "counterparty_id"],
      `counterparty ${input.counterparty_id} not found`,
    );
  const now = world.now();
  const id = world.store.nextId(input.type === "INVOICE" ? "invoice" : "order");
  const prefix = input.type === "INVOICE" ? "INV" : "ORD";
  const source: Source = {
    type: input.type,
    id,
    number: `${prefix}-${new Date(now).getUTCFullYear()}-${String(id).padStart(5, "0")}`,
    state: "IDLE",
    currency: input.currency,
    note: input.note ?? null,
    fee_bearer: input.fee_bearer,
    as_payment_link: input.as_payment_link ?? false,
    counterparty_id: input.counterparty_id,
    reference_id: input.reference_id ?? null,
    due_date: input.due_date ?? null,
    items: [],
    created_at: now,
    updated_at: now,
  };
  world.store.state.sources.set(sourceKey(source.type, source.id), source);
  return source;
}

export function findSource(world: World, type: SourceType, id: number): Source | undefined {
  return world.store.state.sources.get(sourceKey(type, id));
}

/** A source named by a path or query parameter: 404 when it does not exist. */
export function getSource(world: World, type: SourceType, id: number): Source {
  const source = findSource(world, type, id);
  if (!source) throw notFound(`${type === "INVOICE" ? "Invoice" : "Order"} not found`);
  return source;
}

/** Where a rule broken by a source's own state is reported: its id in the path. */
export function pathLoc(source: Source): Loc {
  return ["path", source.type === "INVOICE" ? "invoice_id" : "order_id"];
}

export function addItem(
  world: World,
  source: Source,
  input: { name: string; currency: string; qty: number; amountMinor: bigint },
): SourceItem {
  if (source.state !== "IDLE")
    throw unprocessable(
      pathLoc(source),
      `items cannot change after publish: the source is ${source.state}`,
    );
  if (input.currency !== source.currency)
    throw unprocessable(
      ["body", "currency"],
      `item currency ${input.currency} does not match the source currency ${source.currency}`,
    );
  const now = world.now();
  const item: SourceItem = {
    id: world.store.nextId("item"),
    ...input,
    created_at: now,
    updated_at: now,
  };
  source.items.push(item);
  source.updated_at = now;
  return item;
}

export function totalMinor(source: Source): bigint {
  return source.items.reduce((sum, item) => sum + item.amountMinor * BigInt(item.qty), 0n);
}

export function publishSource(world: World, source: Source): void {
  if (source.state !== "IDLE")
    throw unprocessable(
      pathLoc(source),
      `only an IDLE source can be published: it is ${source.state}`,
    );
  if (totalMinor(source) <= 0n)
    throw unprocessable(pathLoc(source), "a source needs at least one item before it is published");
  source.state = "ACTIVE";
  source.updated_at = world.now();
}

export function cancelSource(world: World, source: Source): void {
  const { status } = sourceProgress(world, source);
  if (status === "PROCESSING")
    throw unprocessable(pathLoc(source), "cannot cancel a source while it is PROCESSING");
  if (status === "PAID" || status === "CANCELED")
    throw unprocessable(pathLoc(source), `cannot cancel a source that is ${status}`);
  source.state = "CANCELED";
  source.updated_at = world.now();
}

/**
 * The source's status now: its own IDLE/CANCELED state, else PAID once an execution for it
 * succeeded, PROCESSING while one is in progress, ACTIVE otherwise (after a failure too).
 */
export function sourceProgress(
  world: World,
  source: Source,
): { status: SourceStatus; paidAt: number | null } {
  if (source.state !== "ACTIVE") return { status: source.state, paidAt: null };
  const now = world.now();
  let processing = false;
  for (const referenceId of world.store.state.executionsBySource.get(
    sourceKey(source.type, source.id),
  ) ?? []) {
    const execution = world.store.state.executions.get(referenceId);
    if (!execution) continue;
    const state = evaluate(execution, now);
    if (state.phase === "succeeded") return { status: "PAID", paidAt: state.settledAt };
    if (state.phase === "processing") processing = true;
  }
  return { status: processing ? "PROCESSING" : "ACTIVE", paidAt: null };
}

/** `InvoiceItemResponse` (an order's item too). Amounts are JSON numbers, as Dollr's examples. */
export function itemJson(item: SourceItem) {
  return {
    id: item.id,
    name: item.name,
    currency: item.currency,
    qty: item.qty,
    amount: decimalNumber(item.amountMinor, item.currency),
    created_at: iso(item.created_at),
    updated_at: iso(item.updated_at),
  };
}

/** `InvoiceResponse` / the order equivalent. */
export function sourceJson(world: World, source: Source) {
  const invoice = source.type === "INVOICE";
  return {
    id: source.id,
    [invoice ? "invoice_number" : "order_number"]: source.number,
    status: sourceProgress(world, source).status,
    currency: source.currency,
    note: source.note,
    fee_bearer: source.fee_bearer,
    as_payment_link: source.as_payment_link,
    counterparty_id: source.counterparty_id,
    reference_id: source.reference_id,
    due_date: source.due_date,
    total_amount: decimalNumber(totalMinor(source), source.currency),
    created_at: iso(source.created_at),
    updated_at: iso(source.updated_at),
  };
}

/** `InvoiceDetailResponse`: the source with its items and counterparty. */
export function sourceDetailJson(world: World, source: Source) {
  const counterparty = world.store.state.counterparties.get(source.counterparty_id);
  return {
    ...sourceJson(world, source),
    [source.type === "INVOICE" ? "invoice_items" : "order_items"]: source.items.map(itemJson),
    counterparty: counterparty ? counterpartyJson(world, counterparty, true) : null,
  };
}

/** `PaymentSourceStatusResponse` (`total_amount` a JSON number, as the OpenAPI example). */
export function sourceStatusJson(world: World, source: Source) {
  const { status, paidAt } = sourceProgress(world, source);
  return {
    source_id: source.id,
    source_type: source.type,
    source_number: source.number,
    status,
    currency: source.currency,
    total_amount: decimalNumber(totalMinor(source), source.currency),
    paid_at: paidAt === null ? null : iso(paidAt),
  };
}

/** The answer of `POST /__simulator/sources` (the simulator's own: amounts as decimal strings). */
export function sourceSummaryJson(world: World, source: Source) {
  const counterparty = world.store.state.counterparties.get(source.counterparty_id);
  return {
    source_type: source.type,
    source_id: source.id,
    source_number: source.number,
    party_id: counterparty?.party_id ?? null,
    counterparty_id: source.counterparty_id,
    currency: source.currency,
    total_amount: decimal(totalMinor(source), source.currency),
    fee_bearer: source.fee_bearer,
    status: sourceProgress(world, source).status,
  };
}
