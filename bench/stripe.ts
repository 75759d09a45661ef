/**
 * Stripe.js on the wire: a page of our own built with the kit (bench/stripe-page/), served with
 * the proxy + simulator on one origin, driven in Chromium (Playwright, /usr/bin/chromium). It
 * counts the requests to js.stripe.com, their bytes, and the page's Stripe loads, for:
 * - a mobile-money checkout on the README's wiring (the loader `() => loadStripe(key)`: cards
 *   offered, a saved card shown in the picker but not chosen) — goal: 0 requests, 0 loads;
 * - the same checkout with no Stripe given (cards off);
 * - the card path with the kit's fake Stripe through a loader (a saved 3D Secure card, challenge
 *   completed) — goal: 1 load.
 *
 *   tsx bench/stripe.ts
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { chromium } from "playwright";
import { build } from "vite";
import { createDevBackend } from "../packages/server/src/dev-backend.ts";
import { toNodeListener } from "../packages/server/src/node.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, ".tmp/stripe-page");
const reactModules = path.join(here, "../packages/react/node_modules");

export interface StripeScenario {
  scenario: string;
  /** Requests to js.stripe.com (any path). */
  stripeRequests: number;
  /** Bytes received from js.stripe.com (0 when offline: the request fails). */
  stripeBytes: number;
  /** Requests to js.stripe.com that failed (no network here). */
  stripeFailed: number;
  /** Stripe loads the page made (calls of its loader: `loadStripe` or the fake). */
  stripeLoads: number;
  /** The checkout's final state. */
  finalState: string;
}

async function buildPage(): Promise<void> {
  await build({
    configFile: false,
    root: path.join(here, "stripe-page"),
    logLevel: "silent",
    plugins: [react()],
    publicDir: false,
    resolve: {
      alias: [{ find: /^@stripe\/stripe-js/, replacement: `${reactModules}/@stripe/stripe-js` }],
    },
    build: { outDir, emptyOutDir: true, target: "es2022" },
  });
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
};

async function startApp(): Promise<{ url: string; server: Server; sourceFor: () => number }> {
  const backend = createDevBackend({
    logger: { info() {}, warn() {}, error() {} },
    simulator: { processingMs: 1_500 },
  });
  const api = toNodeListener(backend);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname.startsWith("/api/") || url.pathname.startsWith("/__simulator")) {
      api(req, res);
      return;
    }
    const file = path.join(outDir, url.pathname === "/" ? "index.html" : url.pathname);
    try {
      const body = readFileSync(file);
      res.writeHead(200, {
        "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    sourceFor: () =>
      backend.simulator.control.createSource({
        currency: "USD",
        items: [{ name: "Tea", amount: "12.50" }],
      }).source_id,
  };
}

async function saveAccount(url: string, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${url}/api/dollr/kit/payment-accounts`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ account_name: "Bench Payer", ...body }),
  });
  if (!response.ok) throw new Error(`saving an account: ${response.status}`);
}

export async function measureStripe(): Promise<StripeScenario[]> {
  await buildPage();
  const app = await startApp();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const results: StripeScenario[] = [];
  try {
    const scenarios = [
      {
        scenario: "mobile money, README wiring (loader; cards offered, a saved card shown)",
        stripe: "readme",
        card: false,
      },
      { scenario: "mobile money, no Stripe given (cards off)", stripe: "none", card: false },
      { scenario: "card + 3D Secure, fake Stripe (loader)", stripe: "fake", card: true },
    ];
    // A saved card the mobile-money customers see in the picker but do not choose: showing it
    // must not load Stripe.js.
    await saveAccount(app.url, {
      type: "CARD",
      payment_method_id: "pm_card_visa",
      last4: "4242",
    });
    for (const { scenario, stripe, card } of scenarios) {
      // Each scenario: a fresh customer list is not needed, a fresh source and a fresh page are.
      await saveAccount(
        app.url,
        card
          ? { type: "CARD", payment_method_id: "pm_card_threeDSecure2Required", last4: "3220" }
          : { type: "MOBILE_MONEY", phone: "231880000000" },
      );
      const source = app.sourceFor();
      const context = await browser.newContext();
      const page = await context.newPage();
      let stripeRequests = 0;
      let stripeFailed = 0;
      let stripeBytes = 0;
      const fromStripe = (url: string) => new URL(url).hostname === "js.stripe.com";
      page.on("request", (request) => {
        if (fromStripe(request.url())) stripeRequests += 1;
      });
      page.on("requestfailed", (request) => {
        if (fromStripe(request.url())) stripeFailed += 1;
      });
      page.on("response", async (response) => {
        if (!fromStripe(response.url())) return;
        stripeBytes += (await response.body().catch(() => Buffer.alloc(0))).length;
      });
      await page.goto(`${app.url}/?stripe=${stripe}&source=${source}`);
      const flow = page.locator('[data-slot="checkout-flow"]');
      await page.waitForSelector('[data-slot="checkout-flow"][data-state="selecting"]');
      // The newest saved account is the one just made; pick the matching kind.
      const radios = page.getByRole("radio");
      const count = await radios.count();
      await radios.nth(count - 1).click();
      await page.getByRole("button", { name: /^Pay/ }).click();
      if (card) {
        const challenge = page.getByRole("dialog", { name: "Test 3D Secure authentication" });
        await challenge.getByRole("button", { name: "Complete" }).click();
      }
      await page
        .waitForSelector(
          '[data-slot="checkout-flow"][data-state="succeeded"], [data-slot="checkout-flow"][data-state="failed"]',
          { timeout: 30_000 },
        )
        .catch(() => undefined);
      await page.waitForTimeout(300);
      results.push({
        scenario,
        stripeRequests,
        stripeBytes,
        stripeFailed,
        stripeLoads: await page.evaluate(() => window.__stripeLoads),
        finalState: (await flow.getAttribute("data-state")) ?? "none",
      });
      await context.close();
    }
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => {
      app.server.close(() => resolve());
      app.server.closeAllConnections();
    });
  }
  return results;
}

declare global {
  interface Window {
    __stripeLoads: number;
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  console.table(await measureStripe());
}
