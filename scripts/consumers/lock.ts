/**
 * A lock on a fixture's work folder, so that two test commands on one machine take turns on it
 * (they share its cached install). A folder made atomically, holding the owner's pid; a lock
 * whose owner is gone is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function tryTake(lock: string): boolean {
  try {
    mkdirSync(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    let owner = Number.NaN;
    try {
      owner = Number(readFileSync(path.join(lock, "pid"), "utf8"));
    } catch {
      // Made but not yet written by its owner: wait for it.
      return false;
    }
    if (alive(owner)) return false;
    rmSync(lock, { recursive: true, force: true });
    return tryTake(lock);
  }
  writeFileSync(path.join(lock, "pid"), String(process.pid));
  return true;
}

/**
 * Takes `lock` (a folder path), waiting while another live process holds it; `onWait` is called
 * once when it has to wait. Resolves to the release function.
 */
export async function takeLock(
  lock: string,
  options: { pollMs?: number; onWait?: () => void } = {},
): Promise<() => void> {
  let told = false;
  while (!tryTake(lock)) {
    if (!told) options.onWait?.();
    told = true;
    await sleep(options.pollMs ?? 500);
  }
  return () => rmSync(lock, { recursive: true, force: true });
}
