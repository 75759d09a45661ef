/**
 * The status poller the engine waits with, as a small interface: the engine says what to read
 * and how long to wait after each result; a watcher does the asking. Core's own watcher runs on
 * the engine's clock (no framework). `@dollr-kit/react` gives the engine a watcher over the host's
 * react-query `QueryClient` instead, so the checkout's wait is one query per reference id: shared
 * with `<ExecutionStatus>`, refetched on window focus and on reconnect, seen in the devtools.
 *
 * The engine handles each result inside `read` before the watcher plans the next one, so the
 * delay a watcher asks for always counts the result it just had (errors, `Retry-After`).
 */
import type { EngineClock } from "./clock.ts";
import type { EngineExecution } from "./transport.ts";

/** What the engine asks of one watch. */
export interface StatusWatchSpec {
  /** The reference id watched (a watcher keys its cache entry by it). */
  referenceId: string;
  /**
   * Reads the status once and lets the engine act on the answer (or failure) before it
   * resolves; resolves with the answer as a cache may keep it (no `client_secret`), rejects
   * with the failure.
   */
  read(): Promise<EngineExecution>;
  /** After a result: how long until the next read, or null when no more are wanted. */
  nextDelay(): number | null;
}

/** One running watch. */
export interface StatusWatch {
  /** Reads as soon as possible (a "check again"), or after `delayMs`. */
  refetch(delayMs?: number): void;
  /** Stops reading; a read in flight still completes but plans nothing after it. */
  close(): void;
}

/** Opens a watch: the first read goes out after `firstDelayMs` (0: at once). */
export type StatusWatcher = (spec: StatusWatchSpec, firstDelayMs: number) => StatusWatch;

/**
 * The engine's own watcher, on its clock: one read in flight at a time; a refetch asked for
 * meanwhile runs right after it.
 */
export function clockStatusWatcher(
  clock: EngineClock,
  track: (work: Promise<unknown>) => unknown = () => undefined,
): StatusWatcher {
  return (spec, firstDelayMs) => {
    let timer: unknown = null;
    let reading = false;
    let again = false;
    let closed = false;

    function schedule(delayMs: number) {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      if (closed) return;
      timer = clock.setTimeout(
        () => {
          timer = null;
          track(readOnce());
        },
        Math.max(0, delayMs),
      );
    }

    async function readOnce(): Promise<void> {
      if (closed) return;
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      again = false;
      try {
        await spec.read();
      } catch {
        // The engine has handled the failure in `read`; only the schedule is left.
      } finally {
        reading = false;
      }
      if (closed) return;
      if (again) return schedule(0);
      const delay = spec.nextDelay();
      if (delay !== null) schedule(delay);
    }

    schedule(firstDelayMs);
    return {
      refetch(delayMs = 0) {
        if (reading) again = true;
        else schedule(delayMs);
      },
      close() {
        closed = true;
        if (timer !== null) clock.clearTimeout(timer);
        timer = null;
      },
    };
  };
}
