/**
 * The realtime hints against the simulator's Supabase Realtime over 127.0.0.1, through the real
 * proxy and the real supabase-js: a completed payment makes the engine's status query read once
 * more; killed sockets end the hints for good; the page hidden closes the socket and shown
 * again reopens it with the same key; a new reference id or an unmount leaves nothing open.
 * The status query is the engine's own watcher with polling off, so every read after the first
 * is one a hint asked for.
 */
import type { ExecutionResponse } from "@dollr-kit/core/internal";
import type { SupabaseClient } from "@supabase/supabase-js";
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { useEffect } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { queryStatusWatcher } from "../checkout-flow/query-status-watcher.ts";
import { kitQueryKeys } from "../internal/query-keys.ts";
import { useDollrCheckoutContext } from "../provider/context.ts";
import {
  Inbox,
  nodeSupabaseLoader,
  type Payment,
  type RealtimeRig,
  startRealtimeRig,
} from "../test/realtime-rig.ts";
import { createKitWrapper } from "../testing/render.tsx";
import type { RealtimeHintEvent } from "./types.ts";
import { useRealtimeStatusHints } from "./useRealtimeStatusHints.ts";

const PROCESSING_MS = 90_000;

let rig: RealtimeRig;
let visibility: DocumentVisibilityState = "visible";
beforeEach(async () => {
  rig = await startRealtimeRig();
  visibility = "visible";
  Object.defineProperty(document, "visibilityState", {
    configurable: true,
    get: () => visibility,
  });
});
afterEach(async () => {
  cleanup();
  await rig.close();
});

function setVisibility(next: DocumentVisibilityState) {
  visibility = next;
  act(() => {
    document.dispatchEvent(new Event("visibilitychange"));
  });
}

/** Renders the hints for `payment`, beside the engine's status watcher (polling off). */
function renderHints(payment: Payment) {
  const events = new Inbox<RealtimeHintEvent>();
  const reads = new Inbox<string>();
  const clients: SupabaseClient[] = [];
  const loadSupabase = vi.fn(nodeSupabaseLoader(clients));
  const { Wrapper, queryClient } = createKitWrapper({ client: rig.client });
  const invalidate = vi.spyOn(queryClient, "invalidateQueries");
  const view = renderHook(
    ({ paying }: { paying: Payment }) => {
      const { clientKey } = useDollrCheckoutContext("test");
      useEffect(() => {
        const watch = queryStatusWatcher(queryClient, clientKey)(
          {
            referenceId: paying.referenceId,
            read: async () => {
              const answer = await rig.client.getCollectionStatus(paying.referenceId);
              reads.push(answer.status);
              return answer as ExecutionResponse & { client_secret: null };
            },
            nextDelay: () => null,
          },
          0,
        );
        return () => watch.close();
      }, [clientKey, paying]);
      useRealtimeStatusHints({
        referenceId: paying.referenceId,
        sessionId: paying.sessionId,
        sourceType: "INVOICE",
        enabled: true,
        onEvent: (event) => events.push(event),
        loadSupabase,
      });
      return clientKey;
    },
    { wrapper: Wrapper, initialProps: { paying: payment } },
  );
  const statusKey = (referenceId: string) =>
    kitQueryKeys.status(view.result.current, "collection", referenceId);
  return { view, events, reads, clients, loadSupabase, invalidate, statusKey };
}

const phase = (name: RealtimeHintEvent["phase"]) => (event: RealtimeHintEvent) =>
  event.phase === name;
const keyCalls = () => rig.calls.filter((path) => path === "/v1/realtime-keys/collection");

describe("useRealtimeStatusHints", () => {
  it("reads status once more when the payment completes, and never on its own say-so", async () => {
    const payment = await rig.pay();
    const hints = renderHints(payment);
    expect(await hints.reads.until(() => true)).toBe("PROCESSING");
    await hints.events.until(phase("subscribed"));
    expect(hints.invalidate).not.toHaveBeenCalled();

    await rig.control("clock", { advanceMs: PROCESSING_MS });
    await hints.events.until(phase("hint"));
    // The hint's read is the engine's query, refetched: Dollr's status says COMPLETED.
    expect(await hints.reads.until(() => true)).toBe("COMPLETED");
    expect(hints.invalidate).toHaveBeenCalledTimes(1);
    expect(hints.invalidate).toHaveBeenCalledWith(
      { queryKey: hints.statusKey(payment.referenceId), exact: true },
      { cancelRefetch: false },
    );
    expect(hints.reads.all).toEqual(["PROCESSING", "COMPLETED"]);
    // One key for the payment (StrictMode's second mount reused the first's), and no token
    // in anything reported.
    expect(keyCalls()).toHaveLength(1);
    expect(hints.loadSupabase).toHaveBeenCalled();
    expect(JSON.stringify(hints.events.all)).not.toMatch(/eyJ/);
  });

  it("falls back for good when the sockets are killed: nothing stays subscribed", async () => {
    const payment = await rig.pay();
    const hints = renderHints(payment);
    await hints.events.until(phase("subscribed"));

    await rig.control("realtime/disconnect");
    expect(await hints.events.until(phase("fallback"))).toEqual({
      type: "realtime",
      phase: "fallback",
      reason: "channel_error",
    });
    // The client left its channel and closed its socket: it cannot rejoin.
    await waitFor(() =>
      expect(hints.clients.every((c) => c.getChannels().length === 0)).toBe(true),
    );
    await waitFor(async () => expect((await rig.realtimeStatus()).sockets).toBe(0));
    await rig.control("clock", { advanceMs: PROCESSING_MS });
    expect(await rig.realtimeStatus()).toMatchObject({ sockets: 0, channels: [] });
    // Hidden and shown again: a payment whose hints gave up is not tried again.
    setVisibility("hidden");
    setVisibility("visible");
    const after = hints.events.all.slice(hints.events.all.findIndex(phase("fallback")) + 1);
    expect(after).toEqual([]);
    expect(hints.invalidate).not.toHaveBeenCalled();
    expect(keyCalls()).toHaveLength(1);
  });

  it("closes the socket while the page is hidden and reopens it, with the same key, when shown", async () => {
    const payment = await rig.pay();
    const hints = renderHints(payment);
    await hints.events.until(phase("subscribed"));

    setVisibility("hidden");
    await waitFor(async () => expect((await rig.realtimeStatus()).sockets).toBe(0));
    setVisibility("visible");
    await hints.events.until(phase("subscribed"));
    expect((await rig.realtimeStatus()).channels).toEqual([
      expect.objectContaining({ reference_id: payment.referenceId }),
    ]);
    expect(keyCalls()).toHaveLength(1);
    await rig.control("clock", { advanceMs: PROCESSING_MS });
    await hints.events.until(phase("hint"));
    expect(hints.events.all.filter(phase("fallback"))).toEqual([]);
  });

  it("follows a new reference id, and leaves nothing open on unmount", async () => {
    const first = await rig.pay();
    const second = await rig.pay();
    const hints = renderHints(first);
    await hints.events.until(phase("subscribed"));

    hints.view.rerender({ paying: second });
    await hints.events.until(phase("subscribed"));
    await waitFor(async () =>
      expect((await rig.realtimeStatus()).channels).toEqual([
        expect.objectContaining({ reference_id: second.referenceId }),
      ]),
    );
    hints.view.unmount();
    await waitFor(async () =>
      expect(await rig.realtimeStatus()).toMatchObject({ sockets: 0, channels: [] }),
    );
    expect(hints.events.all.filter(phase("fallback"))).toEqual([]);
  });
});
