/**
 * The status queries a checkout engine drives, by query key, per QueryClient: while a
 * `<CheckoutFlow>` waits on a reference id, any `useExecutionStatus` for the same id reads the
 * same query without asking on its own, so one request stream goes out however many views
 * show the payment.
 */
import type { QueryClient, QueryKey } from "@tanstack/react-query";
import { hashKey } from "@tanstack/react-query";
import type { ExecutionResponse } from "./client.ts";

/** How the engine's status query fetches (shared by every view of it). */
export interface StatusStream {
  queryFn: () => Promise<ExecutionResponse>;
}

const streams = new WeakMap<QueryClient, Map<string, StatusStream>>();
const listeners = new Set<() => void>();

/** Registers the engine's stream for `queryKey`; answers the unregister. */
export function registerStatusStream(
  queryClient: QueryClient,
  queryKey: QueryKey,
  stream: StatusStream,
): () => void {
  let byKey = streams.get(queryClient);
  if (!byKey) {
    byKey = new Map();
    streams.set(queryClient, byKey);
  }
  const hash = hashKey(queryKey);
  byKey.set(hash, stream);
  notify();
  return () => {
    if (byKey?.get(hash) === stream) byKey.delete(hash);
    notify();
  };
}

/** The engine's stream for `queryKey`, if one is running. */
export function statusStreamOf(
  queryClient: QueryClient,
  queryKey: QueryKey,
): StatusStream | undefined {
  return streams.get(queryClient)?.get(hashKey(queryKey));
}

/** Subscribes to streams starting and stopping (for `useSyncExternalStore`). */
export function subscribeStatusStreams(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify() {
  for (const listener of [...listeners]) listener();
}

/**
 * The answer as the cache keeps it: without the Stripe `client_secret`, which the engine keeps
 * in memory for the 3D Secure step only (a host that persists its QueryClient must not write it).
 */
export function cacheableExecution<T extends { client_secret?: string | null | undefined }>(
  answer: T,
): T {
  return answer.client_secret == null ? answer : { ...answer, client_secret: null };
}
