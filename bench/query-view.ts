/**
 * A second view of a payment's status query, as `useExecutionStatus` observes it while a
 * `<CheckoutFlow>` engine drives that query (packages/react/src/execution-status/
 * useExecutionStatus.ts, `stream` set): it reads through the engine's stream and never asks on
 * its own (no interval, no refetch on mount, focus or reconnect). A bare QueryObserver with those
 * options stands for the hook, so the polling bench needs no React: keep the two in step.
 */
import { normaliseExecutionStatus } from "../packages/core/src/internal.ts";
import type { ExecutionResponse } from "../packages/react/src/internal/client.ts";
import { PAYMENT_DATA_GC_MS } from "../packages/react/src/internal/query-keys.ts";
import { statusStreamOf } from "../packages/react/src/internal/status-streams.ts";
import { type QueryClient, QueryObserver } from "./query-clock.ts";

const isTerminal = (data: ExecutionResponse | undefined) =>
  data !== undefined && normaliseExecutionStatus(data.status).terminal;

/** Mounts the view; throws if no engine stream runs for `queryKey` (the case measured). */
export function mountStatusView(queryClient: QueryClient, queryKey: readonly unknown[]) {
  const stream = statusStreamOf(queryClient, queryKey);
  if (!stream) throw new Error("bench: the view was mounted before the engine's status stream");
  const observer = new QueryObserver<ExecutionResponse, Error>(queryClient, {
    queryKey,
    queryFn: () => stream.queryFn(),
    // As useExecutionStatus does while a checkout's stream runs: it only reads the query.
    enabled: false,
    retry: false,
    gcTime: PAYMENT_DATA_GC_MS,
    staleTime: (query) => (isTerminal(query.state.data) ? Number.POSITIVE_INFINITY : 0),
    refetchInterval: false,
    refetchIntervalInBackground: true,
    refetchOnMount: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    notifyOnChangeProps: ["data", "error", "status", "isPaused"],
  });
  let updates = 0;
  const unsubscribe = observer.subscribe(() => {
    updates += 1;
  });
  return {
    /** The status word the view shows now. */
    status: () => observer.getCurrentResult().data?.status ?? null,
    /** Times the view was told of a change. */
    updates: () => updates,
    unmount: unsubscribe,
  };
}
