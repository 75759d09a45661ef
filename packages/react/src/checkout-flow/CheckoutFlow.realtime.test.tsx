// `<CheckoutFlow>` and the realtime plug-in: the flow renders the plug-in's listener with the
// payment it waits on, and nothing of it without the plug-in.
import { cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DollrRealtime, RealtimeStatusHintsOptions } from "../realtime/types.ts";
import { createKitHarness, renderKit } from "../test/kit-harness.tsx";
import { CheckoutFlow } from "./CheckoutFlow.tsx";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const flowState = () =>
  document.querySelector<HTMLElement>('[data-slot="checkout-flow"]')?.dataset.state;

function recordingPlugin() {
  const seen: RealtimeStatusHintsOptions[] = [];
  const loadSupabase = vi.fn(() => new Promise<never>(() => {}));
  const plugin: DollrRealtime = {
    kind: "dollr-kit:realtime",
    loadSupabase,
    Hints(props) {
      seen.push(props);
      return null;
    },
  };
  return { plugin, seen, loadSupabase };
}

describe("CheckoutFlow: realtime hints", () => {
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
