/**
 * The publishable build of @dollr-kit/core: `pnpm --filter @dollr-kit/core build` (run in this
 * folder) writes ESM + .d.ts into dist/, as `publishConfig.exports` says. Vitest does not read
 * this file: the workspace's tests run from the root vite.config.ts.
 */
import { defineConfig } from "vite";
import dts from "vite-plugin-dts";
import pkg from "./package.json" with { type: "json" };

// Dependencies stay imports (the app's bundler dedupes them); only the kit's own code is built.
const external = Object.keys(pkg.dependencies);

export default defineConfig({
  plugins: [
    dts({
      tsconfigPath: "./tsconfig.build.json",
      // The sources import `./x.ts`; the published declarations import `./x.js`, which every
      // moduleResolution (bundler, node16, nodenext) maps to `./x.d.ts`.
      beforeWriteFile: (filePath, content) => ({
        filePath,
        content: content.replace(/(['"])(\.{1,2}\/[^'"]+)\.tsx?\1/g, "$1$2.js$1"),
      }),
    }),
  ],
  publicDir: false,
  build: {
    target: "es2022",
    minify: false,
    sourcemap: true,
    emptyOutDir: true,
    lib: { entry: { index: "src/index.ts" }, formats: ["es"] },
    rolldownOptions: {
      external: (id) => external.some((name) => id === name || id.startsWith(`${name}/`)),
    },
  },
});
