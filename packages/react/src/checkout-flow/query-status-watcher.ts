/**
 * The engine's status watcher over the host's react-query `QueryClient`: each wait is one
 * `QueryObserver` on the kit's status key for its reference id, so it is refetched on window
 * focus and on reconnect, shows in TanStack Query's devtools, and is shared with every
 * `useExecutionStatus` of the same payment (which reads it without polling on its own). The
 * engine paces it (`refetchInterval` from its policy); react-query never retries on its own.
 */
import type { StatusWatcher } from "@dollr-kit/core/internal";
import { type QueryClient, QueryObserver, timeoutManager } from "@tanstack/react-query";
import type { ExecutionResponse } from "../internal/client.ts";
import { PAYMENT_DATA_GC_MS, statusQueryKey } from "../internal/query-keys.ts";
import { cacheableExecution, registerStatusStream } from "../internal/status-streams.ts";

export function queryStatusWatcher(queryClient: QueryClient, clientKey: string): StatusWatcher {
  return (spec, firstDelayMs) => {
    const queryKey = statusQueryKey(clientKey, "collection", spec.referenceId);
    let closed = false;
    const queryFn = async () =>
      cacheableExecution((await spec.read()) as ExecutionResponse) as ExecutionResponse;
    const unregister = registerStatusStream(queryClient, queryKey, { queryFn });
    const observer = new QueryObserver<ExecutionResponse, Error>(queryClient, {
      queryKey,
      queryFn,
      // Not before the first read is due (an execute just answered: its first check is later).
      enabled: firstDelayMs <= 0,
      // Whatever the cache holds is not this wait's answer: the first read always goes out.
      refetchOnMount: "always",
      staleTime: 0,
      gcTime: PAYMENT_DATA_GC_MS,
      retry: false,
      refetchInterval: () => {
        if (closed) return false;
        const delay = spec.nextDelay();
        // 0 would mean "no interval" to react-query.
        return delay === null ? false : Math.max(1, delay);
      },
      // A hidden page waits (react-query's default): the payer approving on the phone comes
      // back to a page that asks at once (focus), and the server follows the payment meanwhile.
      refetchIntervalInBackground: false,
      refetchOnWindowFocus: true,
      refetchOnReconnect: true,
      // A fetch started by a view that reads this query is the same request, not a second one.
      notifyOnChangeProps: [],
    });
    const unsubscribe = observer.subscribe(() => {});
    const enable = () => {
      if (!closed && !observer.options.enabled) {
        observer.setOptions({ ...observer.options, enabled: true });
      }
    };
    // A hint (realtime) invalidates the query: before its first read is due, that read goes now.
    const unsubscribeCache = queryClient.getQueryCache().subscribe((event) => {
      if (
        event.type === "updated" &&
        event.action.type === "invalidate" &&
        event.query === observer.getCurrentQuery()
      ) {
        enable();
      }
    });
    // react-query's own timers (a host's timeout provider applies to them too).
    const firstTimer = firstDelayMs > 0 ? timeoutManager.setTimeout(enable, firstDelayMs) : null;
    return {
      refetch(delayMs = 0) {
        if (closed) return;
        const go = () => {
          if (closed) return;
          if (!observer.options.enabled) enable();
          else void observer.refetch({ cancelRefetch: false });
        };
        if (delayMs > 0) timeoutManager.setTimeout(go, delayMs);
        else go();
      },
      close() {
        closed = true;
        if (firstTimer !== null) timeoutManager.clearTimeout(firstTimer);
        unsubscribe();
        unsubscribeCache();
        unregister();
      },
    };
  };
}
