import type { PollingPolicy } from "@dollr-kit/core/internal";
import { DEFAULT_POLLING_POLICY } from "@dollr-kit/core/internal";
import { focusManager, onlineManager } from "@tanstack/react-query";
import { act, cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createKitHarness, type KitHarness, renderKit } from "../test/kit-harness.tsx";
import { ExecutionStatus } from "./ExecutionStatus.tsx";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  focusManager.setFocused(undefined);
  onlineManager.setOnline(true);
});

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const statusRoot = () => document.querySelector<HTMLElement>('[data-slot="execution-status"]');
const announcer = () =>
  document.querySelector<HTMLElement>('[data-slot="execution-status-announcer"]');
const statusCalls = (harness: KitHarness) =>
  harness.calls.filter((call) => call.path.startsWith("/v1/status/collection/"));

/** A wallet payment started with real timers; then time is faked from there on. */
async function startWalletPayment(
  phone: string,
  options: Parameters<typeof createKitHarness>[0] = {},
) {
  const harness = createKitHarness({ processingMs: 90_000, ...options });
  const account = await harness.addWallet(phone);
  const { referenceId } = await harness.execute(account.id);
  vi.useFakeTimers();
  const startedAt = Date.now();
  return { harness, referenceId, startedAt };
}

/** Records the live region's text each time the DOM under it changes. */
function recordAnnouncements(): string[] {
  const heard: string[] = [];
  const region = announcer();
  if (!region) throw new Error("no live region");
  new MutationObserver(() => heard.push(region.textContent ?? "")).observe(region, {
    childList: true,
    characterData: true,
    subtree: true,
  });
  return heard;
}

