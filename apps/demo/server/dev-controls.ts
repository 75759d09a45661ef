/**
 * The developer controls: `/__demo/*` (the panel's extras) and the simulator's `/__simulator/*`.
 * They can reset everything, arm faults and move the clock, so:
 *
 * - they exist in simulator mode only, and only when switched on (`DEMO_DEV_CONTROLS=1` for the
 *   production server; the dev server has them unless `DEMO_DEV_CONTROLS=0`). Off, they answer
 *   404. One exception: `POST /__simulator/authenticate`, where the fake Stripe reports how a
 *   3D Secure challenge ended (it needs that payment's client secret), stays in simulator mode;
 * - another site's page can neither drive nor read them, and a write must be JSON (a form post
 *   or a `text/plain` fetch is refused);
 * - their answers carry no CORS headers (the simulator's own would let any origin read them).
 */

import { bodyProblem, readJsonBody } from "./json-body.ts";
import type { ProxySwitchState } from "./proxy-switches.ts";
import { isCrossSite, isNonJsonWrite } from "./request-guard.ts";
import { isUnder, json } from "./responses.ts";
import type { SimulatorMode, SimulatorRealtime } from "./simulator-mode.ts";

const MAX_BODY_BYTES = 8 * 1024;
const AUTHENTICATE = "/__simulator/authenticate";

export interface DevControlsOptions {
  mode: "simulator" | "dollr";
  /** The in-process simulator (simulator mode), or null. */
  sim: SimulatorMode | null;
  /** Whether the controls are mounted (in simulator mode). */
  enabled: boolean;
  switches: {
    state(): ProxySwitchState;
    set(body: unknown): string | null;
  };
  /** Empties the simulator, the database and the switches. */
  resetAll(): Promise<void>;
  /** The simulator's Realtime on this server (its `/__simulator/realtime*` controls), if any. */
  realtime(): SimulatorRealtime | null;
}

/** Whether a path is the controls' (the caller sends it here, never to the app). */
export function isDevControlPath(path: string): boolean {
  return isUnder(path, "/__demo") || isUnder(path, "/__simulator");
}

/** Whether the controls are on, from the environment: the production server's default is off. */
export function devControlsWanted(raw: string | undefined, byDefault: boolean): boolean {
  if (raw === "1") return true;
  if (raw === "0") return false;
  return byDefault;
}

export function createDevControls(options: DevControlsOptions) {
  const { sim, switches } = options;

  async function demoRoutes(request: Request, path: string, method: string): Promise<Response> {
    if (path === "/__demo" && method === "GET") {
      return json({ mode: options.mode, proxy_offline: switches.state().offline });
    }
    if (path === "/__demo/reset" && method === "POST") {
      await options.resetAll();
      return json({ reset: true });
    }
    if (path === "/__demo/proxy" && method === "GET") return json(switches.state());
    if (path === "/__demo/proxy" && method === "POST") {
      const body = await readJsonBody(request, MAX_BODY_BYTES);
      if (!body.ok) return bodyProblem(body.status);
      const wrong = switches.set(body.value);
      return wrong === null ? json(switches.state()) : json({ detail: wrong }, 422);
    }
    return json({ detail: "No such route" }, 404);
  }

  async function simulatorRoutes(request: Request, path: string, method: string) {
    if (sim === null) throw new Error("unreachable: no simulator");
    if (path === "/__simulator/reset" && method === "POST") {
      // The whole demo, not the simulator alone (the simulator's own answer, without resetting
      // it a second time: the new world's demo party is already in it).
      await options.resetAll();
      const now = sim.world.simulator.control.now();
      return json({ reset: true, now: new Date(now).toISOString(), now_ms: now });
    }
    // Realtime lives beside the simulator (on this server), not in its fetch handler.
    const realtime = await options.realtime()?.answerControl(request);
    return withoutCors(realtime ?? (await sim.world.simulator(request)));
  }

  /** Answers a control path (see `isDevControlPath`). */
  return async function devControls(request: Request, path: string): Promise<Response> {
    const method = request.method.toUpperCase();
    const mounted =
      sim !== null && (options.enabled || (path === AUTHENTICATE && method === "POST"));
    if (!mounted) {
      const detail =
        sim === null
          ? "The simulator controls are off: this demo talks to the real Dollr."
          : "The developer controls are off (DEMO_DEV_CONTROLS=1 turns them on).";
      return json({ detail }, 404);
    }
    if (isCrossSite(request)) return json({ detail: "Cross-origin request" }, 403);
    // No CORS here: a preflight is never answered with permission.
    if (method === "OPTIONS") return json({ detail: "Method not allowed" }, 405);
    if (isNonJsonWrite(request)) return bodyProblem(415);
    return isUnder(path, "/__demo")
      ? demoRoutes(request, path, method)
      : simulatorRoutes(request, path, method);
  };
}

/** The simulator's answer without its permissive CORS headers (this origin needs none). */
export function withoutCors(response: Response): Response {
  const headers = new Headers(response.headers);
  for (const name of [...headers.keys()]) {
    if (name.startsWith("access-control-")) headers.delete(name);
  }
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
