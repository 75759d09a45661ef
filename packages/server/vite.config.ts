/**
 * The publishable build of @dollr-kit/server: `pnpm --filter @dollr-kit/server build` (run in
 * this folder) writes ESM + .d.ts into dist/ for every `publishConfig.exports` entry, and the
 * conformance command the bin runs (dist/conformance/cli.js). Vitest does not read this file.
 */
import { defineConfig } from "vite";
import dts from "vite-plugin-dts";
import pkg from "./package.json" with { type: "json" };

// Node built-ins and every package (workspace ones too) stay imports.
const packages = [
  ...Object.keys(pkg.dependencies),
  ...Object.keys(pkg.devDependencies),
  ...Object.keys((pkg as { peerDependencies?: object }).peerDependencies ?? {}),
];
const isExternal = (id: string) =>
  id.startsWith("node:") || packages.some((name) => id === name || id.startsWith(`${name}/`));

export default defineConfig({
  plugins: [
    dts({
      tsconfigPath: "./tsconfig.build.json",
      // The sources import `./x.ts`; the published declarations import `./x.js`.
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
    lib: {
      entry: {
        index: "src/index.ts",
        node: "src/node.ts",
        "dev-backend": "src/dev-backend.ts",
        "conformance/index": "src/conformance/index.ts",
        "conformance/cli": "src/conformance/cli.ts",
      },
      formats: ["es"],
    },
    rolldownOptions: {
      external: isExternal,
      output: { chunkFileNames: "chunks/[name]-[hash].js" },
    },
  },
});
