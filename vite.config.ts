import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { storybookTest } from "@storybook/addon-vitest/vitest-plugin";
import react from "@vitejs/plugin-react";
import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";
import { storyMatrixProject } from "./.storybook/matrix/vitest-project.ts";

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

// React 18.3 for the `react-18` project: installed in packages/react as `react-18` and
// `react-dom-18`; every `react`/`react-dom` import of the kit and its tests goes there.
const requireFromReact = createRequire(path.join(root, "packages/react/package.json"));
const react18 = (name: string) => path.dirname(requireFromReact.resolve(`${name}-18/package.json`));
const react18Aliases = ["react", "react-dom"].flatMap((name) => [
  { find: new RegExp(`^${name}$`), replacement: react18(name) },
  { find: new RegExp(`^${name}/(.*)$`), replacement: `${react18(name)}/$1` },
]);

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
    // Set-up that opens PGlite or starts servers can take several seconds on a busy 2-core machine.
    hookTimeout: 60_000,
    projects: [
      nodeProject("core"),
      nodeProject("simulator"),
      {
        // The repository's own tools: packing and checking the packages, the consumer fixtures.
        extends: true,
        test: { name: "scripts", environment: "node", include: ["scripts/**/*.test.ts"] },
      },
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
        // The same component and server-rendering tests on React 18.3 (the peer range's floor).
        extends: true,
        plugins: [react()],
        resolve: { alias: react18Aliases },
        test: {
          name: "react-18",
          environment: "happy-dom",
          include: ["packages/react/src/**/*.test.{ts,tsx}"],
          setupFiles: [path.join(root, "packages/react/src/test/react-18.setup.ts")],
          // Loaded through Vite, so their `import "react"` meets the alias (Node would find 19).
          server: { deps: { inline: ["@tanstack/react-query", "@stripe/react-stripe-js"] } },
          env: { DOLLR_KIT_REACT: "18" },
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
      // Every story in each language and theme (axe), and at 320 px in the pseudo-locale.
      storyMatrixProject({ executablePath: chromium, args: chromiumArgs }),
    ],
  },
});
