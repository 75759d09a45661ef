// The conformance suite passes against our proxy in front of the simulator (the `pnpm proxy`
// app), with nothing skipped; and it catches a proxy that breaks the contract.
import { afterEach, describe, expect, it } from "vitest";
import { DEV_CUSTOMERS, type DevApp, startDevApp } from "../dev-app.ts";
import { silentLogger } from "../logging.ts";
import { runConformance } from "./index.ts";

let app: DevApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const SHOP = { publicOrigin: "https://shop.conformance.test", allowedHosts: ["127.0.0.1"] };

const everyone = {
  otherHeaders: { authorization: `Bearer ${DEV_CUSTOMERS.second}` },
  unauthenticatedHeaders: { authorization: "Bearer nobody" },
};

describe("the conformance suite", () => {
  it("passes every check against our proxy in front of the simulator", async () => {
    // The shop's public origin, and the socket's host (the checks call 127.0.0.1 directly).
    app = await startDevApp({ logger: silentLogger, proxy: SHOP });
    const report = await runConformance({
      url: app.proxyUrl,
      publicOrigin: SHOP.publicOrigin,
      ...everyone,
      forbiddenStrings: ["sim_client_secret"],
    });
    const failures = report.results.filter((r) => r.status !== "pass");
    expect(failures).toEqual([]);
    expect(report).toMatchObject({ ok: true, failed: 0, skipped: 0, simulator: true });
    expect(report.passed).toBeGreaterThanOrEqual(20);
  });

  it("skips what it cannot check without fixtures, and says why", async () => {
    app = await startDevApp({ logger: silentLogger });
    const report = await runConformance({ url: app.proxyUrl, simulatorUrl: null });
    expect(report.simulator).toBe(false);
    const skipped = Object.fromEntries(
      report.results.filter((r) => r.status === "skip").map((r) => [r.id, r.detail]),
    );
    expect(Object.keys(skipped).sort()).toEqual(
      [
        "auth",
        "authority.already-paid",
        "authority.definite-refusals",
        "authority.source-busy",
        "authority.status-with-source",
        "errors.rate-limit",
        "execute.ambiguous",
        "execute.idempotent",
        "host.foreign",
        "limits.burst",
        "ownership.accounts",
        "ownership.execute",
        "realtime-keys.recorded",
        "receipts.paid",
      ].sort(),
    );
    expect(skipped["execute.idempotent"]).toMatch(/--allow-execute/);
    expect(skipped["authority.status-with-source"]).toMatch(/needs a source/);
    expect(skipped["host.foreign"]).toMatch(/--public-origin/);
    expect(report.failed).toBe(0);
  });

  it("fails a proxy that answers a foreign Host (no publicOrigin)", async () => {
    app = await startDevApp({ logger: silentLogger });
    const report = await runConformance({
      url: app.proxyUrl,
      publicOrigin: app.url,
      only: ["host.foreign"],
    });
    expect(report.ok).toBe(false);
    expect(report.results).toEqual([
      expect.objectContaining({
        id: "host.foreign",
        status: "fail",
        detail: expect.stringMatching(
          /GET for Host rebinding\.conformance\.invalid must be refused/,
        ),
      }),
    ]);
  });

  it("fails a proxy that forwards what it should refuse", async () => {
    app = await startDevApp({ logger: silentLogger });
    const simulator = app.simulator;
    const leaky = app.url;
    // A "proxy" that is just the simulator with the merchant's token attached: no allow-list, no
    // validation, no ownership.
    const token = simulator.control.issueToken();
    const report = await runConformance({
      url: `${leaky}/leaky`,
      simulatorUrl: leaky,
      fetch: (async (input: string | URL | Request, init?: RequestInit) => {
        const url = new URL(String(input));
        if (url.pathname.startsWith("/leaky")) {
          const path = url.pathname.slice("/leaky".length) + url.search;
          const headers = new Headers(init?.headers);
          headers.set("authorization", `Bearer ${token}`);
          return simulator(new Request(`http://simulator.local${path}`, { ...init, headers }));
        }
        return fetch(input, init);
      }) as typeof fetch,
      only: ["allow-list.unknown-routes", "validation.amounts", "secrets"],
    });
    expect(report.ok).toBe(false);
    expect(report.results.find((r) => r.id === "allow-list.unknown-routes")).toMatchObject({
      status: "fail",
      detail: expect.stringMatching(/POST \/v1\/jwt\/client\/obtain\/token → 422/),
    });
  });
});
