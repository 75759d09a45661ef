/**
 * The publishable build of @dollr-kit/react: `pnpm --filter @dollr-kit/react build` (run in this
 * folder) writes one ESM entry per component plus .d.ts into dist/, and copies styles.css, as
 * `publishConfig.exports` says. Vitest and Storybook do not read this file: they use the root
 * vite.config.ts.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { libraryBuild } from "../../scripts/library-build.ts";
import pkg from "./package.json" with { type: "json" };

const entries = {
  index: "src/index.ts",
  "checkout-flow": "src/checkout-flow.ts",
  "payment-account-picker": "src/payment-account-picker.ts",
  "execution-status": "src/execution-status.ts",
  "hosted-checkout": "src/hosted-checkout.ts",
  "payment-return": "src/payment-return.ts",
  receipt: "src/receipt.ts",
  // The only entry that names @supabase/supabase-js (a dynamic import): realtime hints.
  realtime: "src/realtime.ts",
  // The only entries that import @stripe/* (or name its types): card payments and their fake.
  "cards/index": "src/cards/index.ts",
  "cards/testing": "src/cards/testing.ts",
  "testing/index": "src/testing/index.ts",
  // Catalogs: plain data, one entry per language so an app downloads only those it imports.
  "locales/en": "src/locales/en.ts",
  "locales/fr": "src/locales/fr.ts",
  "locales/rw": "src/locales/rw.ts",
  "locales/sw": "src/locales/sw.ts",
};

/** Catalog entries hold no hooks: no "use client", so a server component can read them too. */
const isCatalog = (name: string) => name.startsWith("locales/");

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
        if (chunk.type !== "chunk" || !chunk.isEntry || isCatalog(chunk.name)) continue;
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

export default defineConfig(
  libraryBuild({
    manifest: pkg,
    entry: entries,
    plugins: [react(), directiveOnEntries(), copyStyles()],
  }),
);
