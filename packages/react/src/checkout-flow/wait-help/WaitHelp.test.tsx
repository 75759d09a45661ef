import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import type { ReactElement } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DollrMessages } from "../../messages.ts";
import { createKitHarness } from "../../test/kit-harness.tsx";
import { createKitWrapper } from "../../testing/render.tsx";
import { WaitHelp } from "./WaitHelp.tsx";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const harness = createKitHarness();
const T0 = Date.parse("2026-06-01T12:00:00.000Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();

function renderHelp(ui: ReactElement, messages?: DollrMessages) {
  const { Wrapper } = createKitWrapper({ client: harness.client, messages });
  const result = render(ui, { wrapper: Wrapper });
  return { ...result, rerender: (next: ReactElement) => result.rerender(next) };
}

const toggle = () => screen.getByRole("button", { name: "Didn't get the prompt?" });
const panel = () => document.querySelector<HTMLElement>('[data-slot="wait-help-panel"]');
const countdown = () => screen.getByRole("timer");
const announcer = () =>
  document.querySelector<HTMLElement>('[data-slot="wait-help-announcer"]')?.textContent;
const stepTexts = () =>
  within(panel() as HTMLElement)
    .getAllByRole("listitem")
    .map((item) => item.textContent);

describe("WaitHelp: what to do when the prompt does not come", () => {
  it("is a disclosure: a button with aria-expanded that shows and hides the steps", () => {
    renderHelp(<WaitHelp operator="MTN_MOMO_RWA" />);
    expect(toggle().getAttribute("aria-expanded")).toBe("false");
    expect(toggle().getAttribute("aria-controls")).toBe(panel()?.id);
    expect(panel()?.hidden).toBe(true);
    fireEvent.click(toggle());
    expect(toggle().getAttribute("aria-expanded")).toBe("true");
    expect(panel()?.hidden).toBe(false);
    expect(stepTexts()[0]).toContain("Dial *182*7*1# on your MTN line");
    const dial = screen.getByRole("link", { name: "Dial *182*7*1#" });
    // `#` escaped, or the phone would drop it.
    expect(dial.getAttribute("href")).toBe("tel:*182*7*1%23");
    fireEvent.click(toggle());
    expect(panel()?.hidden).toBe(true);
  });

  it.each([
    ["MTN_MOMO_LBR", "*156#", "MoMo PIN"],
    ["ORANGE_MONEY_LBR", "*144#", "Orange Money PIN"],
    ["AIRTEL_RWA", "*182#", "Airtel Money PIN"],
  ])("gives %s its own code (%s)", (operator, code, pin) => {
    renderHelp(<WaitHelp operator={operator} defaultOpen />);
    expect(stepTexts()).toHaveLength(2);
    expect(stepTexts()[0]).toContain(code);
    expect(stepTexts()[0]).toContain(pin);
    expect(stepTexts()[1]).toMatch(/^Keep your phone on and unlocked/);
  });

  it("falls back to the country's operators, then to general steps", () => {
    renderHelp(<WaitHelp country="rw" defaultOpen />);
    expect(stepTexts()).toHaveLength(3);
    expect(stepTexts()[0]).toContain("MTN line");
    expect(stepTexts()[1]).toContain("Airtel line");
    cleanup();
    // An operator the kit has no code for gets general steps, never another operator's code.
    renderHelp(<WaitHelp operator="ORANGE_MONEY_RWA" country="RW" defaultOpen />);
    expect(stepTexts()[0]).toMatch(/^Open your mobile money menu/);
    expect(screen.queryByRole("link")).toBeNull();
    cleanup();
    renderHelp(<WaitHelp country="KE" defaultOpen />);
    expect(stepTexts()[0]).toMatch(/^Open your mobile money menu/);
  });

  it("takes the merchant's codes: a corrected one, or none to hide the step", () => {
    renderHelp(<WaitHelp operator="MTN_MOMO_LBR" defaultOpen />, {
      "waitHelp.code.MTN_MOMO_LBR": "*156*1#",
    });
    expect(screen.getByRole("link").getAttribute("href")).toBe("tel:*156*1%23");
    cleanup();
    renderHelp(<WaitHelp operator="MTN_MOMO_LBR" defaultOpen />, {
      "waitHelp.code.MTN_MOMO_LBR": "",
    });
    expect(stepTexts()[0]).toMatch(/^Open your mobile money menu/);
    cleanup();
    // Not a USSD code: the words stay, without a link.
    renderHelp(<WaitHelp operator="MTN_MOMO_LBR" defaultOpen />, {
      "waitHelp.code.MTN_MOMO_LBR": "javascript:alert(1)",
    });
    expect(screen.queryByRole("link")).toBeNull();
  });

  it("is offered once the prompt had time to arrive", () => {
    const { rerender } = renderHelp(
      <WaitHelp operator="MTN_MOMO_RWA" waitingSince={T0} now={T0 + 9_000} />,
    );
    expect(document.querySelector('[data-slot="wait-help"]')).toBeNull();
    rerender(<WaitHelp operator="MTN_MOMO_RWA" waitingSince={T0} now={T0 + 10_000} />);
    expect(toggle()).toBeTruthy();
  });
});

describe("WaitHelp: the prompt's countdown", () => {
  it("counts down from the server's expiry, announced only at the start and at 0", () => {
    const expiresAt = at(102_000);
    const { rerender } = renderHelp(<WaitHelp promptExpiresAt={expiresAt} now={T0} />);
    expect(countdown().textContent).toBe("The prompt expires in 1:42.");
    expect(countdown().getAttribute("aria-live")).toBe("off");
    expect(announcer()).toBe("The prompt expires in 1:42.");
    rerender(<WaitHelp promptExpiresAt={expiresAt} now={T0 + 1_500} />);
    expect(countdown().textContent).toBe("The prompt expires in 1:41.");
    expect(announcer()).toBe("The prompt expires in 1:42.");
    rerender(<WaitHelp promptExpiresAt={expiresAt} now={T0 + 102_000} />);
    expect(countdown().textContent).toMatch(/^The prompt has expired\./);
    expect(announcer()).toMatch(/^The prompt has expired\./);
    expect(document.querySelector('[data-slot="wait-help"]')?.hasAttribute("data-expired")).toBe(
      true,
    );
  });

  it("ticks each second on its own clock, and the live region changes twice in all", async () => {
    vi.useFakeTimers({ now: T0 });
    renderHelp(<WaitHelp operator="MTN_MOMO_LBR" promptExpiresAt={at(65_000)} />);
    await act(() => vi.advanceTimersByTimeAsync(0));
    const region = document.querySelector('[data-slot="wait-help-announcer"]') as HTMLElement;
    const heard: string[] = [region.textContent ?? ""];
    new MutationObserver(() => heard.push(region.textContent ?? "")).observe(region, {
      childList: true,
      characterData: true,
      subtree: true,
    });
    expect(countdown().textContent).toBe("The prompt expires in 1:05.");
    for (let second = 0; second < 70; second += 1) {
      await act(() => vi.advanceTimersByTimeAsync(1_000));
      if (second === 4) expect(countdown().textContent).toBe("The prompt expires in 1:00.");
    }
    expect(heard).toEqual([
      "The prompt expires in 1:05.",
      "The prompt has expired. If you approved it in time, we'll show the result here shortly.",
    ]);
    // Expired, and nothing left to wait for: the clock has stopped.
    expect(vi.getTimerCount()).toBe(0);
  });

  it("shows no countdown without a plausible expiry", () => {
    for (const promptExpiresAt of [null, "", "soon", at(31 * 60_000)]) {
      renderHelp(<WaitHelp operator="MTN_MOMO_RWA" promptExpiresAt={promptExpiresAt} now={T0} />);
      expect(screen.queryByRole("timer")).toBeNull();
      expect(announcer()).toBe("");
      cleanup();
    }
  });
});
