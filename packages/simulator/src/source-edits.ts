// Editing a draft: updating an IDLE invoice or order, and updating or removing one of its items.
// Once published, a source and its items are fixed (api-notes §2.4), answered as 422s like
// `addItem`'s.
import type { FeeBearer } from "./catalog.ts";
import { notFound, unprocessable } from "./errors.ts";
import type { World } from "./router.ts";
import { pathLoc } from "./sources.ts";
import type { Source, SourceItem } from "./store.ts";

function assertDraft(source: Source, what: string): void {
  if (source.state !== "IDLE")
    throw unprocessable(
      pathLoc(source),
      `${what} cannot change after publish: the source is ${source.state}`,
    );
}

export interface SourceChanges {
  counterparty_id?: number;
  currency?: string;
  note?: string | null;
  fee_bearer?: FeeBearer;
  as_payment_link?: boolean;
  reference_id?: string | null;
  due_date?: string | null;
}

/** `PUT …/update/{id}`: changes the fields given, on an IDLE source only. */
export function updateSource(world: World, source: Source, changes: SourceChanges): void {
  assertDraft(source, "a source");
  if (
    changes.counterparty_id !== undefined &&
    !world.store.state.counterparties.has(changes.counterparty_id)
  )
    throw unprocessable(
      ["body", "counterparty_id"],
      `counterparty ${changes.counterparty_id} not found`,
    );
  const { currency } = changes;
  if (currency !== undefined && source.items.some((item) => item.currency !== currency))
    throw unprocessable(
      ["body", "currency"],
      `currency ${currency} does not match the items' currency ${source.currency}: remove them first`,
    );
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined) Object.assign(source, { [key]: value });
  }
  source.updated_at = world.now();
}

/** The item named by its id in the path: 404 when the source has no such item. */
export function findItem(source: Source, itemId: number): SourceItem {
  const item = source.items.find((candidate) => candidate.id === itemId);
  if (!item) throw notFound("Item not found");
  return item;
}

/** `PUT …/items/{id}/update`: name, qty and amount (minor units, checked by the caller). */
export function updateItem(
  world: World,
  source: Source,
  item: SourceItem,
  changes: { name?: string; qty?: number; amountMinor?: bigint },
): void {
  assertDraft(source, "items");
  if (changes.name !== undefined) item.name = changes.name;
  if (changes.qty !== undefined) item.qty = changes.qty;
  if (changes.amountMinor !== undefined) item.amountMinor = changes.amountMinor;
  const now = world.now();
  item.updated_at = now;
  source.updated_at = now;
}

/** `DELETE …/items/{id}/remove`. */
export function removeItem(world: World, source: Source, item: SourceItem): void {
  assertDraft(source, "items");
  source.items = source.items.filter((candidate) => candidate !== item);
  source.updated_at = world.now();
}
