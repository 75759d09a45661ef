/**
 * A fixture as a merchant runs it: type-checked, built for production, and started (the Vite
 * shop's own node:http server, or `next start`) in front of a simulator.
 */
import path from "node:path";
import { SHOP_HOST } from "./browser.ts";
import { freePort, run, type Server, startServer, tail } from "./processes.ts";
import type { Simulator } from "./simulator.ts";
import type { FixtureKind } from "./workdir.ts";

const bin = (dir: string, name: string) => path.join(dir, "node_modules/.bin", name);

/** `tsc --noEmit` with the fixture's tsconfig (skipLibCheck: false). Throws with tsc's output. */
export async function typecheck(dir: string): Promise<void> {
  const tsc = await run(bin(dir, "tsc"), ["--noEmit", "-p", "."], {
    cwd: dir,
    timeoutMs: 5 * 60_000,
  });
  if (tsc.code !== 0) throw new Error(`tsc --noEmit failed:\n${tail(tsc.output)}`);
}

/**
 * The production build (`vite build`; `next build`, with Turbopack unless `webpack`, its other
 * bundler, is asked for). Throws with its output
 * when it fails, or when it so much as mentions a Stripe package (a mobile-money shop has none).
 */
export async function build(
  kind: FixtureKind,
  dir: string,
  bundler: "default" | "webpack" = "default",
): Promise<void> {
  const command = kind === "vite" ? bin(dir, "vite") : bin(dir, "next");
  const args = bundler === "webpack" ? ["build", "--webpack"] : ["build"];
  const result = await run(command, args, {
    cwd: dir,
    timeoutMs: 10 * 60_000,
    env: { NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  if (result.code !== 0) throw new Error(`${kind} build failed:\n${tail(result.output)}`);
  if (/@stripe\//.test(result.output))
    throw new Error(`${kind} build mentions a Stripe package:\n${tail(result.output)}`);
}

export interface RunningShop {
  /** The shop as a customer's browser opens it: `http://shop.test:<port>`. */
  origin: string;
  /** The same server by address, for requests from the harness. */
  local: string;
  server: Server;
}

/** Starts the built shop in front of `simulator`. */
export async function startShop(
  kind: FixtureKind,
  dir: string,
  simulator: Simulator,
): Promise<RunningShop> {
  const port = await freePort();
  const origin = `http://${SHOP_HOST}:${port}`;
  const env = {
    PORT: String(port),
    DOLLR_BASE_URL: simulator.url,
    SHOPPER_PARTY_ID: String(simulator.parties.shopper),
    SECOND_PARTY_ID: String(simulator.parties.second),
    // The Next.js route's `origin` option (the README's route reads SHOP_ORIGIN).
    SHOP_ORIGIN: origin,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const server =
    kind === "vite"
      ? await startServer(process.execPath, ["server.js"], {
          cwd: dir,
          env,
          timeoutMs: 30_000,
          ready: /shop listening on http:\/\/\S+/,
        })
      : await startServer(bin(dir, "next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
          cwd: dir,
          env,
          timeoutMs: 60_000,
          ready: /Ready in/,
        });
  return { origin, local: `http://127.0.0.1:${port}`, server };
}
