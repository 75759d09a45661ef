import { act, cleanup, renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createKitHarness } from "../../test/kit-harness.tsx";
import { createKitWrapper } from "../../testing/render.tsx";
import { formatCountdown, operatorsFor } from "./steps.ts";
import { useWaitHelp } from "./useWaitHelp.ts";

afterEach(cleanup);

const { Wrapper } = createKitWrapper({ client: createKitHarness().client });
const T0 = Date.parse("2026-06-01T12:00:00.000Z");

describe("useWaitHelp: the help without markup", () => {
  it("gives prop getters for a disclosure and tells onOpenChange", () => {
    const onOpenChange = vi.fn();
    const { result } = renderHook(() => useWaitHelp({ operator: "AIRTEL_RWA", onOpenChange }), {
      wrapper: Wrapper,
    });
    const closed = result.current.getToggleProps();
    expect(closed).toMatchObject({
      type: "button",
      "aria-expanded": false,
      "data-state": "closed",
    });
    expect(result.current.getPanelProps()).toMatchObject({
      id: closed["aria-controls"],
      hidden: true,
    });
    act(() => closed.onClick());
    expect(result.current.open).toBe(true);
    expect(result.current.getPanelProps().hidden).toBe(false);
    expect(onOpenChange).toHaveBeenCalledWith(true);
    expect(result.current.steps[0]?.dial).toEqual({
      code: "*182#",
      href: "tel:*182%23",
      label: "Dial *182#",
    });
  });

  it("says nothing of a countdown before it knows the time, then counts from `now`", () => {
    const expiresAt = new Date(T0 + 300_000).toISOString();
    const { result, rerender } = renderHook(
      ({ now }: { now: number }) => useWaitHelp({ promptExpiresAt: expiresAt, now }),
      { wrapper: Wrapper, initialProps: { now: Number.NaN } },
    );
    expect(result.current.countdown).toBeNull();
    rerender({ now: T0 });
    expect(result.current.countdown).toMatchObject({ remainingMs: 300_000, expired: false });
    expect(result.current.announcement).toBe("The prompt expires in 5:00.");
  });

  it("formats what is left as m:ss, rounding up, and reads operators and countries", () => {
    expect(formatCountdown(102_000)).toBe("1:42");
    expect(formatCountdown(500)).toBe("0:01");
    expect(formatCountdown(-5)).toBe("0:00");
    expect(formatCountdown(600_000)).toBe("10:00");
    expect(operatorsFor("mtn_momo_lbr", null)).toEqual(["MTN_MOMO_LBR"]);
    expect(operatorsFor(null, "LBR")).toEqual(["MTN_MOMO_LBR", "ORANGE_MONEY_LBR"]);
    expect(operatorsFor("", "xx")).toEqual([]);
  });
});
