import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { takeLock } from "./lock.ts";

let dir = "";
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = "";
});

describe("a fixture's lock", () => {
  it("is taken, held, and released", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "lock-test-"));
    const lock = path.join(dir, "next.lock");
    const release = await takeLock(lock);
    expect(existsSync(path.join(lock, "pid"))).toBe(true);
    let second = false;
    let waited = false;
    const pending = takeLock(lock, { pollMs: 5, onWait: () => (waited = true) }).then((r) => {
      second = true;
      return r;
    });
    // The second taker can only get it once the first lets go.
    await new Promise((resolve) => setImmediate(resolve));
    expect(waited).toBe(true);
    expect(second).toBe(false);
    release();
    (await pending)();
    expect(second).toBe(true);
    expect(existsSync(lock)).toBe(false);
  });

  it("is taken over from an owner that is gone", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "lock-test-"));
    const lock = path.join(dir, "vite.lock");
    mkdirSync(lock);
    // A pid past Linux's pid_max: no such process.
    writeFileSync(path.join(lock, "pid"), "99999999");
    const release = await takeLock(lock, { pollMs: 5 });
    release();
    expect(existsSync(lock)).toBe(false);
  });
});
