/**
 * One payment through the checkout engine as `<CheckoutFlow>` runs it with the realtime plug-in:
 * the react-query watcher on the manual clock (as bench/query-engine-run.ts), the hints wired as
 * the flow wires them (bench/realtime-hints.ts), the real supabase-js over `ws` against the
 * simulator's Realtime on 127.0.0.1, keys from the real proxy (bench/realtime-servers.ts).
 *
 * The clock stands still while anything is in flight: requests, the join, a hint and the read it
 * asks for. After each step the simulator's clock is moved to it, which makes the simulator send
 * what changed on its watched payments; a completion is a stop of the clock, as the simulator
 * on a real clock wakes at that instant. The delay to success is then clock time (0 when the
 * hint's read shows it) plus the real time from that step to `succeeded`.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  attemptOf,
  createCheckoutEngine,
  createManualClock,
  createMemoryLocks,
  createMemoryStorage,
  DEFAULT_POLLING_POLICY,
} from "../packages/core/src/internal.ts";
import { queryStatusWatcher } from "../packages/react/src/checkout-flow/query-status-watcher.ts";
import type {
  RealtimeHintEvent,
  SupabaseModuleLike,
} from "../packages/react/src/realtime/types.ts";
import { QueryClient, withQueryOnClock } from "./query-clock.ts";
import { startCheckoutHints } from "./realtime-hints.ts";
import {
  type RealtimeServers,
  type SimulatorProcess,
  startRealtimeServers,
} from "./realtime-servers.ts";
import { realSetTimeout, routeTimersByScope, supabaseOnRealTimers } from "./socket-timers.ts";

const CLIENT_KEY = "bench";
export const WINDOW_MS = 10 * 60_000;
/** How long a run waits (real time) for a realtime event it is owed before going on without. */
const EVENT_GUARD_MS = 10_000;

// supabase-js and ws as the kit's package resolves them (bench/ has no dependency of its own).
const fromReact = createRequire(
  path.join(fileURLToPath(new URL("../packages/react/", import.meta.url)), "package.json"),
);
let supabase: Promise<SupabaseModuleLike> | null = null;
const loadSupabase = (): Promise<SupabaseModuleLike> => {
  supabase ??= (async () => {
    // supabase-js warns on import that Node 20 is deprecated: not the bench's news.
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (!String(args[0]).includes("Node.js 20 and below are deprecated")) warn(...args);
    };
    try {
      const module = await import(fromReact.resolve("@supabase/supabase-js"));
      const ws = await import(fromReact.resolve("ws"));
      return supabaseOnRealTimers(module, ws.default ?? ws.WebSocket);
    } finally {
      console.warn = warn;
    }
  })();
  return supabase;
};

export interface RealtimeRunOptions {
  /** When the simulator completes the payment (ms after the execute); null: never. */
  completeAfterMs: number | null;
  /** With the realtime plug-in (hints); false: polling only, as a page without it. */
  realtime: boolean;
  /** Kill every Realtime socket this long after the execute (`/__simulator/realtime/disconnect`). */
  killAtMs?: number;
}

export interface RealtimeRun {
  /** Status requests, ms after the execute. */
  statusAt: number[];
  landedAt: number | null;
  /** When the engine's state became `succeeded` (clock ms after the execute), or null. */
  shownAt: number | null;
  /** Real ms from the simulator's wake at the completion to `succeeded`, when a hint showed it. */
  shownWallMs: number | null;
  finalState: string;
  /** The hints' events, with their clock time after the execute. */
  events: { atMs: number; phase: RealtimeHintEvent["phase"]; reason?: string }[];
  keyRequests: number;
  /** Realtime events owed but not seen within the guard (should be 0). */
  missedEvents: number;
}

export async function runRealtime(
  sim: SimulatorProcess,
  options: RealtimeRunOptions,
): Promise<RealtimeRun> {
  const clock = createManualClock(sim.startMs);
  return withQueryOnClock(clock, async () => {
    const restoreTimers = routeTimersByScope();
    try {
      const processingMs = options.completeAfterMs ?? 60 * 60_000;
      const servers = await startRealtimeServers(sim, clock, processingMs);
      try {
        return await drive(clock, sim, servers, options);
      } finally {
        servers.close();
        // Whatever socket is left (the hints closed theirs) goes before the next run's reset.
        await sim.control("realtime/disconnect");
      }
    } finally {
      restoreTimers();
    }
  });
}

