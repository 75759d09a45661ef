import {
  DEFAULT_POLLING_POLICY,
  isDollrKitError,
  nextPollDelay,
  normaliseExecutionStatus,
  type PollingPolicy,
  retryAfterOf,
} from "@dollr-kit/core/internal";
import { type Query, useQuery } from "@tanstack/react-query";
import {
  useCallback,
  useEffect,
  useInsertionEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import type { ExecutionResponse } from "../internal/client.ts";
import { PAYMENT_DATA_GC_MS, statusQueryKey } from "../internal/query-keys.ts";
import {
  cacheableExecution,
  statusStreamOf,
  subscribeStatusStreams,
} from "../internal/status-streams.ts";
import { useLatest } from "../internal/use-latest.ts";
import { useNow } from "../internal/use-now.ts";
import { useDollrCheckoutContext } from "../provider/context.ts";
import {
  describeExecutionStatus,
  type ExecutionStatusModel,
  type ExecutionStatusPhase,
  type PaymentKind,
} from "./describe.ts";

/** The operations whose status the kit reads (Dollr's `/v1/status/{operation}/…`). */
export type ExecutionOperation = "collection";

/** After this much waiting the status says "you can leave this page, we keep checking". */
export const DEFAULT_LONG_WAIT_AFTER_MS = 30_000;

export interface UseExecutionStatusOptions {
  /** The execution's `reference_id`. Nothing is fetched while it is empty. */
  referenceId: string | null | undefined;
  /** @default "collection" */
  operation?: ExecutionOperation | undefined;
  /**
   * When the wait began (ms since epoch), e.g. the attempt's send time, so a reload does not
   * restart quick polling or the elapsed time. @default when the hook first ran
   */
  startedAt?: number | undefined;
  /** The kind of account paying, for the words. */
  kind?: PaymentKind | undefined;
  /** The polling schedule and cap. @default the engine's `DEFAULT_POLLING_POLICY` */
  policy?: PollingPolicy | undefined;
  /** @default 30_000 */
  longWaitAfterMs?: number | undefined;
  /** @default true */
  enabled?: boolean | undefined;
  /** Called once when Dollr says the payment succeeded. */
  onSucceeded?: ((execution: ExecutionResponse) => void) | undefined;
  /** Called once when Dollr says the payment failed. */
  onFailed?: ((execution: ExecutionResponse) => void) | undefined;
  /** Called on every phase change. */
  onPhaseChange?: ((phase: ExecutionStatusPhase) => void) | undefined;
}

export interface UseExecutionStatusResult extends ExecutionStatusModel {
  /** Dollr's latest answer. */
  execution: ExecutionResponse | null;
  /** The latest failed check (a `DollrKitError`), or null after a good answer. */
  error: Error | null;
  /** Looks again now and, after `expired`, restarts the polling window. */
  checkAgain: () => void;
}

function isTerminalAnswer(data: ExecutionResponse | undefined): boolean {
  return data !== undefined && normaliseExecutionStatus(data.status).terminal;
}

/** A polling window for a reference, from now. */
function newPollWindow(referenceId: string) {
  return { referenceId, firstSeenAt: Date.now(), restartedAt: null as number | null };
}

/**
 * Polls an execution's status with react-query on the engine's policy: one request at a time,
 * on in a background tab (`refetchIntervalInBackground`), again on focus and on reconnect,
 * through errors with the policy's backoff and `Retry-After` (no react-query retries, which
 * pause in hidden tabs), and never after a terminal status or past the cap (`expired`).
 */
export function useExecutionStatus(options: UseExecutionStatusOptions): UseExecutionStatusResult {
  const { client, clientKey, queryClient, t, locale } =
    useDollrCheckoutContext("useExecutionStatus");
  const operation = options.operation ?? "collection";
  const policy = options.policy ?? DEFAULT_POLLING_POLICY;
  const referenceId = options.referenceId ?? "";
  // The polling window: from `startedAt`, else from when this reference was first seen here,
  // restarted by "Check again". A new reference starts a new window.
  const [pollWindow, setPollWindow] = useState(() => newPollWindow(referenceId));
  if (pollWindow.referenceId !== referenceId) setPollWindow(newPollWindow(referenceId));
  const windowStart = pollWindow.restartedAt ?? options.startedAt ?? pollWindow.firstSeenAt;
  const windowStartRef = useRef(windowStart);
  useInsertionEffect(() => {
    windowStartRef.current = windowStart;
  });
  const consecutiveErrors = useRef(0);
  useEffect(() => {
    if (referenceId !== "") consecutiveErrors.current = 0;
  }, [referenceId]);

  const refetchInterval = useCallback(
    (query: Query<ExecutionResponse, Error>) => {
      const { data, error, status } = query.state;
      if (isTerminalAnswer(data)) return false;
      const delay = nextPollDelay(
        {
          elapsedMs: Date.now() - windowStartRef.current,
          retryAfterMs: status === "error" ? retryAfterOf(error) : undefined,
          consecutiveErrors: status === "error" ? consecutiveErrors.current : 0,
        },
        policy,
      );
      return delay === "expired" ? false : delay;
    },
    [policy],
  );

  const whileWaiting = useCallback(
    (query: Query<ExecutionResponse, Error>) => !isTerminalAnswer(query.state.data),
    [],
  );

  const queryKey = statusQueryKey(clientKey, operation, referenceId);
  // A `<CheckoutFlow>` waiting on this payment drives its query: read it, never ask on our own
  // (one request stream however many views show the payment).
  const stream = useSyncExternalStore(
    subscribeStatusStreams,
    () => statusStreamOf(queryClient, queryKey),
    () => undefined,
  );
  const query = useQuery(
    {
      queryKey,
      // No `signal`: react-query cancels a fetch that read it when the last observer unmounts,
      // so StrictMode's remount (or a quick re-mount) would send a second, overlapping request.
      // Unread, the in-flight request is shared; the client's own timeout still bounds it.
      queryFn: async () => {
        if (stream) return stream.queryFn();
        try {
          const answer = cacheableExecution(await client.getCollectionStatus(referenceId));
          consecutiveErrors.current = 0;
          return answer;
        } catch (error) {
          consecutiveErrors.current += 1;
          throw error;
        }
      },
      // A checkout's stream drives the query: this view only reads it (a disabled observer still
      // gets every answer), so mounting it early sends no read of its own.
      enabled: !stream && referenceId !== "" && options.enabled !== false,
      retry: false,
      gcTime: PAYMENT_DATA_GC_MS,
      staleTime: (query) => (isTerminalAnswer(query.state.data) ? Number.POSITIVE_INFINITY : 0),
      refetchInterval: stream ? false : refetchInterval,
      refetchIntervalInBackground: true,
      refetchOnMount: !stream,
      refetchOnWindowFocus: stream ? false : whileWaiting,
      refetchOnReconnect: stream ? false : whileWaiting,
      // Only what the view shows: an unchanged poll (fetchStatus going fetching → idle) must
      // not re-render the wait.
      notifyOnChangeProps: ["data", "error", "status", "isPaused"],
    },
    queryClient,
  );

  const execution = query.data ?? null;
  const normalised = execution ? normaliseExecutionStatus(execution.status) : null;
  const terminal = normalised?.terminal ?? false;
  const [capReachedAt, setCapReachedAt] = useState<number | null>(null);
  const now = useNow(!terminal && capReachedAt !== windowStart, windowStart);
  const elapsedMs = Math.max(0, now - windowStart);
  const expired = !terminal && elapsedMs >= policy.capMs;
  useEffect(() => {
    if (expired) setCapReachedAt(windowStart);
  }, [expired, windowStart]);

  const lastError = query.status === "error" ? query.error : null;
  const notFound = lastError !== null && isDollrKitError(lastError, "NOT_FOUND");
  let phase: ExecutionStatusPhase;
  if (normalised?.terminal) phase = normalised.state === "succeeded" ? "succeeded" : "failed";
  else if (expired) phase = "expired";
  else if (normalised) phase = normalised.state as ExecutionStatusPhase;
  else if (notFound) phase = "not_found";
  else phase = "loading";

  const model = describeExecutionStatus(
    {
      phase,
      raw: normalised?.raw ?? null,
      reason: execution?.gateway_message ?? execution?.wallet_message ?? null,
      kind: options.kind,
      elapsedMs,
      longWaitAfterMs: options.longWaitAfterMs ?? DEFAULT_LONG_WAIT_AFTER_MS,
      connectionProblem: (lastError !== null && !notFound) || query.isPaused,
      locale,
    },
    t,
  );

  // The callbacks are read when they fire: new inline ones on every render are fine.
  const callbacks = useLatest(options);
  const reported = useRef<string | null>(null);
  useEffect(() => {
    callbacks.current.onPhaseChange?.(phase);
    if (!execution || (phase !== "succeeded" && phase !== "failed")) return;
    const key = `${execution.reference_id}:${phase}`;
    if (reported.current === key) return;
    reported.current = key;
    if (phase === "succeeded") callbacks.current.onSucceeded?.(execution);
    else callbacks.current.onFailed?.(execution);
  }, [phase, execution, callbacks]);

  const { refetch } = query;
  const checkAgain = useCallback(() => {
    const at = Date.now();
    windowStartRef.current = at;
    setPollWindow((current) => ({ ...current, restartedAt: at }));
    consecutiveErrors.current = 0;
    void refetch({ cancelRefetch: false });
  }, [refetch]);

  return {
    ...model,
    execution,
    error: lastError,
    checkAgain,
  };
}
