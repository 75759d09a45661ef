// createSimulator: the in-memory Dollr as a Web-standard fetch handler (browsers, MSW, Node).

import { isCanonicalPath } from "./canonical.ts";
import { createControl, type SimulatorControl } from "./control.ts";
import { HttpError, LostResponseError } from "./errors.ts";
import { FaultInjector, faultResponseError } from "./faults.ts";
import { errorResponse, json, preflight, readJsonBody } from "./http.ts";
import { type RuntimeConfig, resolveConfig, type SimulatorOptions } from "./options.ts";
import { Router, type World } from "./router.ts";
import { accountRoutes } from "./routes/accounts.ts";
import { authRoutes } from "./routes/auth.ts";
import { controlRoutes } from "./routes/control.ts";
import { executionRoutes } from "./routes/executions.ts";
import { partyRoutes } from "./routes/parties.ts";
import { predictionRoutes } from "./routes/predictions.ts";
import { sessionRoutes } from "./routes/sessions.ts";
import { sourceRoutes } from "./routes/sources.ts";
import { readSnapshot } from "./snapshot.ts";
import { Store } from "./store.ts";
import { requireBearer } from "./tokens.ts";

export type SimulatorHandler = ((request: Request) => Promise<Response>) & {
  control: SimulatorControl;
};

const CONTROL_PREFIX = "/__simulator";

export function createSimulator(options: SimulatorOptions = {}): SimulatorHandler {
  const clock = options.clock ?? { now: () => Date.now() };
  const startConfig = resolveConfig(options);
  let config: RuntimeConfig = { ...startConfig };
  const store = new Store();
  if (options.state !== undefined) {
    const { state, tokens } = readSnapshot(options.state);
    store.load(state, tokens);
  }
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) {
      try {
        listener();
      } catch (error) {
        // A listener's bug (a full disk) must not fail the request that changed the records.
        console.error("dollr-simulator: a change listener failed", error);
      }
    }
  };
  const world: World = {
    store,
    get config() {
      return config;
    },
    now: () => clock.now() + store.state.clockOffsetMs,
  };
  const faults = new FaultInjector(options.faultSeed ?? 1);
  const control = createControl({
    world,
    faults,
    startConfig,
    setConfig: (next) => {
      config = next;
    },
    changed,
    listen(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  });
  const api = new Router([
    ...authRoutes,
    ...partyRoutes,
    ...sourceRoutes,
    ...sessionRoutes,
    ...accountRoutes,
    ...predictionRoutes,
    ...executionRoutes,
  ]);
  const controls = new Router(controlRoutes(control));
  const basePath = (options.basePath ?? "").replace(/\/+$/, "");

  async function dispatch(router: Router, request: Request, url: URL, path: string) {
    try {
      const { route, params } = router.match(request.method.toUpperCase(), path);
      if (route.auth) requireBearer(world, request);
      let body: Promise<unknown> | undefined;
      return await route.handle({
        world,
        request,
        url,
        params,
        body: () => {
          body ??= readJsonBody(request);
          return body;
        },
      });
    } catch (error) {
      if (error instanceof HttpError) return errorResponse(error);
      // A bug in the simulator must not take the process down: answer it and keep serving.
      console.error("dollr-simulator: unexpected error", error);
      return json(500, { detail: "Internal Server Error (simulator bug)" });
    }
  }

  async function handle(request: Request): Promise<Response> {
    try {
      return await answer(request);
    } finally {
      // Any request may have written (even a GET: card-provider-info remembers the card).
      changed();
    }
  }

  async function answer(request: Request): Promise<Response> {
    const method = request.method.toUpperCase();
    if (method === "OPTIONS") return preflight();
    const url = new URL(request.url);
    let path = url.pathname;
    if (!isCanonicalPath(path)) return errorResponse(new HttpError(404, "Not Found"));
    if (basePath !== "") {
      if (path !== basePath && !path.startsWith(`${basePath}/`))
        return errorResponse(new HttpError(404, "Not Found"));
      path = path.slice(basePath.length) || "/";
    }
    if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`))
      return dispatch(controls, request, url, path);

    const { latencyMs, fault } = faults.decide(method, path);
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (fault?.kind === "rate_limit" || (fault?.kind === "error_500" && !fault.commit))
      return errorResponse(faultResponseError(fault));
    if (fault?.kind === "hold" && !fault.commit) await faults.hold(request.signal);
    const response = await dispatch(api, request, url, path);
    // `commit: true` holds the answer of a request Dollr has already carried out.
    if (fault?.kind === "hold" && fault.commit) await faults.hold(request.signal);
    if (fault?.kind === "lost_response") {
      await response.body?.cancel();
      throw new LostResponseError(method, path);
    }
    if (fault?.kind === "error_500") {
      await response.body?.cancel();
      return errorResponse(faultResponseError(fault));
    }
    return response;
  }

  return Object.assign(handle, { control });
}
