// The /__simulator test surface. No bearer token: it is for tests, stories and demos only.
import { authenticateSchema, clockSchema, type SimulatorControl } from "../control.ts";
import { json } from "../http.ts";
import type { RuntimeConfig } from "../options.ts";
import type { Route } from "../router.ts";
import { iso } from "../sources.ts";
import { parseBody } from "../validation.ts";
import { control } from "./route.ts";

export function controlRoutes(simulator: SimulatorControl): Route[] {
  const clockJson = () => ({ now: iso(simulator.now()), now_ms: simulator.now() });
  return [
    control("GET", "/__simulator", () =>
      json(200, {
        name: "dollr-simulator",
        endpoints: [
          "GET /__simulator/ledger",
          "POST /__simulator/reset",
          "GET|POST /__simulator/clock",
          "GET|POST|DELETE /__simulator/faults",
          "POST /__simulator/faults/release",
          "POST /__simulator/sources",
          "POST /__simulator/authenticate",
          "GET|POST /__simulator/config",
        ],
      }),
    ),
    control("GET", "/__simulator/ledger", () => json(200, simulator.ledger())),
    control("POST", "/__simulator/reset", () => {
      simulator.reset();
      return json(200, { reset: true, ...clockJson() });
    }),
    control("GET", "/__simulator/clock", () => json(200, clockJson())),
    control("POST", "/__simulator/clock", async ({ body }) => {
      simulator.advance(parseBody(clockSchema, await body()).advanceMs);
      return json(200, clockJson());
    }),
    control("GET", "/__simulator/faults", () => json(200, faultsAnswer(simulator))),
    control("POST", "/__simulator/faults", async ({ body }) => {
      simulator.setFaults((await body()) as never);
      return json(200, faultsAnswer(simulator));
    }),
    control("DELETE", "/__simulator/faults", () => {
      simulator.setFaults({ clear: true });
      return json(200, faultsAnswer(simulator));
    }),
    control("POST", "/__simulator/faults/release", () =>
      json(200, { released: simulator.releaseHeld() }),
    ),
    control("POST", "/__simulator/sources", async ({ body }) => {
      return json(200, simulator.createSource((await body()) as never));
    }),
    control("POST", "/__simulator/authenticate", async ({ body }) => {
      const input = parseBody(authenticateSchema, await body());
      return json(200, simulator.authenticate(input.client_secret, input.outcome));
    }),
    control("GET", "/__simulator/config", () => configAnswer(simulator.config())),
    control("POST", "/__simulator/config", async ({ body }) => {
      return configAnswer(simulator.configure((await body()) as never));
    }),
  ];
}

const faultsAnswer = (simulator: SimulatorControl) => ({
  faults: simulator.faults(),
  held: simulator.heldRequests(),
});

/** The options that are credentials: they can be set, never read back over HTTP. */
export const SECRET_CONFIG_KEYS = ["clientSecret", "payoutPasscode"] as const;

export type PublicConfig = Omit<RuntimeConfig, (typeof SECRET_CONFIG_KEYS)[number]>;

/** The config without its secrets (the client secret, the payout passcode). */
export function publicConfig(config: RuntimeConfig): PublicConfig {
  const { clientSecret: _secret, payoutPasscode: _passcode, ...rest } = config;
  return rest;
}

/**
 * The config's answer: no secrets, and no CORS headers, so no other origin's page can read it
 * (every other answer of the simulator allows any origin).
 */
function configAnswer(config: RuntimeConfig): Response {
  const response = json(200, publicConfig(config));
  for (const name of [...response.headers.keys()]) {
    if (name.startsWith("access-control-")) response.headers.delete(name);
  }
  return response;
}
