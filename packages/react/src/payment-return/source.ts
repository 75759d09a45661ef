import type { SourceRef, SourceType } from "@dollr-kit/core/internal";

/**
 * The invoice or order a return page or a receipt is about: `{ type: "ORDER", id: 42 }`, e.g.
 * the `source` your server's checkout answered (extra fields such as `number` are ignored).
 * Take it from your own records or your own ids in the return URL: never a status from the URL.
 */
export interface PaymentSource {
  type: SourceType;
  /** Dollr's integer `source_id`. */
  id: number;
}

/**
 * The source as the proxy client names it, or null when `source` is not an invoice or order
 * with a positive integer id (a hostile or garbled value, e.g. read from a query string).
 */
export function sourceRefOf(source: unknown): SourceRef | null {
  if (typeof source !== "object" || source === null) return null;
  const { type, id } = source as { type?: unknown; id?: unknown };
  if (type !== "INVOICE" && type !== "ORDER") return null;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 1) return null;
  return { source_type: type, source_id: id };
}
