import {
  DEFAULT_POLLING_POLICY,
  isDollrKitError,
  nextPollDelay,
  normaliseSourceStatus,
  type PaymentSourceStatus,
  type PollingPolicy,
  retryAfterOf,
} from "@dollr-kit/core/internal";
import { type Query, useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useInsertionEffect, useRef, useSyncExternalStore } from "react";
import { customerWordsFor } from "../internal/error-words.ts";
import {
  PAYMENT_DATA_GC_MS,
  receiptQueryKey,
  sourceStatusQueryKey,
} from "../internal/query-keys.ts";
import { useLatest } from "../internal/use-latest.ts";
import { paymentReturnMessages } from "../messages.ts";
import { useDollrCheckoutContext } from "../provider/context.ts";
import {
  describePaymentReturn,
  type PaymentReturnModel,
  type PaymentReturnPhase,
} from "./describe.ts";
import { moneyText } from "./money-text.ts";
import { usePollWindow, useWakeAt } from "./poll-window.ts";
import { type PaymentSource, sourceRefOf } from "./source.ts";

/**
 * How long an ACTIVE (or IDLE) source is still asked about after the page opens: Dollr's page
 * may send the customer back before the payment shows on the source (a wallet prompt just
 * sent, a card just confirmed). With the default policy that is about 12 requests; after it,
 * the page says the payment has not started, and looks again on focus, on reconnect and on
 * "Check again".
 */
export const DEFAULT_ACTIVE_GRACE_MS = 30_000;

export interface UsePaymentReturnOptions {
  /** The invoice or order the customer came back for. Nothing is fetched while it is empty. */
  source: PaymentSource | null | undefined;
  /** The polling schedule and cap (PROCESSING). @default the engine's `DEFAULT_POLLING_POLICY` */
  policy?: PollingPolicy | undefined;
  /** How long ACTIVE/IDLE is still polled after the page opens. @default 30_000 */
  activeGraceMs?: number | undefined;
  /** @default true */
  enabled?: boolean | undefined;
  /** Called once when the proxy says the source is PAID, with its status. */
  onPaid?: ((status: PaymentSourceStatus) => void) | undefined;
  /** Called once when the proxy says the source is CANCELED. */
  onCanceled?: ((status: PaymentSourceStatus) => void) | undefined;
  /** Called on every phase change. */
  onPhaseChange?: ((phase: PaymentReturnPhase) => void) | undefined;
}

export interface UsePaymentReturnResult extends PaymentReturnModel {
  /** The proxy's latest answer (`GET /v1/status/source`). */
  status: PaymentSourceStatus | null;
  /** The latest failed check (a `DollrKitError`), or null after a good answer. */
  error: Error | null;
  /** Looks again now, and restarts the polling window (and the ACTIVE grace). */
  checkAgain: () => void;
}

// After these the proxy will not tell this customer about the source: a timer cannot help.
const isRefusal = (error: unknown) =>
  isDollrKitError(error, "NOT_FOUND", "FORBIDDEN", "UNAUTHORIZED", "VALIDATION");

const isFinal = (data: PaymentSourceStatus | undefined) =>
  data !== undefined && normaliseSourceStatus(data.status).terminal;

const isLanding = (state: string | null | undefined) => state === "active" || state === "idle";

const subscribeNothing = () => () => {};

function refusalPhase(error: Error): PaymentReturnPhase {
  if (isDollrKitError(error, "NOT_FOUND")) return "not_found";
  if (isDollrKitError(error, "FORBIDDEN")) return "forbidden";
  return "refused";
}

/**
 * The return page (`success_url` / `cancel_url`): the source's status from the proxy, never
 * from the URL. Polls with react-query on the engine's policy while PROCESSING (and for
 * `activeGraceMs` after the page opens while ACTIVE), again on focus and on reconnect, through
 * errors with backoff and `Retry-After`, and never after PAID or CANCELED. The query is the one
 * `<CheckoutFlow>` reads its source with (`kitQueryKeys.sourceStatus`).
 */
