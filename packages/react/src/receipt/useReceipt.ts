import {
  getReceipt,
  getReceiptLink,
  isDollrKitError,
  type Receipt,
} from "@dollr-kit/core/internal";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { checkPageUrl } from "../hosted-checkout/page-url.ts";
import { customerWordsFor } from "../internal/error-words.ts";
import {
  PAYMENT_DATA_GC_MS,
  receiptLinkQueryKey,
  receiptQueryKey,
} from "../internal/query-keys.ts";
import { receiptMessages } from "../messages.ts";
import type { PaymentSource } from "../payment-return/source.ts";
import { sourceRefOf } from "../payment-return/source.ts";
import { useDollrCheckoutContext } from "../provider/context.ts";
import { type ReceiptDetails, receiptDetails } from "./details.ts";

/**
 * Where the receipt stands (`data-state`):
 * - `loading`: no answer yet;
 * - `ready`: the receipt is shown;
 * - `not_ready`: the source is not PAID yet (the proxy's 409);
 * - `not_found` (404, or a `source` that is not an invoice or order) / `forbidden` (403);
 * - `error`: it could not be read (network, the service): "Try again".
 */
export type ReceiptPhase = "loading" | "ready" | "not_ready" | "not_found" | "forbidden" | "error";

/** The link to Dollr's own receipt page: `off` unless asked for. */
export type ReceiptLinkPhase = "off" | "loading" | "ready" | "error";

export interface UseReceiptOptions {
  /** The paid invoice or order. Nothing is fetched while it is empty. */
  source: PaymentSource | null | undefined;
  /** Also fetch the link to Dollr's own receipt page (`GET /v1/links/receipt`). @default false */
  showDollrReceiptLink?: boolean | undefined;
  /** @default true */
  enabled?: boolean | undefined;
}

export interface UseReceiptResult {
  phase: ReceiptPhase;
  /** The proxy's receipt, as parsed (amounts are decimal strings). */
  receipt: Receipt | null;
  /** Every line of the receipt, worded and formatted in the provider's locale. */
  details: ReceiptDetails | null;
  /** The words for a phase other than `ready`; null when ready. */
  message: string | null;
  /** What to do, after an error; else null. */
  hint: string | null;
  /** What the live region says. */
  announcement: string;
  /** The latest failed read (a `DollrKitError`), or null. */
  error: Error | null;
  /** Dollr's receipt page (an https link), once fetched and checked. */
  dollrReceiptUrl: string | null;
  linkPhase: ReceiptLinkPhase;
  /** Reads the receipt again (after `not_ready` or `error`). */
  retry: () => void;
}

// A receipt never changes once it exists; until then it is asked again on focus, on reconnect,
// on `retry`, and when `usePaymentReturn` sees the source PAID (it invalidates this query).
const RECEIPT_STALE_MS = Number.POSITIVE_INFINITY;
const LINK_STALE_MS = 5 * 60_000;

function phaseOf(error: Error): ReceiptPhase {
  if (isDollrKitError(error) && error.status === 409) return "not_ready";
  if (isDollrKitError(error, "NOT_FOUND")) return "not_found";
  if (isDollrKitError(error, "FORBIDDEN")) return "forbidden";
  return "error";
}

/**
 * A paid invoice's or order's receipt from the proxy (core's `getReceipt`), formatted for
 * the customer: the amount paid (and the fee), the number, the items, the payment method
 * (operator or brand and the last digits only), when, and Dollr's reference. Before PAID the
 * proxy answers 409: `not_ready`.
 */
export function useReceipt(options: UseReceiptOptions): UseReceiptResult {
  const context = useDollrCheckoutContext("useReceipt");
  const { client, clientKey, queryClient, locale } = context;
  const t = context.t.with(receiptMessages);
  const ref = sourceRefOf(options.source);
  const type = ref?.source_type ?? "INVOICE";
  const id = ref?.source_id ?? 0;
  const enabled = ref !== null && options.enabled !== false;

  const query = useQuery(
    {
      queryKey: receiptQueryKey(clientKey, type, id),
      // No `signal`: StrictMode's remount would cancel the read and send a second one.
      queryFn: () => getReceipt(client, { source_type: type, source_id: id }),
      enabled,
      retry: false,
      staleTime: RECEIPT_STALE_MS,
      gcTime: PAYMENT_DATA_GC_MS,
    },
    queryClient,
  );
  const receipt = query.data ?? null;

  const wantsLink = options.showDollrReceiptLink === true && receipt !== null && enabled;
  const link = useQuery(
    {
      queryKey: receiptLinkQueryKey(clientKey, type, id),
      queryFn: () => getReceiptLink(client, { source_type: type, source_id: id }),
      enabled: wantsLink,
      retry: false,
      staleTime: LINK_STALE_MS,
      gcTime: PAYMENT_DATA_GC_MS,
    },
    queryClient,
  );

  const details = useMemo(
    () => (receipt ? receiptDetails(receipt, { sourceType: type, locale, t }) : null),
    [receipt, type, locale, t],
  );

  const error = query.status === "error" ? query.error : null;
  let phase: ReceiptPhase;
  if (!ref) phase = "not_found";
  else if (receipt) phase = "ready";
  else if (error) phase = phaseOf(error);
  else phase = "loading";

  let message: string | null = null;
  let hint: string | null = null;
  if (phase === "loading") message = t("receipt.loading");
  else if (phase === "not_ready") message = t("receipt.notReady");
  else if (phase === "not_found") message = t("receipt.notFound");
  else if (phase === "forbidden") message = t("receipt.forbidden");
  else if (phase === "error") {
    message = t("receipt.failed");
    hint = customerWordsFor(error, t).action;
  }

  // Only a link that passes the same rules as the hosted checkout's is rendered.
  const checked = link.data ? checkPageUrl(link.data.url) : null;
  const dollrReceiptUrl = checked?.ok ? checked.url : null;
  let linkPhase: ReceiptLinkPhase = "off";
  if (wantsLink) {
    if (dollrReceiptUrl) linkPhase = "ready";
    else if (link.status === "error" || (checked && !checked.ok)) linkPhase = "error";
    else linkPhase = "loading";
  }

  const announcement =
    phase === "ready"
      ? details?.amountPaid
        ? t("receipt.ready", { amount: details.amountPaid })
        : ""
      : [message, hint].filter(Boolean).join(" ");

  const { refetch } = query;
  const retry = useCallback(() => {
    if (enabled) void refetch({ cancelRefetch: false });
  }, [enabled, refetch]);

  return {
    phase,
    receipt,
    details,
    message,
    hint,
    announcement,
    error,
    dollrReceiptUrl,
    linkPhase,
    retry,
  };
}
