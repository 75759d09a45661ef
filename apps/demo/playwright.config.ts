import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import { port, realModePort, standInPort } from "./e2e/ports.ts";

// The production server (`pnpm --filter demo build` first) on a free block of ports of its own
// (e2e/ports.ts), so a running `pnpm dev` (5173), `pnpm --filter demo start` (4173) or another
// test command on the same machine is never touched.
// Debian's Chromium: Playwright's browser download is never used.
const baseURL = `http://127.0.0.1:${port}`;
const simulatorMode = { DOLLR_BASE_URL: "", DOLLR_CLIENT_ID: "", DOLLR_CLIENT_SECRET: "" };
// Each server its own data folder (PGlite is one process's), emptied at each start, never the
// developer's apps/demo/.data nor a DATABASE_URL from the shell.
const here = path.dirname(fileURLToPath(import.meta.url));
const dataFor = (serverPort: number) => ({
  DEMO_DATA_DIR: path.join(here, "test-results", "data", String(serverPort)),
  DEMO_FRESH_START: "1",
  DATABASE_URL: "",
});
// The deployment flags (README, "Deploying the demo"), never taken from the shell. The tests
// drive the developer controls on the main server, as on a staging server behind a TLS proxy;
// deploy-safety.e2e.ts starts one more with none of them, as deployed by default.
const deployFlags = (flags: { devControls: boolean; trustProxy: boolean }) => ({
  DEMO_DEV_CONTROLS: flags.devControls ? "1" : "",
  DEMO_TRUST_PROXY: flags.trustProxy ? "1" : "",
  DEMO_SOURCE_MAPS: "",
  // The origin is the one the tests browse (the listening address), and realtime is the
  // demo's default: on in simulator mode, off against the stand-in Dollr.
  DEMO_PUBLIC_ORIGIN: "",
  DEMO_REALTIME: "",
  DEMO_REALTIME_SUBSCRIBE_MS: "",
  DOLLR_SUPABASE_URL: "",
  DOLLR_SUPABASE_ANON_KEY: "",
});

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.e2e.ts",
  outputDir: "test-results/output",
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    browserName: "chromium",
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: "en-US",
    timezoneId: "Africa/Monrovia",
    colorScheme: "light",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
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
    },
  },
  webServer: [
    {
      command: "pnpm run start",
      url: `${baseURL}/shop/info`,
      // Always the simulator: credentials in the shell (or .env.local) must not make the tests
      // pay a real Dollr.
      env: {
        ...simulatorMode,
        ...dataFor(port),
        ...deployFlags({ devControls: true, trustProxy: true }),
        PORT: String(port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "error",
      },
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    // Real-Dollr mode, with a stand-alone simulator over HTTP standing in for Dollr
    // (real-dollr.e2e.ts): the same production server, through createDollrProxy.
    {
      command: `pnpm --filter @dollr-kit/simulator start --port ${standInPort} --processing-ms 3000`,
      url: `http://127.0.0.1:${standInPort}/__simulator`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "pnpm run start",
      url: `http://127.0.0.1:${realModePort}/shop/info`,
      env: {
        ...dataFor(realModePort),
        ...deployFlags({ devControls: false, trustProxy: false }),
        PORT: String(realModePort),
        HOST: "127.0.0.1",
        DOLLR_BASE_URL: `http://127.0.0.1:${standInPort}`,
        DOLLR_CLIENT_ID: "sim_client_id",
        DOLLR_CLIENT_SECRET: "sim_client_secret",
        DOLLR_STRIPE_PUBLISHABLE_KEY: "",
        LOG_LEVEL: "error",
      },
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
