/**
 * The publishable build of @dollr-kit/core: `pnpm --filter @dollr-kit/core build` (run in this
 * folder) writes ESM + .d.ts into dist/, as `publishConfig.exports` says. Vitest does not read
 * this file: the workspace's tests run from the root vite.config.ts.
 */
import { defineConfig } from "vite";
import { libraryBuild } from "../../scripts/library-build.ts";
import manifest from "./package.json" with { type: "json" };

export default defineConfig(
  libraryBuild({
    manifest,
    entry: { index: "src/index.ts", internal: "src/internal.ts", testing: "src/testing.ts" },
  }),
);
