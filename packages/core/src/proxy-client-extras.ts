/**
 * The proxy calls a checkout page does not need: functions over `client.request` rather than
 * methods, so a page that never shows a receipt or listens for realtime hints does not download
 * them (an object's methods are never tree-shaken).
 *
 * @example
 * const receipt = await getReceipt(client, { source_type: "ORDER", source_id: 12 });
 */
import {
  parseRealtimeKey,
  parseReceipt,
  parseReceiptLink,
  RECEIPT_CONTRACT_PATHS,
  type RealtimeKey,
  type Receipt,
  type ReceiptLink,
  receiptPath,
  type SourceRef,
  type SourceType,
} from "./contract.ts";
import { type CallOptions, type ProxyClient, sourceQuery } from "./proxy-client.ts";

type Requester = Pick<ProxyClient, "request">;

/** `GET /v1/{invoices|orders}/receipt/{id}`: a paid source's receipt (409 until PAID). */
export function getReceipt(
  client: Requester,
  source: SourceRef,
  options?: CallOptions,
): Promise<Receipt> {
  return client.request({ method: "GET", path: receiptPath(source), parse: parseReceipt }, options);
}

/** `GET /v1/links/receipt`: the receipt page's `{url}`, once the source is PAID. */
export function getReceiptLink(
  client: Requester,
  source: SourceRef,
  options?: CallOptions,
): Promise<ReceiptLink> {
  return client.request(
    {
      method: "GET",
      path: RECEIPT_CONTRACT_PATHS.receiptLink,
      query: sourceQuery(source),
      parse: parseReceiptLink,
    },
    options,
  );
}

/** The input of `createRealtimeKey`: the payment's session, source type and reference id. */
export interface RealtimeKeyInput {
  sessionId: string | number;
  sourceType: SourceType;
  referenceId: string;
}

/**
 * `POST /v1/realtime-keys/collection`: a Supabase Realtime key for one payment this customer
 * made (`expires_in` in seconds). Realtime is a hint: status stays the truth. A key has no effect
 * of its own, so a lost answer is never ambiguous (a read's rules).
 */
export function createRealtimeKey(
  client: Requester,
  input: RealtimeKeyInput,
  options?: CallOptions,
): Promise<RealtimeKey> {
  return client.request(
    {
      method: "POST",
      path: RECEIPT_CONTRACT_PATHS.realtimeKey,
      kind: "read",
      parse: parseRealtimeKey,
      body: {
        session_id: String(input.sessionId),
        source_type: input.sourceType,
        reference_id: input.referenceId,
      },
    },
    options,
  );
}
