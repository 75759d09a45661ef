/**
 * What `pnpm run consumers` checks on each fixture, in order; a fixture stops at its first
 * failure (what needs the build cannot run without it).
 */
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import type { PackedPackage } from "../packages/pack.ts";
import { payByMobileMoney, watch } from "./browser.ts";
import { run, tail } from "./processes.ts";
import { build, type RunningShop, startShop, typecheck } from "./shop.ts";
import { type Simulator, startSimulator } from "./simulator.ts";
import { type FixtureSpec, prepareWorkdir } from "./workdir.ts";

export interface StepResult {
  fixture: string;
  step: string;
  status: "pass" | "fail" | "not run";
  ms: number;
  detail: string;
}

interface Context {
  spec: FixtureSpec;
  packed: readonly PackedPackage[];
  browser: () => Promise<Browser>;
  dir: string;
  simulator?: Simulator;
  shop?: RunningShop;
  /** Run after the fixture's last step, last first: servers stopped, the lock released. */
  cleanups: (() => Promise<void>)[];
}

interface Step {
  name: string;
  /** Runs the step: resolves to a detail for the report, or throws what went wrong. */
  run(context: Context): Promise<string>;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const install: Step = {
  name: "npm install of the packed tarballs (no Stripe package, one core)",
  async run(context) {
    const workdir = await prepareWorkdir(context.spec, context.packed, undefined, console.log);
    context.dir = workdir.dir;
    context.cleanups.push(async () => workdir.release());
    return workdir.installed ? `installed in ${seconds(workdir.installMs)}` : "cached install";
  },
};

const tsc: Step = {
  name: "tsc --noEmit (skipLibCheck: false)",
  async run({ dir }) {
    await typecheck(dir);
    return "";
  },
};

const production: Step = {
  name: "production build",
  async run({ spec, dir }) {
    await build(spec.kind, dir);
    return spec.kind === "next" ? "next build (Turbopack)" : "vite build";
  },
};

const webpack: Step = {
  name: "production build with webpack (next build --webpack; the server runs Turbopack's)",
  async run({ spec, dir }) {
    await build(spec.kind, dir, "webpack");
    return "";
  },
};

const serve: Step = {
  name: "simulator (its published bin) and the shop's production server start",
  async run(context) {
    context.simulator = await startSimulator(context.dir);
    context.cleanups.push(async () => context.simulator?.stop());
    context.shop = await startShop(context.spec.kind, context.dir, context.simulator);
    context.cleanups.push(async () => context.shop?.server.stop());
    return context.shop.origin;
  },
};

const serverRendering: Step = {
  name: "server rendering: the checkout is in the HTML",
  async run({ shop, simulator }) {
    if (!shop || !simulator) throw new Error("the shop is not running");
    const invoice = await simulator.createInvoice("12.50");
    const html = await (await fetch(`${shop.local}/?invoice=${invoice}`)).text();
    if (!html.includes('data-slot="checkout-flow"'))
      throw new Error(`no checkout flow in the server's HTML:\n${html.slice(0, 2000)}`);
    return "";
  },
};

const payment: Step = {
  name: "mobile-money payment in Chromium (no console warning, no Stripe request)",
  async run({ spec, shop, simulator, browser }) {
    if (!shop || !simulator) throw new Error("the shop is not running");
    const invoice = await simulator.createInvoice("43.00");
    const page = await (await browser()).newPage();
    try {
      const seen = watch(page);
      await payByMobileMoney(page, `${shop.origin}/?invoice=${invoice}`, () =>
        simulator.advance(120_000),
      );
      await seen.settled();
      const problems = [...seen.problems];
      if (seen.stripe.length > 0) problems.push(`requests to Stripe: ${seen.stripe.join(", ")}`);
      const cards = seen.scripts.filter((s) => /StripeCardForm|stripe/i.test(s.url));
      if (cards.length > 0) problems.push(`card code loaded: ${cards.map((s) => s.url)}`);
      const executions = (await simulator.executions()).filter((e) => e.source_id === invoice);
      const paid = executions.map((e) => `${e.status} ×${e.execute_calls}`).join(", ");
      if (paid !== "COMPLETED ×1")
        problems.push(`the simulator's ledger says: ${paid || "nothing"}`);
      if (problems.length > 0) throw new Error(problems.join("\n"));
      const hydrated = spec.kind === "next" ? "hydrated without a warning; " : "";
      return `${hydrated}1 execution, COMPLETED`;
    } catch (error) {
      const picture = path.join(tmpdir(), `dollr-consumer-${spec.name}.png`);
      const taken = await page.screenshot({ path: picture }).then(
        () => true,
        () => false,
      );
      const message = error instanceof Error ? error.message : String(error);
      const server = tail(shop.server.output(), 30);
      throw new Error(
        `${message}${taken ? `\n(the page: ${picture})` : ""}\nthe shop's server said:\n${server}`,
      );
    } finally {
      await page.close();
    }
  },
};

const conformance: Step = {
  name: "conformance suite against the README's route (dollr-proxy-conformance)",
  async run({ dir, shop, simulator }) {
    if (!shop || !simulator) throw new Error("the shop is not running");
    const suite = await run(
      path.join(dir, "node_modules/.bin/dollr-proxy-conformance"),
      [
        "--url",
        `${shop.local}/api/dollr`,
        "--simulator-url",
        simulator.url,
        "--other-header",
        "Authorization: Bearer second",
        "--unauthenticated-header",
        "Authorization: Bearer nobody",
        "--forbid",
        "sim_client_secret",
        "--public-origin",
        shop.origin,
        "--strict",
        "--json",
      ],
      { cwd: dir, timeoutMs: 5 * 60_000 },
    );
    let report: { results: { id: string; status: string }[] } | null;
    try {
      report = JSON.parse(suite.output.slice(suite.output.indexOf("{")));
    } catch {
      report = null;
    }
    if (!report) throw new Error(`the suite gave no report:\n${tail(suite.output)}`);
    const passed = report.results.filter((r) => r.status === "pass");
    const known = report.results.filter((r) => r.status === "fail" && r.id in NEXT_ANSWERS_FIRST);
    const failures = report.results.filter((r) => r.status !== "pass" && !known.includes(r));
    if (failures.length > 0) throw new Error(JSON.stringify(failures, null, 2));
    const excused = known.map((r) => `${r.id}: ${NEXT_ANSWERS_FIRST[r.id]}`).join("; ");
    return `${passed.length}/${report.results.length} passed${excused ? `; ${excused}` : ""}`;
  },
};

/**
 * Checks a Next.js app cannot pass whatever its route does, because Next.js answers before any
 * route handler runs (server README, "Next.js"). Each may fail, and only with this reason.
 */
const NEXT_ANSWERS_FIRST: Record<string, string> = {
  "paths.canonical":
    "Next.js resolves dot segments (`..`, `%2e`) and redirects `//` and `\\` (308) before the route runs",
};

const STEPS: Record<FixtureSpec["kind"], Step[]> = {
  vite: [install, tsc, production, serve, payment],
  next: [install, webpack, production, tsc, serve, serverRendering, payment, conformance],
};

/** Runs one fixture's checks; `report` is called after each step. */
export async function checkFixture(
  spec: FixtureSpec,
  packed: readonly PackedPackage[],
  browser: () => Promise<Browser>,
  report: (result: StepResult) => void,
): Promise<StepResult[]> {
  const context: Context = { spec, packed, browser, dir: "", cleanups: [] };
  const results: StepResult[] = [];
  let failed = false;
  try {
    for (const step of STEPS[spec.kind]) {
      const result: StepResult = {
        fixture: spec.name,
        step: step.name,
        status: "not run",
        ms: 0,
        detail: "",
      };
      if (!failed) {
        const started = Date.now();
        try {
          result.detail = await step.run(context);
          result.status = "pass";
        } catch (error) {
          failed = true;
          result.status = "fail";
          result.detail = error instanceof Error ? error.message : String(error);
        }
        result.ms = Date.now() - started;
      }
      results.push(result);
      report(result);
    }
  } finally {
    for (const cleanup of context.cleanups.reverse()) await cleanup().catch(() => undefined);
  }
  return results;
}
