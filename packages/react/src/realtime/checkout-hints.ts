/**
 * The checkout's realtime listener, carried by the plug-in (`supabaseRealtime()`), so a checkout
 * without realtime loads none of it: it follows the engine's state, listens for the payment it
 * waits on for the whole wait while the page is visible, slows the engine's polling to a safety
 * net while hints are live, and brings the normal schedule back (with a read) when they stop.
 */
import {
  attemptOf,
  type CheckoutEngine,
  type PollingPolicy,
  type SourceType,
  waitOf,
} from "@dollr-kit/core/internal";
import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import { statusQueryKey } from "../internal/query-keys.ts";
import { useDollrCheckoutContext } from "../provider/context.ts";
import type { RealtimeHintEvent, RealtimeStatusHintsOptions } from "./types.ts";
import { useRealtimeStatusHints } from "./useRealtimeStatusHints.ts";

/** While realtime hints are live, status is still asked this often, in case a hint is lost. */
export const REALTIME_SAFETY_POLL_MS = 120_000;

/** The policy while hints are live: the same cap and error handling, a slow schedule. */
export function withRealtime(policy: PollingPolicy): PollingPolicy {
  return {
    ...policy,
    tiers: policy.tiers.map((tier) => ({
      untilMs: tier.untilMs,
      delayMs: Math.max(tier.delayMs, REALTIME_SAFETY_POLL_MS),
    })),
  };
}

/** What `<CheckoutFlow>` gives the plug-in's listener. */
export interface CheckoutHintsProps {
  engine: CheckoutEngine;
  sourceType: SourceType;
  /** The flow's `onEvent`: told of `realtime` events. */
  onEvent?: ((event: RealtimeHintEvent) => void) | undefined;
  /** The hints hook (tests give their own). @default useRealtimeStatusHints */
  useHints?: ((options: RealtimeStatusHintsOptions) => void) | undefined;
}

export function CheckoutHints(props: CheckoutHintsProps): null {
  const { engine, sourceType } = props;
  const { queryClient, clientKey } = useDollrCheckoutContext("CheckoutFlow");
  const state = useSyncExternalStore(engine.subscribe, engine.getState, engine.getState);
  const attempt = attemptOf(state);
  const referenceId = waitOf(state)?.attempt.referenceId;
  // The engine's own policy while hints are live (restored when they stop or the wait ends).
  const normal = useRef<PollingPolicy | null>(null);
  const restore = useCallback(() => {
    if (normal.current) engine.setPolicy(normal.current);
    normal.current = null;
  }, [engine]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new wait (or none) ends the old one's hints.
  useEffect(() => restore, [restore, referenceId]);
  const listener = useRef(props.onEvent);
  listener.current = props.onEvent;

  const onEvent = useCallback(
    (event: RealtimeHintEvent) => {
      try {
        listener.current?.(event);
      } catch {
        // A merchant's listener must never break the payment.
      }
      if (event.phase === "subscribed" && normal.current === null) {
        normal.current = engine.getPolicy();
        engine.setPolicy(withRealtime(normal.current));
      } else if (event.phase === "fallback") {
        restore();
        if (referenceId) {
          void queryClient.invalidateQueries({
            queryKey: statusQueryKey(clientKey, "collection", referenceId),
          });
        }
      }
    },
    [engine, restore, queryClient, clientKey, referenceId],
  );
  (props.useHints ?? useRealtimeStatusHints)({
    referenceId,
    sessionId: attempt?.sessionId,
    sourceType,
    enabled: referenceId !== undefined,
    listenWindow: "whole-wait",
    onEvent,
  });
  return null;
}
