/**
 * TanStack Query on the polling bench's manual clock, so a 10-minute wait through react-query
 * runs in milliseconds: its timers (`refetchInterval`, `staleTime`, `gcTime`) go through
 * `timeoutManager`'s provider, its notifications run as microtasks, and it schedules timers
 * in Node (no `window`: `environmentManager` would call it a server and arm no interval).
 *
 * The process's global `setTimeout` goes to the same clock while a run is on: the kit's status
 * watcher arms its first read (and a delayed "check again") with it, and the proxy client its
 * request timeout. `setImmediate` stays real: the bench's flushes wait on it.
 *
 * The same copy of @tanstack/react-query as the kit's source imports (the singletons must be
 * shared): bench/ has no dependency of its own on it.
 */
import type { ManualClock } from "../packages/core/src/internal.ts";
import {
  defaultScheduler,
  environmentManager,
  isServer,
  notifyManager,
  QueryObserver,
  type TimeoutProvider,
  timeoutManager,
} from "../packages/react/node_modules/@tanstack/react-query/build/modern/index.js";

export {
  focusManager,
  QueryClient,
  QueryObserver,
} from "../packages/react/node_modules/@tanstack/react-query/build/modern/index.js";

interface Armed {
  clock: ManualClock;
  handle: unknown;
}

const handles = new WeakSet<object>();

/** What Node's timers answer, enough for callers that `unref()` them. */
function nodeLikeHandle(id: number) {
  const handle = {
    ref: () => handle,
    unref: () => handle,
    hasRef: () => true,
    refresh: () => handle,
    [Symbol.toPrimitive]: () => id,
  };
  handles.add(handle);
  return handle;
}

// The clock of the run under way (each run makes its own), or null: real timers.
let current: ManualClock | null = null;
let nextId = 1;
const armed = new Map<number, Armed>();

function start(clock: ManualClock, callback: () => void, delay: number, repeat: boolean): number {
  const id = nextId++;
  const ms = Math.max(0, Number.isFinite(delay) ? delay : 0);
  const arm = () => armed.set(id, { clock, handle: clock.setTimeout(fire, ms) });
  const fire = () => {
    if (repeat) arm();
    else armed.delete(id);
    callback();
  };
  arm();
  return id;
}

/** Clears a clock timer; false when `id` is not one (a real timer). */
function stop(id: unknown): boolean {
  const key = typeof id === "number" ? id : handles.has(id as object) ? Number(id) : null;
  const timer = key === null ? undefined : armed.get(key);
  if (key === null || !timer) return typeof id === "number";
  timer.clock.clearTimeout(timer.handle);
  armed.delete(key);
  return true;
}

// The real timers, as this module found them.
const real = {
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setInterval: globalThis.setInterval,
  clearInterval: globalThis.clearInterval,
};
type RealId = Parameters<typeof clearTimeout>[0];

// Installed once for the process and never switched (react-query warns when a provider is
// replaced after use): it routes to the run's clock, else to the real timers.
const provider: TimeoutProvider = {
  setTimeout: (callback, delay) =>
    current ? start(current, callback, delay, false) : nodeId(real.setTimeout(callback, delay)),
  clearTimeout: (id) => {
    if (!stop(id)) real.clearTimeout(id as RealId);
  },
  setInterval: (callback, delay) =>
    current ? start(current, callback, delay, true) : nodeId(real.setInterval(callback, delay)),
  clearInterval: (id) => {
    if (!stop(id)) real.clearInterval(id as RealId);
  },
};
let installed = false;

/** Node's timer objects convert to a number, as react-query's timer ids must. */
const nodeId = (timer: ReturnType<typeof setTimeout>) =>
  timer as unknown as { [Symbol.toPrimitive]: () => number };

type Callback = (...args: unknown[]) => void;

/**
 * Runs `work` with react-query and the global timers on `clock`, and notifications as
 * microtasks. Everything but the (routing) timeout provider is put back afterwards.
 */
export async function withQueryOnClock<T>(clock: ManualClock, work: () => Promise<T>): Promise<T> {
  if (current) throw new Error("bench: one clock at a time");
  if (!installed) timeoutManager.setTimeoutProvider(provider);
  installed = true;
  const global =
    (repeat: boolean) =>
    (callback: Callback, delay?: number, ...args: unknown[]) =>
      nodeLikeHandle(start(clock, () => callback(...args), delay ?? 0, repeat));
  const clear = (id: unknown) => {
    if (!stop(id)) real.clearTimeout(id as RealId);
  };
  current = clock;
  notifyManager.setScheduler(queueMicrotask);
  environmentManager.setIsServer(() => false);
  Object.assign(globalThis, {
    setTimeout: global(false),
    setInterval: global(true),
    clearTimeout: clear,
    clearInterval: clear,
  });
  try {
    return await work();
  } finally {
    Object.assign(globalThis, real);
    current = null;
    notifyManager.setScheduler(defaultScheduler);
    environmentManager.setIsServer(() => isServer);
  }
}

/** Throws if the kit's watcher made its observer from another copy of react-query. */
export function assertSameQueryCopy(observer: unknown): void {
  if (!(observer instanceof QueryObserver)) {
    throw new Error("bench: the kit and the bench load different copies of @tanstack/query-core");
  }
}