describe("ExecutionStatus: the words for each state", () => {
  it("walks a mobile-money payment from PROCESSING to COMPLETED, then stops asking", async () => {
    const { harness, referenceId, startedAt } = await startWalletPayment("231880000000");
    const onSucceeded = vi.fn();
    renderKit(
      harness,
      <ExecutionStatus
        referenceId={referenceId}
        startedAt={startedAt}
        kind="MOBILE_MONEY"
        onSucceeded={onSucceeded}
      />,
    );
    expect(statusRoot()?.dataset.state).toBe("loading");
    expect(screen.getByText("Checking the payment…", { selector: "p" })).toBeTruthy();

    await advance(50);
    expect(statusRoot()?.dataset.state).toBe("processing");
    expect(screen.getByText("Approve the payment on your phone", { selector: "p" })).toBeTruthy();
    expect(screen.getByText(/Look for a prompt from your mobile money operator/)).toBeTruthy();
    expect(screen.queryByText(/Still waiting/)).toBeNull();

    await advance(31_000);
    expect(screen.getByText("Waiting for 31 sec")).toBeTruthy();
    expect(
      screen.getByText("Still waiting — you can leave this page, we keep checking.", {
        selector: "p",
      }),
    ).toBeTruthy();
    expect(statusRoot()?.dataset.longWait).toBe("");

    await advance(60_000);
    expect(statusRoot()?.dataset.state).toBe("succeeded");
    expect(screen.getByText("Payment received", { selector: "p" })).toBeTruthy();
    expect(screen.queryByText(/Still waiting/)).toBeNull();
    expect(onSucceeded).toHaveBeenCalledTimes(1);
    expect(onSucceeded.mock.calls[0]?.[0]).toMatchObject({
      reference_id: referenceId,
      status: "COMPLETED",
    });

    const calls = statusCalls(harness).length;
    await advance(20 * 60_000);
    focusManager.setFocused(false);
    focusManager.setFocused(true);
    await advance(1_000);
    expect(statusCalls(harness).length).toBe(calls);
    expect(onSucceeded).toHaveBeenCalledTimes(1);
  });

  it("polls on the engine's schedule: every 2 s at first, 3 s to two minutes", async () => {
    const { harness, referenceId, startedAt } = await startWalletPayment("231880000002");
    renderKit(harness, <ExecutionStatus referenceId={referenceId} startedAt={startedAt} />);
    await advance(60_000);
    const starts = statusCalls(harness).map((call) => call.at - startedAt);
    const gaps = starts.slice(1).map((at, index) => at - (starts[index] ?? 0));
    // Each gap is the policy's delay plus the request's own 1 ms (react-query counts from the answer).
    expect(gaps.slice(0, 4).every((gap) => gap >= 2_000 && gap < 2_100)).toBe(true);
    expect(gaps.at(-1)).toBeGreaterThanOrEqual(3_000);
    expect(gaps.at(-1)).toBeLessThan(3_100);
    expect(starts.length).toBeGreaterThan(15);
    expect(starts.length).toBeLessThan(30);
  });

  it("shows a failure and Dollr's reason in plain words, with what to do", async () => {
    const { harness, referenceId } = await startWalletPayment("231880000001");
    const onFailed = vi.fn();
    renderKit(
      harness,
      <ExecutionStatus referenceId={referenceId} kind="MOBILE_MONEY" onFailed={onFailed} />,
    );
    await advance(95_000);
    expect(statusRoot()?.dataset.state).toBe("failed");
    expect(screen.getByText("The payment didn't go through.", { selector: "p" })).toBeTruthy();
    expect(
      screen.getByText("Reason: The payment wasn't approved on your phone in time.", {
        selector: "p",
      }),
    ).toBeTruthy();
    expect(
      screen.getByText("Try again, and enter your PIN as soon as the prompt appears.", {
        selector: "p",
      }),
    ).toBeTruthy();
    // Dollr's own words go to `onFailed`, not on the page.
    expect(document.body.textContent).not.toContain("The customer did not approve");
    expect(onFailed.mock.calls[0]?.[0].gateway_message).toMatch(/did not approve/);
    expect(onFailed).toHaveBeenCalledTimes(1);
  });

  it("says a reference Dollr does not know yet is not found, and keeps checking", async () => {
    const harness = createKitHarness();
    vi.useFakeTimers();
    renderKit(harness, <ExecutionStatus referenceId={crypto.randomUUID()} />);
    await advance(50);
    expect(statusRoot()?.dataset.state).toBe("not_found");
    expect(
      screen.getByText("We can't find this payment yet. We'll keep checking.", { selector: "p" }),
    ).toBeTruthy();
    const before = statusCalls(harness).length;
    await advance(10_000);
    expect(statusCalls(harness).length).toBeGreaterThan(before);
  });

  it("expires at the polling cap without failing, and Check again looks once more", async () => {
    const policy: PollingPolicy = { ...DEFAULT_POLLING_POLICY, capMs: 20_000 };
    const { harness, referenceId, startedAt } = await startWalletPayment("231880000002");
    renderKit(
      harness,
      <ExecutionStatus
        referenceId={referenceId}
        startedAt={startedAt}
        policy={policy}
        kind="MOBILE_MONEY"
      />,
    );
    await advance(21_500);
    expect(statusRoot()?.dataset.state).toBe("expired");
    expect(
      screen.getByText("We stopped checking automatically. The payment may still complete.", {
        selector: "p",
      }),
    ).toBeTruthy();
    const calls = statusCalls(harness).length;
    await advance(60_000);
    expect(statusCalls(harness).length).toBe(calls);

    fireEvent.click(screen.getByRole("button", { name: "Check again" }));
    await advance(50);
    expect(statusCalls(harness).length).toBe(calls + 1);
    expect(statusRoot()?.dataset.state).toBe("processing");
    await advance(10_000);
    expect(statusCalls(harness).length).toBeGreaterThan(calls + 2);
  });
});

