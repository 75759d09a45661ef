// The README's adapter recipes are files (recipes/*.ts, and the Next.js route of the consumer
// fixture); this checks that the README shows them as they are, and runs the Express and Hono
// ones with the conformance suite. (The Next.js route runs under `next start` in the consumer
// fixtures: `pnpm run consumers`.)
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runConformance } from "./conformance/index.ts";
import { DEV_CUSTOMERS } from "./dev-backend.ts";
import { toNodeListener } from "./node.ts";

// The shop's module that makes the proxy: here the development backend's proxy, in front of an
// in-process simulator whose controls the suite reaches on a port of their own. The recipes keep
// the `proxy` they imported; `renew()` puts a new backend behind it for each test.
vi.mock("../recipes/dollr-proxy.ts", async () => {
  const { createDevBackend } = await import("./dev-backend.ts");
  const { silentLogger } = await import("./logging.ts");
  // The shop's public origin; the suite calls the socket's 127.0.0.1 directly.
  const proxy = { publicOrigin: "https://shop.recipes.test", allowedHosts: ["127.0.0.1"] };
  let backend = createDevBackend({ logger: silentLogger, proxy });
  const shopProxy = Object.assign((request: Request) => backend.proxy(request), {
    prefix: backend.proxy.prefix,
  });
  return {
    proxy: shopProxy,
    backend: () => backend,
    renew: () => {
      backend = createDevBackend({ logger: silentLogger, proxy });
    },
  };
});

interface MockedShopModule {
  backend(): Parameters<typeof toNodeListener>[0];
  renew(): void;
}
const shopModule = async () =>
  (await import("../recipes/dollr-proxy.ts")) as unknown as MockedShopModule;

beforeEach(async () => {
  (await shopModule()).renew();
});

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The code block that follows each `<!-- recipe: path -->` in the README, by path. */
function readmeRecipes(): Map<string, string> {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const recipes = new Map<string, string>();
  for (const [, file, code] of readme.matchAll(/<!-- recipe: (\S+) -->\n```\w*\n([\s\S]*?)```/g)) {
    recipes.set(file as string, code as string);
  }
  return recipes;
}

async function conformanceOf(base: string) {
  const controls = await listen(createServer(toNodeListener((await shopModule()).backend())));
  return runConformance({
    url: `${base}/api/dollr`,
    simulatorUrl: controls,
    publicOrigin: "https://shop.recipes.test",
    otherHeaders: { authorization: `Bearer ${DEV_CUSTOMERS.second}` },
    unauthenticatedHeaders: { authorization: "Bearer nobody" },
    forbiddenStrings: ["sim_client_secret"],
  });
}

describe("the README's adapter recipes", () => {
  it("are shown as the files are", () => {
    const recipes = readmeRecipes();
    expect([...recipes.keys()].sort()).toEqual(
      [
        "recipes/express.ts",
        "recipes/hono.ts",
        "../../fixtures/consumers/next/app/api/dollr/[[...path]]/route.ts",
        "../../fixtures/consumers/next/next.config.ts",
      ].sort(),
    );
    for (const [file, code] of recipes) {
      expect(code, file).toBe(readFileSync(new URL(`../${file}`, import.meta.url), "utf8"));
    }
  });

  it("Express: passes the conformance suite, and the shop's own routes still answer", async () => {
    const { app } = await import("../recipes/express.ts");
    const base = await listen(createServer(app));
    expect(await (await fetch(`${base}/`)).text()).toBe("the shop");
    const report = await conformanceOf(base);
    expect(report.results.filter((r) => r.status !== "pass")).toEqual([]);
    expect(report).toMatchObject({ ok: true, failed: 0, skipped: 0, simulator: true });
  });

  it("Hono: passes the conformance suite, and the shop's own routes still answer", async () => {
    const { app } = await import("../recipes/hono.ts");
    const server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () =>
        resolve(s as Server),
      );
    });
    servers.push(server);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(await (await fetch(`${base}/`)).text()).toBe("the shop");
    const report = await conformanceOf(base);
    expect(report.results.filter((r) => r.status !== "pass")).toEqual([]);
    expect(report).toMatchObject({ ok: true, failed: 0, skipped: 0, simulator: true });
  });
});
