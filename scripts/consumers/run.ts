/**
 * `pnpm run consumers`: packs the four packages (`pnpm pack`, from their dist/: the `check`
 * chain builds them in `smoke:dist`), installs the tarballs with npm into the fixture apps of
 * fixtures/consumers/ (cached while nothing changed: see workdir.ts), and checks each as a
 * merchant would: tsc with skipLibCheck false, a production build, a mobile-money payment in
 * Chromium against the simulator's published bin, and for Next.js server rendering, hydration
 * without a warning, and the conformance suite against the README's route.
 *   pnpm run consumers [--only vite-react19,vite-react18,next]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { packPackages } from "../packages/pack.ts";
import { launchChromium } from "./browser.ts";
import { checkFixture, type StepResult } from "./checks.ts";
import { tail } from "./processes.ts";
import { FIXTURES } from "./workdir.ts";

const only = process.argv.find((arg) => arg.startsWith("--only"));
const names = only
  ? (only.includes("=") ? only.split("=")[1] : process.argv[process.argv.indexOf(only) + 1])
      ?.split(",")
      .filter(Boolean)
  : undefined;
const unknown = names?.filter((name) => !FIXTURES.some((f) => f.name === name)) ?? [];
if (unknown.length > 0) {
  console.error(`consumers: no fixture ${unknown.join(", ")} (${FIXTURES.map((f) => f.name)})`);
  process.exit(2);
}
const fixtures = FIXTURES.filter((f) => !names || names.includes(f.name));

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
function print(result: StepResult): void {
  const head = `${result.fixture}: ${result.step}`;
  if (result.status === "pass") {
    const detail = result.detail ? ` (${result.detail})` : "";
    console.log(`ok  ${head}${detail}, ${seconds(result.ms)}`);
  } else if (result.status === "fail") {
    console.log(`not ok  ${head}, ${seconds(result.ms)}\n${tail(result.detail, 60)}`);
  } else {
    console.log(`--  ${head}: not run (an earlier step failed)`);
  }
}

const started = Date.now();
const packs = mkdtempSync(path.join(tmpdir(), "dollr-kit-packs-"));
let chromium: Promise<Browser> | null = null;
const results: StepResult[] = [];
try {
  const packed = await packPackages(packs);
  console.log(`packed ${packed.map((p) => `${p.name}@${p.version}`).join(", ")}`);
  for (const spec of fixtures) {
    results.push(
      ...(await checkFixture(spec, packed, () => (chromium ??= launchChromium()), print)),
    );
  }
} finally {
  if (chromium) await (await (chromium as Promise<Browser>)).close();
  rmSync(packs, { recursive: true, force: true });
}
const passed = results.filter((r) => r.status === "pass").length;
const failed = results.length - passed;
console.log(`\n${fixtures.length} fixture(s) in ${seconds(Date.now() - started)}`);
console.log(`consumers: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
