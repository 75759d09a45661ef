/**
 * The publishable build of @dollr-kit/server: `pnpm --filter @dollr-kit/server build` (run in
 * this folder) writes ESM + .d.ts into dist/ for every `publishConfig.exports` entry, and the
 * conformance and migration commands the bins run (dist/conformance/cli.js,
 * dist/stores/postgres/cli.js, dist/reconciler/cli.js). Vitest does not read this file.
 */
import { defineConfig } from "vite";
import { libraryBuild } from "../../scripts/library-build.ts";
import manifest from "./package.json" with { type: "json" };

export default defineConfig(
  libraryBuild({
    manifest,
    entry: {
      index: "src/index.ts",
      node: "src/node.ts",
      "dev-backend": "src/dev-backend.ts",
      "conformance/index": "src/conformance/index.ts",
      "conformance/cli": "src/conformance/cli.ts",
      postgres: "src/postgres.ts",
      "stores/postgres/cli": "src/stores/postgres/cli.ts",
      "reconciler/cli": "src/reconciler/cli.ts",
    },
  }),
);
