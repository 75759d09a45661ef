// The listening window on fake timers and a fake page: it ends at its end, pauses while the
// page is hidden, and a window for the whole wait never ends on its own.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type VisibilitySource, watchListenWindow } from "./listen-window.ts";

function fakePage(initial: DocumentVisibilityState = "visible") {
  const listeners = new Set<() => void>();
  const page: VisibilitySource & { show(state: DocumentVisibilityState): void; listeners: number } =
    {
      visibilityState: initial,
      addEventListener: (_type, listener) => listeners.add(listener),
      removeEventListener: (_type, listener) => listeners.delete(listener),
      show(state) {
        (this as { visibilityState: DocumentVisibilityState }).visibilityState = state;
        for (const listener of listeners) listener();
      },
      get listeners() {
        return listeners.size;
      },
    };
  return page;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("watchListenWindow", () => {
  it("listens from the start until the window's end", () => {
    const changes: boolean[] = [];
    watchListenWindow({
      endsAt: Date.now() + 30_000,
      visibility: fakePage(),
      onChange: (on) => changes.push(on),
    });
    expect(changes).toEqual([true]);
    vi.advanceTimersByTime(29_999);
    expect(changes).toEqual([true]);
    vi.advanceTimersByTime(1);
    expect(changes).toEqual([true, false]);
  });

  it("stops while the page is hidden and starts again when it shows within the window", () => {
    const page = fakePage();
    const changes: boolean[] = [];
    watchListenWindow({
      endsAt: Date.now() + 30_000,
      visibility: page,
      onChange: (on) => changes.push(on),
    });
    page.show("hidden");
    vi.advanceTimersByTime(10_000);
    page.show("visible");
    expect(changes).toEqual([true, false, true]);
    // Hidden past the end: shown again, it stays off.
    page.show("hidden");
    vi.advanceTimersByTime(20_000);
    page.show("visible");
    expect(changes).toEqual([true, false, true, false]);
  });

  it("does not start on a hidden page, nor after its end", () => {
    const changes: boolean[] = [];
    watchListenWindow({
      endsAt: Date.now() + 30_000,
      visibility: fakePage("hidden"),
      onChange: (on) => changes.push(on),
    });
    watchListenWindow({
      endsAt: Date.now(),
      visibility: fakePage(),
      onChange: (on) => changes.push(on),
    });
    expect(changes).toEqual([]);
  });

  it("listens for the whole wait with no end, and counts a page without `document` as visible", () => {
    const changes: boolean[] = [];
    watchListenWindow({ endsAt: null, visibility: undefined, onChange: (on) => changes.push(on) });
    vi.advanceTimersByTime(24 * 3_600_000);
    expect(changes).toEqual([true]);
  });

  it("dispose stops watching, without a last call", () => {
    const page = fakePage();
    const changes: boolean[] = [];
    const dispose = watchListenWindow({
      endsAt: Date.now() + 30_000,
      visibility: page,
      onChange: (on) => changes.push(on),
    });
    dispose();
    page.show("hidden");
    vi.advanceTimersByTime(30_000);
    expect(changes).toEqual([true]);
    expect(page.listeners).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
