/**
 * State and actions behind the "Faults" section: the simulator's fault rules (polled) and the
 * demo's proxy-offline switch, with mutations that refresh both when they settle.
 */

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { demoApi, type FaultRule, simulatorApi } from "../api.ts";
import type { Say } from "./useDevStatus.ts";

export function useFaultControls(say: Say) {
  const queryClient = useQueryClient();
  const faults = useQuery({
    queryKey: ["demo", "faults"],
    queryFn: simulatorApi.faults,
    refetchInterval: 2_000,
  });
  const demo = useQuery({ queryKey: ["demo", "state"], queryFn: demoApi.state });
  const offline = demo.data?.proxy_offline === true;
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ["demo", "faults"] });
    void queryClient.invalidateQueries({ queryKey: ["demo", "state"] });
  };
  const set = useMutation({
    mutationFn: (rules: FaultRule[]) => simulatorApi.setFaults(rules),
    onSettled: refresh,
  });
  const clear = useMutation({ mutationFn: simulatorApi.clearFaults, onSettled: refresh });
  const proxy = useMutation({
    mutationFn: (next: boolean) => demoApi.setProxyOffline(next),
    onSuccess: (answer) =>
      say(
        answer.offline
          ? "The proxy is offline: the checkout's requests to /api/dollr now fail."
          : "The proxy is back online.",
      ),
    onError: (error) => say(`Could not change the proxy: ${error.message}`),
    onSettled: refresh,
  });
  const active = faults.data?.faults.filter((rule) => rule.remaining !== 0) ?? [];

  const setFault = (rules: FaultRule[], done: string) =>
    set.mutate(rules, {
      onSuccess: () => say(done),
      onError: (error) => say(`Could not set the fault: ${error.message}`),
    });
  const toggleProxy = () => proxy.mutate(!offline);
  const clearAll = () => {
    clear.mutate(undefined, { onSuccess: () => say("Faults cleared.") });
    if (offline) proxy.mutate(false);
  };
  return { offline, active, setFault, toggleProxy, clearAll };
}
