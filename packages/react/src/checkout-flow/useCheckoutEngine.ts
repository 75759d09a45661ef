/**
 * The checkout engine for one source, bound to React as TanStack binds its observers: created
 * once per source (and client, storage, clock, locks), held across renders, its policy updated
 * in place. It waits through the host's QueryClient (one status query per reference id), starts
 * on mount and is disposed on unmount, so an unmounted checkout never sends anything. StrictMode's
 * unmount-and-mount in the same commit keeps the same engine running.
 */
import {
  type CheckoutEngine,
  type CheckoutSource,
  createWatchedEngine,
  DEFAULT_POLLING_POLICY,
  type EngineClock,
  type EngineEvent,
  type EngineLocks,
  type PollingPolicy,
  pollingPolicyFromSettings,
} from "@dollr-kit/core/internal";
import { useEffect, useState } from "react";
import { useKitConfig } from "../internal/use-kit-config.ts";
import type { DollrCheckoutContextValue } from "../provider/context.ts";
import { queryStatusWatcher } from "./query-status-watcher.ts";

export interface CheckoutEngineOptions {
  source: CheckoutSource;
  /** The caller's policy; else the proxy's `/kit/config` polling settings; else the default. */
  policy: PollingPolicy | undefined;
  clock: EngineClock | undefined;
  locks: EngineLocks | undefined;
  onEvent: (event: EngineEvent) => void;
}

interface Holder {
  engine: CheckoutEngine | null;
  deps: readonly unknown[];
  /** Effects holding the engine now (StrictMode runs cleanup and setup back to back). */
  holds: Map<CheckoutEngine, number>;
}

const sameDeps = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((value, index) => Object.is(value, b[index]));

export function useCheckoutEngine(
  context: DollrCheckoutContextValue,
  options: CheckoutEngineOptions,
): CheckoutEngine {
  const { client, clientKey, queryClient, storage } = context;
  const { source, clock, locks, onEvent } = options;
  const [holder] = useState<Holder>(() => ({ engine: null, deps: [], holds: new Map() }));
  const deps = [client, clientKey, queryClient, storage, source.type, source.id, clock, locks];
  if (holder.engine === null || !sameDeps(holder.deps, deps)) {
    // Creating is free of effects (nothing is read or sent before `start`): a render React
    // throws away leaves nothing running.
    holder.engine = createWatchedEngine({
      transport: client,
      source: { type: source.type, id: source.id },
      ...(storage ? { storage } : {}),
      ...(clock ? { clock } : {}),
      ...(locks ? { locks } : {}),
      statusWatcher: queryStatusWatcher(queryClient, clientKey),
      onEvent,
    });
    holder.deps = deps;
  }
  const engine = holder.engine;

  // The proxy's polling settings reach the schedule unless the caller gave a policy.
  const config = useKitConfig(context);
  const settings = config.data?.polling;
  const policyKey = options.policy ? JSON.stringify(options.policy) : JSON.stringify(settings);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the policy's content.
  useEffect(() => {
    const policy =
      options.policy ?? (settings ? pollingPolicyFromSettings(settings) : DEFAULT_POLLING_POLICY);
    engine.setPolicy(policy);
  }, [engine, policyKey]);

  useEffect(() => {
    const { holds } = holder;
    holds.set(engine, (holds.get(engine) ?? 0) + 1);
    engine.start();
    return () => {
      const left = (holds.get(engine) ?? 1) - 1;
      holds.set(engine, left);
      engine.stop();
      // Disposed unless mounted again in this commit (StrictMode): then it must keep going.
      queueMicrotask(() => {
        if ((holds.get(engine) ?? 0) > 0) return;
        holds.delete(engine);
        engine.dispose();
      });
    };
  }, [engine, holder]);

  return engine;
}
