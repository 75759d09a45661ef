/**
 * The JavaScript a fresh app ships for a mobile-money checkout page, measured on its production
 * build: the Vite (React 19) and Next.js 16 fixtures of fixtures/consumers/, installed from the
 * packed packages (as `pnpm run consumers` does, same cached installs), served, and opened in
 * Chromium. Every script the page loads until it is ready (the checkout flow hydrated and
 * choosing a method; the network quiet) is counted, each gzipped on its own (`gzip -9`, as the
 * size rows). The same app's page with React alone (one client component, no kit) is the
 * reference. Lazy chunks a mobile-money payment never loads (the card form) are not counted.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { flowState, launchChromium, upFrontScripts } from "../scripts/consumers/browser.ts";
import { build, startShop } from "../scripts/consumers/shop.ts";
import { startSimulator } from "../scripts/consumers/simulator.ts";
import { FIXTURES, prepareWorkdir } from "../scripts/consumers/workdir.ts";
import { packPackages } from "../scripts/packages/pack.ts";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface PageWeight {
  /** Number of scripts the page loaded. */
  scripts: number;
  bytes: number;
  gzipBytes: number;
}

export interface ConsumerResult {
  app: "vite" | "next";
  label: string;
  checkout: PageWeight;
  reactAlone: PageWeight;
}

const weigh = (seen: { scripts: { bytes: number; gzipBytes: number }[] }): PageWeight => ({
  scripts: seen.scripts.length,
  bytes: seen.scripts.reduce((sum, s) => sum + s.bytes, 0),
  gzipBytes: seen.scripts.reduce((sum, s) => sum + s.gzipBytes, 0),
});

export async function measureConsumers(
  progress: (message: string) => void = () => undefined,
): Promise<ConsumerResult[]> {
  progress("building the packages (pnpm build:packages)");
  execFileSync("pnpm", ["run", "--silent", "build:packages"], { cwd: root, stdio: "ignore" });
  const packs = mkdtempSync(path.join(tmpdir(), "dollr-kit-bench-packs-"));
  let browser: Browser | null = null;
  const results: ConsumerResult[] = [];
  try {
    const packed = await packPackages(packs);
    browser = await launchChromium();
    const apps = [
      { spec: "vite-react19", app: "vite", label: "Vite 8 + React 19", alone: "/react-only.html" },
      {
        spec: "next",
        app: "next",
        label: "Next.js 16 (App Router, Turbopack)",
        alone: "/react-only",
      },
    ] as const;
    for (const { spec: name, app, label, alone } of apps) {
      const spec = FIXTURES.find((f) => f.name === name);
      if (!spec) throw new Error(`no fixture ${name}`);
      progress(`${label}: install, production build`);
      const workdir = await prepareWorkdir(spec, packed, undefined, progress);
      try {
        await build(spec.kind, workdir.dir);
        const simulator = await startSimulator(workdir.dir);
        const shop = await startShop(spec.kind, workdir.dir, simulator).catch(async (error) => {
          await simulator.stop();
          throw error;
        });
        try {
          const invoice = await simulator.createInvoice("43.00");
          progress(`${label}: the pages in Chromium`);
          const checkout = await upFrontScripts(
            browser,
            `${shop.origin}/?invoice=${invoice}`,
            (page: Page) => flowState(page, "selecting"),
          );
          const reference = await upFrontScripts(browser, `${shop.origin}${alone}`, (page) =>
            page.getByRole("button", { name: "Pressed 0 times" }).waitFor(),
          );
          results.push({ app, label, checkout: weigh(checkout), reactAlone: weigh(reference) });
        } finally {
          await shop.server.stop();
          await simulator.stop();
        }
      } finally {
        workdir.release();
      }
    }
  } finally {
    await browser?.close();
    rmSync(packs, { recursive: true, force: true });
  }
  return results;
}
