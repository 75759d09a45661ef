/**
 * What `<CheckoutFlow>` does with the realtime plug-in, without React, from the hook's own parts:
 * `useRealtimeStatusHints`'s effect (packages/react/src/realtime/useRealtimeStatusHints.ts: a
 * key source on the proxy, a hint reader on the engine's status query, the listen window for the
 * whole wait, one Realtime session) and what useCheckoutFlow.ts / useCheckoutEngine.ts do with
 * its events: SUBSCRIBED → `engine.setPolicy(withRealtime(policy))`; a fallback →
 * `engine.setPolicy(policy)` and the status query invalidated (read at once). Keep them in step.
 *
 * Time: the key source and the hint reader get the run's clock (`now`), as they get `Date.now`
 * in a browser, where it is the same clock as the timers.
 */
import type {
  CheckoutEngine,
  ManualClock,
  PollingPolicy,
  ProxyClient,
  SourceType,
} from "../packages/core/src/internal.ts";
import { kitQueryKeys } from "../packages/react/src/internal/query-keys.ts";
import { withRealtime } from "../packages/react/src/realtime/checkout-hints.ts";
import {
  createHintReader,
  HINT_READ_INTERVAL_MS,
} from "../packages/react/src/realtime/hint-reader.ts";
import { createKeySource } from "../packages/react/src/realtime/key-source.ts";
import { watchListenWindow } from "../packages/react/src/realtime/listen-window.ts";
import {
  openRealtimeSession,
  type RealtimeSession,
} from "../packages/react/src/realtime/realtime-session.ts";
import type {
  RealtimeHintEvent,
  SupabaseModuleLike,
} from "../packages/react/src/realtime/types.ts";
import type { QueryClient } from "./query-clock.ts";

export interface HintsOptions {
  engine: CheckoutEngine;
  policy: PollingPolicy;
  client: ProxyClient;
  queryClient: QueryClient;
  clientKey: string;
  clock: ManualClock;
  payment: { referenceId: string; sessionId: string; sourceType: SourceType };
  loadSupabase: () => Promise<SupabaseModuleLike>;
  onEvent: (event: RealtimeHintEvent) => void;
}

/** Starts listening for one payment's hints (the `/kit/config` realtime settings read first). */
export async function startCheckoutHints(options: HintsOptions): Promise<() => void> {
  const { engine, policy, client, queryClient, clientKey, clock, payment } = options;
  const settings = (await client.getConfig()).realtime;
  if (!settings) throw new Error("bench: the proxy's /kit/config has no realtime");
  const now = () => clock.now();
  const statusKey = kitQueryKeys.status(clientKey, "collection", payment.referenceId);
  const keys = createKeySource(client, payment, now);
  const reader = createHintReader(queryClient, statusKey, HINT_READ_INTERVAL_MS, now);
  // useCheckoutFlow's `onRealtime`, and the policy effect of useCheckoutEngine.
  const onEvent = (event: RealtimeHintEvent) => {
    if (event.phase === "subscribed") engine.setPolicy(withRealtime(policy));
    else if (event.phase === "fallback") {
      engine.setPolicy(policy);
      void queryClient.invalidateQueries({ queryKey: statusKey });
    }
    options.onEvent(event);
  };
  let session: RealtimeSession | null = null;
  const stopSession = () => {
    session?.close();
    session = null;
  };
  const stopWindow = watchListenWindow({
    endsAt: null, // "whole-wait", as <CheckoutFlow> listens
    visibility: undefined, // no document: the page counts as visible
    onChange(listening) {
      if (!listening) return stopSession();
      session = openRealtimeSession({
        url: settings.url,
        anonKey: settings.anon_key,
        referenceId: payment.referenceId,
        sessionId: payment.sessionId,
        keys,
        loadSupabase: options.loadSupabase,
        onSubscribed: () => onEvent({ type: "realtime", phase: "subscribed" }),
        onHint: () => {
          reader.hint();
          onEvent({ type: "realtime", phase: "hint" });
        },
        onFallback: (reason) => {
          session = null;
          stopWindow();
          onEvent({ type: "realtime", phase: "fallback", reason });
        },
      });
    },
  });
  return () => {
    stopWindow();
    stopSession();
    reader.close();
  };
}
