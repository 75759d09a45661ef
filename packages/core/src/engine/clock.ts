/**
 * Where the engine's time comes from. Injectable so a ten-minute mobile-money wait costs
 * milliseconds in tests and stories, and so the simulator and the engine can share one clock.
 */

/** The clock the engine reads and schedules on. */
export interface EngineClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Schedules `callback` after `ms`; returns a handle for `clearTimeout`. */
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock (`Date.now`, `setTimeout`). */
export const systemClock: EngineClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A clock that only moves when told: for tests, stories and the simulator's shared time. */
export interface ManualClock extends EngineClock {
  /** Timers waiting to fire. */
  pending(): number;
  /** When the next timer fires, or null. */
  nextAt(): number | null;
  /** Moves time to the next timer and fires it (and any others due then). False if none. */
  runNext(): boolean;
  /** Moves time forward by `ms`, firing every timer due on the way, in order. */
  advance(ms: number): void;
}

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

/** A manual clock starting at `start` (default 1 January 2026, UTC). */
export function createManualClock(start = Date.UTC(2026, 0, 1)): ManualClock {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, Timer>();
  const earliest = (): Timer | undefined => {
    let first: Timer | undefined;
    for (const timer of timers.values()) {
      if (!first || timer.at < first.at || (timer.at === first.at && timer.id < first.id)) {
        first = timer;
      }
    }
    return first;
  };
  const fire = (timer: Timer) => {
    timers.delete(timer.id);
    now = Math.max(now, timer.at);
    timer.callback();
  };
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { id, at: now + Math.max(0, Number.isFinite(ms) ? ms : 0), callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    pending: () => timers.size,
    nextAt: () => earliest()?.at ?? null,
    runNext() {
      const timer = earliest();
      if (!timer) return false;
      fire(timer);
      return true;
    },
    advance(ms) {
      const until = now + ms;
      for (let timer = earliest(); timer && timer.at <= until; timer = earliest()) fire(timer);
      now = until;
    },
  };
}