export function usePaymentReturn(options: UsePaymentReturnOptions): UsePaymentReturnResult {
  const context = useDollrCheckoutContext("usePaymentReturn");
  const { client, clientKey, queryClient, locale } = context;
  const t = context.t.with(paymentReturnMessages);
  const policy = options.policy ?? DEFAULT_POLLING_POLICY;
  const graceMs = options.activeGraceMs ?? DEFAULT_ACTIVE_GRACE_MS;
  const ref = sourceRefOf(options.source);
  const sourceType = ref?.source_type;
  const sourceId = ref?.source_id;
  // As `refetchInterval` reads it back from the query key.
  const sourceKey = `${sourceType ?? ""}:${sourceId ?? 0}`;
  const enabled = ref !== null && options.enabled !== false;
  const consecutiveErrors = useRef(0);
  const windows = usePollWindow();
  const { windowFor } = windows;
  const settings = useRef({ graceMs, policy });
  useInsertionEffect(() => {
    settings.current = { graceMs, policy };
  });

  const refetchInterval = useCallback(
    (query: Query<PaymentSourceStatus, Error>) => {
      const { data, dataUpdatedAt, error, status } = query.state;
      const failing = status === "error";
      if ((failing && isRefusal(error)) || isFinal(data)) return false;
      const state = data ? normaliseSourceStatus(data.status).state : null;
      const [, , , type, id] = query.queryKey;
      const { startedAt } = windowFor(`${type}:${id}`, state, dataUpdatedAt);
      const elapsedMs = Date.now() - startedAt;
      if (isLanding(state) && elapsedMs >= settings.current.graceMs) return false;
      const delay = nextPollDelay(
        {
          elapsedMs,
          retryAfterMs: failing ? retryAfterOf(error) : undefined,
          consecutiveErrors: failing ? consecutiveErrors.current : 0,
        },
        settings.current.policy,
      );
      return delay === "expired" ? false : delay;
    },
    [windowFor],
  );

  const whileOpen = useCallback(
    (query: Query<PaymentSourceStatus, Error>) => !isFinal(query.state.data),
    [],
  );

  const query = useQuery(
    {
      queryKey: sourceStatusQueryKey(clientKey, sourceType ?? "", sourceId ?? 0),
      // No `signal`, as in useExecutionStatus: a quick remount shares the request in flight.
      queryFn: async () => {
        if (!ref) throw new Error("usePaymentReturn: no source to ask about");
        try {
          const answer = await client.getSourceStatus(ref);
          consecutiveErrors.current = 0;
          return answer;
        } catch (error) {
          consecutiveErrors.current += 1;
          throw error;
        }
      },
      enabled,
      retry: false,
      gcTime: PAYMENT_DATA_GC_MS,
      staleTime: (q) => (isFinal(q.state.data) ? Number.POSITIVE_INFINITY : 0),
      refetchInterval,
      refetchIntervalInBackground: true,
      refetchOnWindowFocus: whileOpen,
      refetchOnReconnect: whileOpen,
      notifyOnChangeProps: ["data", "error", "status", "isPaused"],
    },
    queryClient,
  );

  const data = query.data;
  const normalised = data ? normaliseSourceStatus(data.status) : null;
  const observed = normalised?.state ?? null;
  const pollWindow = windowFor(sourceKey, observed, query.dataUpdatedAt);

  // Elapsed time only once mounted, so a server render and hydration agree.
  const mounted = useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
  const elapsedMs = mounted ? Math.max(0, Date.now() - pollWindow.startedAt) : 0;
  const error = query.status === "error" ? query.error : null;
  const refusal = error && isRefusal(error) ? error : null;
  let phase: PaymentReturnPhase;
  let checking = false;
  if (!ref) phase = "not_found";
  else if (refusal) phase = refusalPhase(refusal);
  else if (observed === "paid" || observed === "canceled") phase = observed;
  else if (isLanding(observed)) {
    phase = observed as "active" | "idle";
    checking = enabled && elapsedMs < graceMs;
  } else {
    const expired = enabled && elapsedMs >= policy.capMs;
    phase = expired ? "expired" : ((observed as "processing" | "unknown" | null) ?? "loading");
    checking = enabled && !expired;
  }

  // One re-render when the grace or the cap runs out.
  useWakeAt(
    checking ? pollWindow.startedAt + (isLanding(phase) ? graceMs : policy.capMs) : null,
    windows.rerender,
  );

  const refused = phase === "not_found" || phase === "forbidden" || phase === "refused";
  const amount = data ? moneyText(data.total_amount, data.currency, locale) : null;
  const number = data?.source_number.trim().slice(0, 64) ?? "";
  const summary =
    data && !refused && amount && number !== ""
      ? t(sourceType === "ORDER" ? "paymentReturn.summaryOrder" : "paymentReturn.summaryInvoice", {
          number,
          amount,
        })
      : null;
  const model = describePaymentReturn(
    {
      phase,
      raw: normalised?.raw ?? null,
      checking,
      connectionProblem: (error !== null && !refusal) || query.isPaused,
      refusal: phase === "refused" && refusal ? customerWordsFor(refusal, t) : null,
      summary,
      checkable: enabled,
    },
    t,
  );

  // The callbacks are read when they fire: new inline ones on every render are fine.
  const callbacks = useLatest(options);
  const reported = useRef("");
  useEffect(() => {
    callbacks.current.onPhaseChange?.(phase);
  }, [phase, callbacks]);
  useEffect(() => {
    if (!data || !sourceType || !sourceId || (phase !== "paid" && phase !== "canceled")) return;
    const key = `${sourceType}:${sourceId}:${phase}`;
    if (reported.current === key) return;
    reported.current = key;
    if (phase === "canceled") {
      callbacks.current.onCanceled?.(data);
      return;
    }
    // A receipt on the page that was not ready (409) is ready now.
    void queryClient.invalidateQueries({
      queryKey: receiptQueryKey(clientKey, sourceType, sourceId),
    });
    callbacks.current.onPaid?.(data);
  }, [phase, data, sourceType, sourceId, callbacks, queryClient, clientKey]);

  const { refetch } = query;
  const { restart } = windows;
  const checkAgain = useCallback(() => {
    if (!enabled) return;
    restart();
    consecutiveErrors.current = 0;
    void refetch({ cancelRefetch: false });
  }, [enabled, refetch, restart]);

  return { ...model, status: data ?? null, error, checkAgain };
}
