// Keeping a simulator in a file (Node only): read a snapshot at start, write one shortly after
// each change and at the end. Writes go to a temporary file that is then renamed over the old
// one, so a crash mid-write leaves the previous snapshot whole.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { SimulatorHandler } from "./simulator.ts";
import type { SimulatorSnapshot } from "./snapshot.ts";

/** The snapshot saved in `file`, or null when there is no such file. Throws on a damaged one. */
export function readSnapshotFile(file: string): SimulatorSnapshot | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return JSON.parse(text) as SimulatorSnapshot;
}

function writeAtomically(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

/** Writes `snapshot` to `file` atomically (temporary file, then rename). */
export function writeSnapshotFile(file: string, snapshot: SimulatorSnapshot): void {
  writeAtomically(file, JSON.stringify(snapshot));
}

export interface SnapshotSaverOptions {
  /** Wait this long after a change before writing, so a burst of requests writes once. Default 100 ms. */
  debounceMs?: number;
  /** What to write (default: the snapshot itself); e.g. to wrap it with the caller's own fields. */
  wrap?: (snapshot: SimulatorSnapshot) => unknown;
  /** Told when a write fails (default: a line on stderr); the saver keeps trying on later changes. */
  onError?: (error: unknown) => void;
}

export interface SnapshotSaver {
  /** Writes now if anything changed since the last write. */
  flush(): void;
  /** Flushes and stops listening. */
  close(): void;
}

/**
 * Saves the simulator's snapshot to `file` shortly after every change (only when it differs from
 * the last one written), and on `flush`/`close`.
 */
export function saveSnapshotOnChange(
  simulator: SimulatorHandler,
  file: string,
  options: SnapshotSaverOptions = {},
): SnapshotSaver {
  const debounceMs = options.debounceMs ?? 100;
  const wrap = options.wrap ?? ((snapshot) => snapshot);
  let lastWritten: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    try {
      const text = JSON.stringify(wrap(simulator.control.snapshot()));
      if (text === lastWritten) return;
      writeAtomically(file, text);
      lastWritten = text;
    } catch (error) {
      if (options.onError) options.onError(error);
      else console.error("dollr-simulator: could not save the state", error);
    }
  };
  const stop = simulator.control.onChange(() => {
    if (timer !== null) return;
    timer = setTimeout(flush, debounceMs);
    // A pending save must not keep a process alive that is otherwise done.
    timer.unref?.();
  });
  return {
    flush,
    close() {
      stop();
      flush();
    },
  };
}
