// `<CheckoutFlow>` and the realtime plug-in: the flow renders the plug-in's listener with the
// payment it waits on, and nothing of it without the plug-in.
import { act, cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useEffect } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CheckoutHints, type CheckoutHintsProps } from "../realtime/checkout-hints.ts";
import type { DollrRealtime, RealtimeStatusHintsOptions } from "../realtime/types.ts";
import { createKitHarness, renderKit } from "../test/kit-harness.tsx";
import { CheckoutFlow } from "./CheckoutFlow.tsx";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const flowState = () =>
  document.querySelector<HTMLElement>('[data-slot="checkout-flow"]')?.dataset.state;

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

// The fakes sit at module level (hooks and components must not be made inside functions); each
// test resets what they record.
const recorded: RealtimeStatusHintsOptions[] = [];
const live = { fail: () => {} };

function useRecordingHints(options: RealtimeStatusHintsOptions) {
  recorded.push(options);
}

/** A channel that joins at once when the wait starts; `live.fail()` makes it give up. */
function useLiveHints({ enabled, onEvent }: RealtimeStatusHintsOptions) {
  useEffect(() => {
    if (!enabled) return;
    onEvent?.({ type: "realtime", phase: "subscribed" });
    live.fail = () => onEvent?.({ type: "realtime", phase: "fallback", reason: "closed" });
  }, [enabled, onEvent]);
}

function RecordingHints(props: CheckoutHintsProps): null {
  return CheckoutHints({ ...props, useHints: useRecordingHints });
}

function LiveHints(props: CheckoutHintsProps): null {
  return CheckoutHints({ ...props, useHints: useLiveHints });
}

function recordingPlugin() {
  recorded.length = 0;
  const loadSupabase = vi.fn(() => new Promise<never>(() => {}));
  const plugin: DollrRealtime = { kind: "dollr-kit:realtime", loadSupabase, Hints: RecordingHints };
  return { plugin, seen: recorded, loadSupabase };
}

function livePlugin() {
  live.fail = () => {};
  const plugin: DollrRealtime = {
    kind: "dollr-kit:realtime",
    loadSupabase: () => new Promise<never>(() => {}),
    Hints: LiveHints,
  };
  return { plugin, fail: { now: () => live.fail() } };
}

const statusReads = (harness: ReturnType<typeof createKitHarness>) =>
  harness.calls.filter((call) => call.path.startsWith("/v1/status/collection/")).length;

async function payAndWait() {
  await waitFor(() => expect(flowState()).toBe("selecting"));
  await userEvent.click(await screen.findByRole("radio"));
  await waitFor(() =>
    expect(screen.getByRole("button", { name: /^Pay/ }).hasAttribute("disabled")).toBe(false),
  );
  await userEvent.click(screen.getByRole("button", { name: /^Pay/ }));
  await waitFor(() => expect(flowState()).toBe("processing"));
}

describe("CheckoutFlow: realtime hints", () => {
  it("slows polling to a safety net while hints are live, and asks at once when they stop", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const harness = createKitHarness({ processingMs: 60 * 60_000 });
    await harness.addWallet("231770000000", "Works");
    const { plugin, fail } = livePlugin();
    renderKit(harness, <CheckoutFlow source={harness.source} />, { realtime: plugin });
    await payAndWait();
    // The first read, already planned 2 s after the execute.
    await advance(3_000);
    expect(statusReads(harness)).toBe(1);
    const before = statusReads(harness);
    await advance(5 * 60_000);
    // Polling alone asks about 45 times in these 5 minutes; with hints live, every 2 minutes.
    expect(statusReads(harness) - before).toBeLessThanOrEqual(4);
    const beforeFallback = statusReads(harness);
    act(() => fail.now());
    await waitFor(() => expect(statusReads(harness)).toBeGreaterThan(beforeFallback));
    const afterFallback = statusReads(harness);
    await advance(60_000);
    // Back to the normal schedule (30 s after the first two minutes).
    expect(statusReads(harness) - afterFallback).toBeGreaterThanOrEqual(2);
  });

  it("listens for the payment it waits on, and only during the wait", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const harness = createKitHarness({ processingMs: 60_000 });
    await harness.addWallet("231770000000", "Works");
    const { plugin, seen } = recordingPlugin();
    renderKit(harness, <CheckoutFlow source={harness.source} />, { realtime: plugin });
    await waitFor(() => expect(flowState()).toBe("selecting"));
    expect(seen.at(-1)?.enabled).toBe(false);
    await userEvent.click(await screen.findByRole("radio"));
    await waitFor(() =>
      expect(screen.getByRole("button", { name: /^Pay/ }).hasAttribute("disabled")).toBe(false),
    );
    await userEvent.click(screen.getByRole("button", { name: /^Pay/ }));
    await waitFor(() => expect(flowState()).toBe("processing"));
    const waiting = seen.at(-1);
    expect(waiting).toMatchObject({ enabled: true, sourceType: harness.source.type });
    expect(waiting?.referenceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(waiting?.sessionId).toMatch(/^\d+$/);
  });

  it("renders nothing of it without the plug-in (supabase-js is never loaded)", async () => {
    const harness = createKitHarness();
    const { seen, loadSupabase } = recordingPlugin();
    renderKit(harness, <CheckoutFlow source={harness.source} />);
    await waitFor(() => expect(flowState()).toBe("selecting"));
    expect(seen).toHaveLength(0);
    expect(loadSupabase).not.toHaveBeenCalled();
  });
});
