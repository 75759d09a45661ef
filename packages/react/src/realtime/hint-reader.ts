/**
 * Turns realtime hints into status reads: each hint invalidates the engine's status query, so
 * the engine reads Dollr's status once through it, and acts on that answer as on any poll. A
 * hint never decides anything itself. At most one read per `minIntervalMs` (a burst of changes
 * is one read), and never on top of a read in flight: that read may have left before the change,
 * so the hint's read goes out once it ends.
 */
import { hashKey, type QueryClient, type QueryKey } from "@tanstack/react-query";

/** The least time between two reads a hint asks for. */
export const HINT_READ_INTERVAL_MS = 1_000;

export interface HintReader {
  /** Asks for one status read, now or as soon as allowed. */
  hint(): void;
  /** Drops a read still waiting; later hints do nothing. */
  close(): void;
}

export function createHintReader(
  queryClient: QueryClient,
  queryKey: QueryKey,
  minIntervalMs = HINT_READ_INTERVAL_MS,
  now: () => number = Date.now,
): HintReader {
  const hash = hashKey(queryKey);
  let pending = false;
  let closed = false;
  let lastReadAt = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopWatching: (() => void) | undefined;

  const fetching = () => queryClient.getQueryState(queryKey)?.fetchStatus === "fetching";

  function flush() {
    if (closed || !pending) return;
    const wait = lastReadAt + minIntervalMs - now();
    if (wait > 0) {
      timer ??= setTimeout(() => {
        timer = undefined;
        flush();
      }, wait);
      return;
    }
    if (fetching()) {
      stopWatching ??= queryClient.getQueryCache().subscribe((event) => {
        if (event.query.queryHash !== hash || fetching()) return;
        stopWatching?.();
        stopWatching = undefined;
        flush();
      });
      return;
    }
    pending = false;
    lastReadAt = now();
    // Only the engine's query is refetched (exact key); it is not cancelled if it just started.
    void queryClient.invalidateQueries({ queryKey, exact: true }, { cancelRefetch: false });
  }

  return {
    hint() {
      if (closed) return;
      pending = true;
      flush();
    },
    close() {
      closed = true;
      pending = false;
      if (timer !== undefined) clearTimeout(timer);
      stopWatching?.();
    },
  };
}
