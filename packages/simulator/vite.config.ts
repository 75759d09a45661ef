/**
 * The publishable build of @dollr-kit/simulator: `pnpm --filter @dollr-kit/simulator build` (run
 * in this folder) writes ESM + .d.ts into dist/ for `.` and `./node`, and dist/cli.js, which the
 * `dollr-simulator` bin runs. Vitest does not read this file.
 */
import { defineConfig } from "vite";
import { libraryBuild } from "../../scripts/library-build.ts";
import manifest from "./package.json" with { type: "json" };

export default defineConfig(
  libraryBuild({
    manifest,
    entry: { index: "src/index.ts", node: "src/node.ts", cli: "src/cli.ts" },
  }),
);
