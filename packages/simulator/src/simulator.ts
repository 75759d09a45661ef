// createSimulator: the in-memory Dollr as a Web-standard fetch handler (browsers, MSW, Node).

import { isCanonicalPath } from "./canonical.ts";
import { createControl, type SimulatorControl } from "./control.ts";
import { HttpError, LostResponseError } from "./errors.ts";
import { FaultInjector, faultResponseError } from "./faults.ts";
import { handleHostedPage, isHostedPagePath } from "./hosted-page.ts";
import { errorResponse, json, preflight, readJsonBody } from "./http.ts";
import { type RuntimeConfig, resolveConfig, type SimulatorOptions } from "./options.ts";
import { realtimeSecretFrom } from "./realtime-keys.ts";
import { Router, type World } from "./router.ts";
import { accountRoutes } from "./routes/accounts.ts";
import { authRoutes } from "./routes/auth.ts";
import { checkoutRoutes } from "./routes/checkouts.ts";
import { controlRoutes } from "./routes/control.ts";
import { executionRoutes } from "./routes/executions.ts";
import { feeRoutes } from "./routes/fees.ts";
import { linkRoutes } from "./routes/links.ts";
import { merchantRoutes } from "./routes/merchants.ts";
import { partyRoutes } from "./routes/parties.ts";
import { predictionRoutes } from "./routes/predictions.ts";
import { realtimeKeyRoutes } from "./routes/realtime-keys.ts";
import { receiptRoutes } from "./routes/receipts.ts";
import { sessionRoutes } from "./routes/sessions.ts";
import { sourceRoutes } from "./routes/sources.ts";
import { otherStatusRoutes } from "./routes/status-other.ts";
import { readSnapshot } from "./snapshot.ts";
import { Store } from "./store.ts";
import { requireBearer } from "./tokens.ts";
import { withValidationMode } from "./validation.ts";

export type SimulatorHandler = ((request: Request) => Promise<Response>) & {
  control: SimulatorControl;
};

const CONTROL_PREFIX = "/__simulator";

// Each handler's records, for the Node server's realtime feed (not exported from the package).
const worlds = new WeakMap<SimulatorHandler, World>();

export function worldOf(handler: SimulatorHandler): World {
  const world = worlds.get(handler);
  if (!world) throw new TypeError("not a handler made by createSimulator");
  return world;
}

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
  const realtimeJwtSecret = realtimeSecretFrom(options.realtimeJwtSecret);
  const control = createControl({
    world,
    faults,
    startConfig,
    realtimeJwtSecret,
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
    ...otherStatusRoutes,
    ...feeRoutes,
    ...merchantRoutes,
    ...realtimeKeyRoutes(() => realtimeJwtSecret),
    ...checkoutRoutes,
    ...linkRoutes,
    ...receiptRoutes,
  ]);
  const controls = new Router(controlRoutes(control));
  const basePath = (options.basePath ?? "").replace(/\/+$/, "");

  async function dispatch(router: Router, request: Request, url: URL, path: string) {
    try {
      const { route, params } = router.match(request.method.toUpperCase(), path);
      if (route.auth) requireBearer(world, request);
      // Dollr's routes check input in the configured mode; the test surface always strictly.
      const mode = router === api ? config.validation : "strict";
      withValidationMode(url.searchParams, mode);
      let body: Promise<unknown> | undefined;
      return await route.handle({
        world,
        request,
        url,
        params,
        body: () => {
          body ??= readJsonBody(request).then((value) => withValidationMode(value, mode));
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
    // The hosted pay and receipt pages: HTML for the customer's browser, no token, no faults.
    if (isHostedPagePath(path)) return handleHostedPage(world, request, url, path);

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

  const handler = Object.assign(handle, { control });
  worlds.set(handler, world);
  return handler;
}
