import { afterEach, describe, expect, it, vi } from "vitest";
import { browserStorage, createMemoryStorage } from "./storage.ts";

describe("memory storage", () => {
  it("stores strings and tells watchers about every write", () => {
    const storage = createMemoryStorage({ a: "1" });
    const seen: string[] = [];
    const stop = storage.watch((key) => seen.push(key));
    storage.setItem("b", "2");
    storage.removeItem("a");
    stop();
    storage.setItem("c", "3");
    expect(seen).toEqual(["b", "a"]);
    expect(storage.snapshot()).toEqual({ b: "2", c: "3" });
    expect(storage.getItem("a")).toBeNull();
  });
});

describe("browserStorage", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("is undefined where localStorage is missing or refuses use", () => {
    vi.stubGlobal("localStorage", undefined);
    expect(browserStorage()).toBeUndefined();
    vi.stubGlobal("localStorage", {
      getItem: () => null,
      setItem: () => {
        throw new Error("SecurityError");
      },
      removeItem: () => {},
    });
    expect(browserStorage()).toBeUndefined();
  });

  it("wraps localStorage and watches other tabs through the storage event", () => {
    const local = createMemoryStorage();
    const listeners: ((event: { key: string | null }) => void)[] = [];
    vi.stubGlobal("localStorage", local);
    vi.stubGlobal(
      "addEventListener",
      (_: string, listener: (event: { key: string | null }) => void) => listeners.push(listener),
    );
    vi.stubGlobal("removeEventListener", () => {});
    const storage = browserStorage();
    storage?.setItem("k", "v");
    expect(local.getItem("k")).toBe("v");
    const seen: string[] = [];
    storage?.watch((key) => seen.push(key));
    for (const listener of listeners) {
      listener({ key: "k" });
      listener({ key: null });
    }
    expect(seen).toEqual(["k"]);
  });
});
