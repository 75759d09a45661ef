/**
 * Without realtime, nothing of it runs: with the proxy's `realtime` null, or before the wait is
 * enabled, no key is asked for and @supabase/supabase-js is never imported (its own file: the
 * module graph is per file, so nothing else here has imported it).
 */
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { kitQueryKeys } from "../internal/query-keys.ts";
import { useDollrCheckoutContext } from "../provider/context.ts";
import { type Payment, type RealtimeRig, startRealtimeRig } from "../test/realtime-rig.ts";
import { createKitWrapper } from "../testing/render.tsx";
import { useRealtimeStatusHints } from "./useRealtimeStatusHints.ts";

/** Whether supabase-js was evaluated (a mock factory runs at a module's first import). */
const imported = vi.hoisted(() => ({ supabase: false }));
vi.mock("@supabase/supabase-js", async (importOriginal) => {
  imported.supabase = true;
  return importOriginal();
});

let rig: RealtimeRig | undefined;
afterEach(async () => {
  cleanup();
  await rig?.close();
  rig = undefined;
});

/** Renders the hints for a real payment; answers once `/kit/config` is in and effects ran. */
async function renderHints(options: {
  realtime: boolean;
  enabled: boolean;
  loadSupabase?: () => Promise<never>;
  /** Replaces the real payment's ids. */
  ids?: Partial<Payment>;
}) {
  const { enabled, loadSupabase } = options;
  const started = await startRealtimeRig({ realtime: options.realtime });
  rig = started;
  const payment = { ...(await started.pay()), ...options.ids };
  // Keys are asked through `client.request` (core's `createRealtimeKey`).
  const request = vi.spyOn(started.client, "request");
  const keyRequests = () =>
    request.mock.calls.filter(([call]) => call.path === "/v1/realtime-keys/collection");
  const { Wrapper, queryClient } = createKitWrapper({ client: started.client });
  const onEvent = vi.fn();
  const view = renderHook(
    () => {
      useRealtimeStatusHints({
        referenceId: payment.referenceId,
        sessionId: payment.sessionId,
        sourceType: "INVOICE",
        enabled,
        onEvent,
        ...(loadSupabase ? { loadSupabase } : {}),
      });
      return useDollrCheckoutContext("test").clientKey;
    },
    { wrapper: Wrapper },
  );
  const configKey = kitQueryKeys.config(view.result.current);
  await waitFor(() => expect(queryClient.getQueryData(configKey)).toBeDefined());
  await act(async () => {});
  return { keyRequests, onEvent, config: queryClient.getQueryData(configKey) };
}

describe("useRealtimeStatusHints without realtime", () => {
  it("with the proxy's realtime null, asks no key and never imports supabase-js", async () => {
    const hints = await renderHints({ realtime: false, enabled: true });
    expect(hints.config).toMatchObject({ realtime: null });
    expect(hints.keyRequests()).toEqual([]);
    expect(rig?.calls).not.toContain("/v1/realtime-keys/collection");
    expect(imported.supabase).toBe(false);
    expect(hints.onEvent).not.toHaveBeenCalled();
  });

  it("with realtime configured, does nothing before the wait is enabled", async () => {
    const loadSupabase = vi.fn(() => Promise.reject<never>(new Error("not expected")));
    const hints = await renderHints({ realtime: true, enabled: false, loadSupabase });
    expect(hints.config).toMatchObject({ realtime: { provider: "supabase" } });
    expect(loadSupabase).not.toHaveBeenCalled();
    expect(hints.keyRequests()).toEqual([]);
    expect(imported.supabase).toBe(false);
    expect(hints.onEvent).not.toHaveBeenCalled();
  });

  it("with the proxy's realtime null, never calls a given loader either", async () => {
    const loadSupabase = vi.fn(() => Promise.reject<never>(new Error("not expected")));
    const hints = await renderHints({ realtime: false, enabled: true, loadSupabase });
    expect(loadSupabase).not.toHaveBeenCalled();
    expect(hints.keyRequests()).toEqual([]);
  });

  it("takes only well-formed ids into a channel name and filter", async () => {
    const loadSupabase = vi.fn(() => Promise.reject<never>(new Error("not expected")));
    for (const ids of [
      { referenceId: "00000000-0000-4000-8000-000000000000,reference_id=neq.x" },
      { sessionId: "55:other" },
    ]) {
      const hints = await renderHints({ realtime: true, enabled: true, loadSupabase, ids });
      expect(hints.keyRequests()).toEqual([]);
      cleanup();
      await rig?.close();
      rig = undefined;
    }
    expect(loadSupabase).not.toHaveBeenCalled();
  });
});