describe("ExecutionStatus: polling discipline", () => {
  it("never has two status requests in flight, even when the proxy is slower than the interval", async () => {
    const { harness, referenceId } = await startWalletPayment("231880000002");
    harness.latencyMs = 4_500;
    renderKit(harness, <ExecutionStatus referenceId={referenceId} />);
    // Focus changes try to refetch while a request is out.
    await advance(3_000);
    focusManager.setFocused(false);
    focusManager.setFocused(true);
    await advance(60_000);
    expect(harness.inFlight.maxStatus).toBe(1);
    expect(statusCalls(harness).length).toBeGreaterThan(5);
  });

  it("never has two status requests in flight under StrictMode's mount, unmount, mount", async () => {
    const { harness, referenceId } = await startWalletPayment("231880000002");
    harness.latencyMs = 150;
    renderKit(harness, <ExecutionStatus referenceId={referenceId} />, { strict: true });
    await advance(30_000);
    expect(harness.inFlight.maxStatus).toBe(1);
    expect(statusCalls(harness).length).toBeGreaterThan(5);
  });

  it("keeps polling in a background tab (the payer is in their wallet app)", async () => {
    const { harness, referenceId } = await startWalletPayment("231880000000");
    focusManager.setFocused(false);
    renderKit(harness, <ExecutionStatus referenceId={referenceId} />);
    await advance(30_000);
    expect(statusCalls(harness).length).toBeGreaterThan(10);
    await advance(65_000);
    expect(statusRoot()?.dataset.state).toBe("succeeded");
  });

  it("refetches when the tab comes back into focus", async () => {
    const { harness, referenceId } = await startWalletPayment("231880000002");
    renderKit(harness, <ExecutionStatus referenceId={referenceId} />);
    await advance(500);
    const before = statusCalls(harness).length;
    focusManager.setFocused(false);
    focusManager.setFocused(true);
    await advance(50);
    expect(statusCalls(harness).length).toBe(before + 1);
  });

  it("pauses while offline, says so, and asks again as soon as the connection is back", async () => {
    const { harness, referenceId } = await startWalletPayment("231880000002");
    renderKit(harness, <ExecutionStatus referenceId={referenceId} />);
    await advance(500);
    onlineManager.setOnline(false);
    const before = statusCalls(harness).length;
    await advance(20_000);
    expect(statusCalls(harness).length).toBe(before);
    expect(statusRoot()?.dataset.connection).toBe("problem");
    onlineManager.setOnline(true);
    await advance(50);
    expect(statusCalls(harness).length).toBe(before + 1);
    expect(statusRoot()?.dataset.connection).toBeUndefined();
  });

  it("keeps going through failures with a growing backoff, says so, and recovers", async () => {
    const { harness, referenceId } = await startWalletPayment("231880000002");
    harness.failNext(/^\/v1\/status\/collection\//, 503, 4);
    renderKit(harness, <ExecutionStatus referenceId={referenceId} />);
    await advance(50);
    expect(statusRoot()?.dataset.connection).toBe("problem");
    expect(
      screen.getByText("We can't reach the server right now. We'll keep trying.", {
        selector: "p",
      }),
    ).toBeTruthy();
    await advance(40_000);
    const starts = statusCalls(harness).map((call) => call.at);
    const gaps = starts.slice(1, 5).map((at, index) => at - (starts[index] ?? 0));
    // 2 s, 4 s, 8 s, 16 s: the policy's error backoff, not react-query's retries.
    expect(gaps.map((gap) => Math.round(gap / 1000))).toEqual([2, 4, 8, 16]);
    expect(statusRoot()?.dataset.connection).toBeUndefined();
    expect(statusRoot()?.dataset.state).toBe("processing");
  });

  it("waits as long as Retry-After says after a 429", async () => {
    const { harness, referenceId } = await startWalletPayment("231880000002");
    harness.failNext(/^\/v1\/status\/collection\//, 429, 1, { "retry-after": "20" });
    renderKit(harness, <ExecutionStatus referenceId={referenceId} />);
    await advance(30_000);
    const starts = statusCalls(harness).map((call) => call.at);
    expect((starts[1] ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(20_000);
  });
});

describe("ExecutionStatus: announcements", () => {
  it("has one polite live region that announces each change once, never the ticking clock", async () => {
    const { harness, referenceId, startedAt } = await startWalletPayment("231880000000");
    renderKit(
      harness,
      <ExecutionStatus referenceId={referenceId} startedAt={startedAt} kind="MOBILE_MONEY" />,
    );
    const regions = document.querySelectorAll("[aria-live]");
    expect(regions).toHaveLength(1);
    expect(regions[0]?.getAttribute("aria-live")).toBe("polite");
    expect(regions[0]?.getAttribute("aria-atomic")).toBe("true");
    const heard = recordAnnouncements();
    // Second by second, as a page lives it: each act() commits what the clock changed.
    for (let second = 0; second < 100; second += 1) await advance(1000);
    expect(heard).toEqual([
      "Approve the payment on your phone",
      "Approve the payment on your phone Still waiting — you can leave this page, we keep checking.",
      "Payment received",
    ]);
    // The elapsed time changed every second, outside the live region.
    expect(screen.queryByText(/Waiting for/)).toBeNull();
  });
});
