/**
 * The publishable build of @dollr-kit/react: `pnpm --filter @dollr-kit/react build` (run in this
 * folder) writes one ESM entry per component plus .d.ts into dist/, and copies styles.css, as
 * `publishConfig.exports` says. Vitest and Storybook do not read this file: they use the root
 * vite.config.ts.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import dts from "vite-plugin-dts";
import pkg from "./package.json" with { type: "json" };

const entries = {
  index: "src/index.ts",
  "checkout-flow": "src/checkout-flow.ts",
  "payment-account-picker": "src/payment-account-picker.ts",
  "execution-status": "src/execution-status.ts",
  "testing/index": "src/testing/index.ts",
};

// Peers and dependencies stay imports (subpaths too: react/jsx-runtime, @stripe/stripe-js/pure).
const external = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)];
const isExternal = (id: string) =>
  external.some((name) => id === name || id.startsWith(`${name}/`));

/**
 * Every entry is a client module (hooks, context): each entry chunk must start with "use client"
 * so React Server Components frameworks draw the client boundary there. Rolldown keeps the
 * directive of an entry module today, but drops module directives when it merges modules into a
 * chunk; this puts it back on any entry chunk that lost it (and shifts the source map a line).
 */
function directiveOnEntries(): Plugin {
  return {
    name: "dollr-kit:use-client",
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== "chunk" || !chunk.isEntry) continue;
        if (/^\s*["']use client["']/.test(chunk.code)) continue;
        chunk.code = `"use client";\n${chunk.code}`;
        if (chunk.map) chunk.map.mappings = `;${chunk.map.mappings}`;
      }
    },
  };
}

/** styles.css is shipped as written (it is optional, and has no imports to resolve). */
function copyStyles(): Plugin {
  return {
    name: "dollr-kit:copy-styles",
    writeBundle() {
      mkdirSync("dist", { recursive: true });
      copyFileSync("src/styles.css", "dist/styles.css");
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    dts({
      tsconfigPath: "./tsconfig.build.json",
      // The sources import `./x.ts(x)`; the published declarations import `./x.js`.
      beforeWriteFile: (filePath, content) => ({
        filePath,
        content: content.replace(/(['"])(\.{1,2}\/[^'"]+)\.tsx?\1/g, "$1$2.js$1"),
      }),
    }),
    directiveOnEntries(),
    copyStyles(),
  ],
  publicDir: false,
  build: {
    target: "es2022",
    minify: false,
    sourcemap: true,
    emptyOutDir: true,
    cssCodeSplit: false,
    lib: { entry: entries, formats: ["es"] },
    rolldownOptions: {
      external: isExternal,
      output: { chunkFileNames: "chunks/[name]-[hash].js" },
    },
  },
});
