/**
 * Two kinds of time in one process, for the realtime rows. The kit, react-query, the engine and
 * the proxy run on the run's manual clock (bench/query-clock.ts puts the global timers on it), but
 * supabase-js keeps Node's real timers (its heartbeat, join timeout, reconnect), and so do the
 * sockets of the proxy's hop to the simulator. On the manual clock a run covers 10 minutes in a
 * second or so: a heartbeat's answer comes over a real socket and would miss its deadline. (The
 * simulator runs in its own process, all on real timers: bench/realtime-simulator.ts.)
 *
 * The split is by async context (AsyncLocalStorage): code run through `onRealTimers`, and
 * everything it schedules (the sockets' I/O callbacks too), gets real timers; callbacks handed
 * back to the kit (a hint, the subscribe status, `accessToken`) leave that scope, so the kit's
 * own timers stay on the clock.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { SupabaseModuleLike } from "../packages/react/src/realtime/types.ts";

const scope = new AsyncLocalStorage<true>();
// Node's timers, as this module found them (before any run put the globals on a clock).
const real = { setTimeout: globalThis.setTimeout, setInterval: globalThis.setInterval };
export const realSetTimeout = real.setTimeout;

export const onRealTimers = <T>(work: () => T): T => scope.run(true, work);
export const offRealTimers = <T>(work: () => T): T => scope.exit(work);

type Timer = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => unknown;

/**
 * Routes `setTimeout` and `setInterval` by scope: Node's inside `onRealTimers`, else the ones
 * installed now (the clock's). Answers a function that puts the clock's back. `clearTimeout`
 * stays the clock's: it hands a real timer to Node's.
 */
export function routeTimersByScope(): () => void {
  const onClock = { setTimeout: globalThis.setTimeout, setInterval: globalThis.setInterval };
  const route =
    (name: keyof typeof real): Timer =>
    (...args) =>
      ((scope.getStore() ? real[name] : onClock[name]) as unknown as Timer)(...args);
  Object.assign(globalThis, { setTimeout: route("setTimeout"), setInterval: route("setInterval") });
  return () => Object.assign(globalThis, onClock);
}

const targets = new WeakMap<object, object>();
type AnyFunction = (...args: unknown[]) => unknown;
const leaving =
  (callback: AnyFunction): AnyFunction =>
  (...args) =>
    offRealTimers(() => callback(...args));

/** The object as the kit sees it: each method runs on real timers; callbacks it takes leave. */
function onRealTimersObject<T extends object>(target: T): T {
  const proxy = new Proxy(target, {
    get(object, key) {
      const value: unknown = Reflect.get(object, key);
      if (typeof value === "function") {
        return (...args: unknown[]) => {
          const given = args.map((arg) => {
            if (typeof arg === "function") return leaving(arg as AnyFunction);
            return arg !== null && typeof arg === "object" ? (targets.get(arg) ?? arg) : arg;
          });
          const result = onRealTimers(() => (value as AnyFunction).apply(object, given));
          // A channel (`channel()`, `on()`, `subscribe()`) is wrapped too; promises are not.
          const wrap =
            result !== null && typeof result === "object" && !(result instanceof Promise);
          return wrap ? onRealTimersObject(result) : result;
        };
      }
      if (key === "realtime" && value !== null && typeof value === "object") {
        return onRealTimersObject(value);
      }
      return value;
    },
  });
  targets.set(proxy, target);
  return proxy;
}

/**
 * supabase-js as the kit loads it (`loadSupabase`), with Node's `ws` as its websocket (Node 20 has
 * none) and every client on real timers.
 */
export function supabaseOnRealTimers(
  supabase: {
    createClient(url: string, key: string, options: Record<string, unknown>): object;
  },
  WebSocket: unknown,
): SupabaseModuleLike {
  return {
    createClient(url, anonKey, options) {
      const client = onRealTimers(() =>
        supabase.createClient(url, anonKey, {
          accessToken: leaving(options.accessToken),
          realtime: { transport: WebSocket },
        }),
      );
      return onRealTimersObject(client) as ReturnType<SupabaseModuleLike["createClient"]>;
    },
  };
}
