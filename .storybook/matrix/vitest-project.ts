/**
 * The `storybook-matrix` Vitest project: every story again, composed with `composeStories`, in
 * each language and theme (axe) and in the pseudo-locale at 320 px (clipped or overlapping text).
 *
 * A project of its own because the Storybook plugin's project runs story files only (it replaces
 * `test.include`), and these checks are test files that drive many stories each.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { playwright } from "@vitest/browser-playwright";
import type { TestProjectInlineConfiguration } from "vitest/config";
import type { BrowserCommand } from "vitest/node";

const here = path.dirname(fileURLToPath(import.meta.url));
// axe-core comes with the a11y addon (not a direct dependency of the repository).
const fromA11y = createRequire(createRequire(import.meta.url).resolve("@storybook/addon-a11y"));
const axeCore = path.dirname(fromA11y.resolve("axe-core/package.json"));

/** Playwright's emulateMedia for the whole page (the test's iframe included). */
const emulateMedia: BrowserCommand<[MediaFeatures]> = async (context, features) => {
  await context.page.emulateMedia(features);
};

export interface MediaFeatures {
  forcedColors?: "active" | "none" | null;
  reducedMotion?: "reduce" | "no-preference" | null;
  colorScheme?: "light" | "dark" | "no-preference" | null;
}

export function storyMatrixProject(chromium: {
  executablePath: string;
  args: string[];
}): TestProjectInlineConfiguration {
  return {
    extends: true,
    plugins: [react()],
    // mockServiceWorker.js: the stories' proxy and simulator answer through MSW.
    publicDir: path.join(here, "../public"),
    resolve: { alias: [{ find: /^axe-core$/, replacement: path.join(axeCore, "axe.js") }] },
    optimizeDeps: { include: ["axe-core"] },
    test: {
      name: "storybook-matrix",
      include: [path.join(here, "*.test.tsx")],
      setupFiles: [path.join(here, "setup.ts")],
      // One test drives a story through 10 languages × themes; each check is quick.
      testTimeout: 60_000,
      browser: {
        enabled: true,
        headless: true,
        provider: playwright({ launchOptions: chromium }),
        instances: [{ browser: "chromium" }],
        screenshotFailures: false,
        commands: { emulateMedia },
      },
    },
  };
}