async function drive(
  clock: ReturnType<typeof createManualClock>,
  sim: SimulatorProcess,
  servers: RealtimeServers,
  options: RealtimeRunOptions,
): Promise<RealtimeRun> {
  const { client } = servers;
  const since = () => clock.now() - (servers.executedAt ?? clock.now());
  const events: RealtimeRun["events"] = [];
  const watchers = new Set<(event: RealtimeHintEvent) => boolean>();
  let missedEvents = 0;
  let live = false;
  const onEvent = (event: RealtimeHintEvent) => {
    if (event.phase === "subscribed") live = true;
    if (event.phase === "fallback") live = false;
    events.push({
      atMs: since(),
      phase: event.phase,
      ...(event.phase === "fallback" ? { reason: event.reason } : {}),
    });
    for (const watcher of [...watchers]) if (watcher(event)) watchers.delete(watcher);
  };
  /** Resolves when an event passing `test` arrives (or, counted as missed, after the guard). */
  const owed = (test: (event: RealtimeHintEvent) => boolean) =>
    new Promise<void>((resolve) => {
      const guard = realSetTimeout(() => {
        watchers.delete(watcher);
        missedEvents += 1;
        resolve();
      }, EVENT_GUARD_MS);
      const watcher = (event: RealtimeHintEvent) => {
        if (!test(event)) return false;
        clearTimeout(guard);
        resolve();
        return true;
      };
      watchers.add(watcher);
    });
  // Work the clock must wait for besides requests: realtime events owed, a control call.
  const waits: Promise<unknown>[] = [];
  const settle = async () => {
    for (let quiet = 0; quiet < 4; ) {
      await new Promise((resolve) => setImmediate(resolve));
      const pending = [...servers.inFlight, ...waits.splice(0)];
      if (pending.length === 0) quiet += 1;
      else {
        quiet = 0;
        await Promise.allSettled(pending);
      }
    }
  };

  const queryClient = new QueryClient();
  queryClient.mount(); // as QueryClientProvider does
  const account = await client.createPaymentAccount({
    type: "MOBILE_MONEY",
    phone: "231880000000",
    account_name: "Bench Payer",
  });
  const policy = DEFAULT_POLLING_POLICY;
  const engine = createCheckoutEngine({
    transport: client,
    source: servers.source,
    storage: createMemoryStorage(),
    locks: createMemoryLocks(),
    clock,
    policy,
    statusWatcher: queryStatusWatcher(queryClient, CLIENT_KEY),
  });
  let shownAt: number | null = null;
  let shownWall = 0;
  let hintsAsked = false;
  let stopHints = () => {};
  engine.subscribe(() => {
    const state = engine.getState();
    if (state.kind === "succeeded" && shownAt === null && servers.executedAt !== null) {
      shownAt = since();
      shownWall = performance.now();
    }
    const attempt = attemptOf(state);
    // <CheckoutFlow> renders the plug-in's listener once the wait on Dollr starts.
    if (options.realtime && !hintsAsked && state.kind === "processing" && attempt) {
      hintsAsked = true;
      waits.push(owed((event) => event.phase !== "hint"));
      const started = startCheckoutHints({
        engine,
        policy,
        client,
        queryClient,
        clientKey: CLIENT_KEY,
        clock,
        payment: {
          referenceId: attempt.referenceId,
          sessionId: attempt.sessionId,
          sourceType: servers.source.type,
        },
        loadSupabase,
        onEvent,
      });
      waits.push(started.then((stop) => (stopHints = stop)));
    }
  });
  engine.start();
  await settle();
  engine.selectAccount({ id: account.id, currency: "USD" });
  await engine.pay();
  await settle();
  const { executedAt } = servers;
  if (executedAt === null) throw new Error("bench: the payment was not executed");

  let wokeWall = 0;
  if (options.completeAfterMs !== null) {
    // The simulator's wake at the completion: the step's clock move makes it send the change.
    clock.setTimeout(
      () => {
        wokeWall = performance.now();
        if (live) waits.push(owed((event) => event.phase === "hint"));
      },
      executedAt + options.completeAfterMs - clock.now(),
    );
  }
  if (options.killAtMs !== undefined) {
    clock.setTimeout(
      () => {
        const wasLive = live;
        waits.push(sim.control("realtime/disconnect"));
        if (wasLive) waits.push(owed((event) => event.phase === "fallback"));
      },
      executedAt + options.killAtMs - clock.now(),
    );
  }
  const finished = () => ["succeeded", "failed", "expired"].includes(engine.getState().kind);
  const stopAt = executedAt + WINDOW_MS + 60_000;
  while (!finished() && clock.now() <= stopAt && clock.runNext()) {
    waits.push(servers.syncClock());
    await settle();
  }
  await engine.whenIdle();
  const finalState = engine.getState().kind;
  stopHints();
  engine.dispose();
  queryClient.unmount();
  queryClient.clear();
  const landed = options.completeAfterMs;
  return {
    statusAt: servers.statusAt,
    landedAt: landed,
    shownAt,
    shownWallMs:
      landed !== null && shownAt === landed && events.some((event) => event.phase === "hint")
        ? Math.round((shownWall - wokeWall) * 100) / 100
        : null,
    finalState,
    events,
    keyRequests: servers.keyRequests,
    missedEvents,
  };
}
