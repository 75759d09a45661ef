/**
 * State and actions behind the "Time" section: the simulator's waits, moving its clock, and how
 * long the checkout keeps checking (the proxy's cap, or a shorter one kept in dev settings).
 */

import { useMutation, useQuery } from "@tanstack/react-query";
import { simulatorApi } from "../api.ts";
import { useKitConfig } from "../kit.tsx";
import { devSettingsStore, useStore } from "../store.ts";
import { duration } from "./duration.ts";
import type { Say } from "./useDevStatus.ts";

export function useTimeControls(say: Say) {
  const settings = useStore(devSettingsStore);
  const config = useQuery({
    queryKey: ["demo", "simulator-config"],
    queryFn: simulatorApi.config,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const kitConfig = useKitConfig();
  const proxyCapMs = kitConfig.data?.polling.give_up_after_ms ?? null;
  const processingMs = config.data?.processingMs ?? 90_000;
  const sessionMs = config.data?.sessionTtlMs ?? 900_000;
  const advance = useMutation({
    mutationFn: (ms: number) => simulatorApi.advance(ms),
    onSuccess: (_data, ms) =>
      say(
        `Moved the simulator clock forward by ${duration(ms)}. The checkout sees it at its next check.`,
      ),
    onError: (error) => say(`Could not move the clock: ${error.message}`),
  });
  /** `value` is a select option's value: "" for the proxy's cap, else milliseconds. */
  const setPollCap = (value: string) => {
    devSettingsStore.set((current) => ({
      ...current,
      pollCapMs: value === "" ? null : Number(value),
    }));
    say(
      value === ""
        ? "The checkout waits as long as the proxy says."
        : `The checkout now stops checking after ${duration(Number(value))}.`,
    );
  };
  return {
    pollCapMs: settings.pollCapMs,
    proxyCapMs,
    processingMs,
    sessionMs,
    advance,
    setPollCap,
  };
}
