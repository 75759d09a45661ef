import path from "node:path";
import { fileURLToPath } from "node:url";
import { storybookTest } from "@storybook/addon-vitest/vitest-plugin";
import react from "@vitejs/plugin-react";
import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));
// Debian's Chromium: Playwright's own browser download does not work on these machines.
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// Shared Vite/Vitest settings. Every package's tests run from here, one project each,
// so a single `vitest run` covers the workspace and shares one worker pool.
const nodeProject = (name: string) => ({
  extends: true as const,
  test: { name, environment: "node" as const, include: [`packages/${name}/src/**/*.test.ts`] },
});

export default defineConfig({
  test: {
    restoreMocks: true,
    testTimeout: 30_000,
    projects: [
      nodeProject("core"),
      nodeProject("simulator"),
      {
        ...nodeProject("server"),
        test: {
          ...nodeProject("server").test,
          // A throwaway PostgreSQL server for the store tests (scripts/setup.sh --database).
          globalSetup: [path.join(root, "scripts/postgres-test-server.ts")],
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: "react",
          environment: "happy-dom",
          include: ["packages/react/src/**/*.test.{ts,tsx}"],
          exclude: ["packages/react/src/**/*.server.test.{ts,tsx}"],
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: "react-server",
          environment: "node",
          include: ["packages/react/src/**/*.server.test.{ts,tsx}"],
        },
      },
      {
        // Every story is a test in real Chromium, with its play function and an axe check.
        extends: true,
        plugins: [storybookTest({ configDir: path.join(root, ".storybook") })],
        test: {
          name: "storybook",
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath: chromium, args: chromiumArgs },
            }),
            instances: [{ browser: "chromium" }],
          },
        },
      },
    ],
  },
});
