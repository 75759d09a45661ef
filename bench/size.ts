/**
 * Size: each public entry of @dollr-kit/react and @dollr-kit/core bundled on its own, the way an
 * app's bundler would ship it — peers external (react, react-dom, @tanstack/react-query,
 * @stripe/*), the kit's own dependencies inlined (@dollr-kit/core, valibot),
 * `process.env.NODE_ENV` = "production", fully minified (whitespace too: Vite's library mode
 * keeps it, an app's build does not) — then gzip -9 (what size-limit's `gzip: true` uses).
 * A bundle may have lazy chunks (code loaded on first use, e.g. the card form), written as
 * `<id>.chunk-*.js` beside `<id>.js`: "up front" is the entry and the chunks it imports
 * statically, "all" every chunk, each gzipped on its own (each is its own download).
 * @stripe/react-stripe-js's own ESM build is measured the same way beside it.
 *
 *   tsx bench/size.ts           writes the bundles to bench/.tmp/size/ and prints their sizes;
 *                               `size-limit` (root .size-limit.json) then checks the budgets.
 *   tsx bench/size.ts --modules also prints what each module costs in each bundle.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { build, minify, type Rolldown } from "vite";

const root = fileURLToPath(new URL("..", import.meta.url));
// DOLLR_SIZE_OUT: another folder, so that two measurements at once do not clobber each other.
const outDir = process.env.DOLLR_SIZE_OUT ?? path.join(root, "bench/.tmp/size");
const reactPkg = path.join(root, "packages/react");
const reactSrc = path.join(reactPkg, "src");
const coreSrc = path.join(root, "packages/core/src");
const requireFromReact = createRequire(path.join(reactPkg, "package.json"));
const reactStripeJs = requireFromReact
  .resolve("@stripe/react-stripe-js")
  .replace(/react-stripe\.js$/, "react-stripe.esm.mjs");

/**
 * What stays an import: the kit's peers, which an app has anyway (Stripe's packages only on the
 * card path; Testing Library only in tests). The react-stripe-js reference is imported by file,
 * so it is bundled.
 */
const PEERS = [
  "react",
  "react-dom",
  "@tanstack/react-query",
  "@stripe/stripe-js",
  "@stripe/react-stripe-js",
  // Optional: only an app with realtime status hints installs it (loaded lazily).
  "@supabase/supabase-js",
  "@testing-library/react",
  "@testing-library/dom",
];
const isPeer = (id: string) => PEERS.some((name) => id === name || id.startsWith(`${name}/`));

export interface SizeTarget {
  id: string;
  label: string;
  /** The entry module's source (absolute imports). */
  source: string;
  /** Not shipped to production (shown, never budgeted). */
  note?: string;
  /** Peers bundled anyway, to show what a page downloads with them. */
  inlinePeers?: string[];
  /** Measure the stylesheet the entry imports (minified by Lightning CSS), not its script. */
  stylesheet?: boolean;
}

const from = (file: string) => JSON.stringify(file);

export const SIZE_TARGETS: SizeTarget[] = [
  {
    id: "kit",
    label: "whole kit (@dollr-kit/react + /cards + createProxyClient)",
    source: `export * from ${from(`${reactSrc}/index.ts`)};\nexport * from ${from(`${reactSrc}/cards/index.ts`)};\nexport { createProxyClient } from ${from(`${coreSrc}/index.ts`)};\n`,
  },
  {
    id: "mobile-money-page",
    label: "mobile-money checkout page (<CheckoutFlow>, provider, createProxyClient; no cards)",
    source: `export { CheckoutFlow, DollrCheckoutProvider } from ${from(`${reactSrc}/checkout-flow.ts`)};\nexport { createProxyClient } from ${from(`${coreSrc}/index.ts`)};\n`,
  },
  {
    id: "react",
    label: "@dollr-kit/react",
    source: `export * from ${from(`${reactSrc}/index.ts`)};\n`,
  },
  {
    id: "checkout-flow",
    label: "@dollr-kit/react/checkout-flow",
    source: `export * from ${from(`${reactSrc}/checkout-flow.ts`)};\n`,
  },
  {
    id: "checkout-flow-page",
    label: "card checkout page (<CheckoutFlow> + stripeCards, react-stripe-js bundled)",
    source: `export { CheckoutFlow, DollrCheckoutProvider } from ${from(`${reactSrc}/checkout-flow.ts`)};\nexport { stripeCards } from ${from(`${reactSrc}/cards/index.ts`)};\nexport { createProxyClient } from ${from(`${coreSrc}/index.ts`)};\n`,
    inlinePeers: ["@stripe/react-stripe-js"],
  },
  {
    id: "cards",
    label: "@dollr-kit/react/cards",
    source: `export * from ${from(`${reactSrc}/cards/index.ts`)};\n`,
  },
  {
    id: "payment-account-picker",
    label: "@dollr-kit/react/payment-account-picker",
    source: `export * from ${from(`${reactSrc}/payment-account-picker.ts`)};\n`,
  },
  {
    id: "execution-status",
    label: "@dollr-kit/react/execution-status",
    source: `export * from ${from(`${reactSrc}/execution-status.ts`)};\n`,
  },
  {
    id: "execution-status-component",
    label: "ExecutionStatus alone (the component, without the provider)",
    source: `export { ExecutionStatus } from ${from(`${reactSrc}/execution-status.ts`)};\n`,
  },
  {
    id: "styles",
    label: "@dollr-kit/react/styles.css (optional)",
    source: `import ${from(`${reactSrc}/styles.css`)};\nexport {};\n`,
    stylesheet: true,
  },
  {
    id: "testing",
    label: "@dollr-kit/react/testing",
    source: `export * from ${from(`${reactSrc}/testing/index.ts`)};\n`,
    note: "tests only",
  },
  {
    id: "cards-testing",
    label: "@dollr-kit/react/cards/testing",
    source: `export * from ${from(`${reactSrc}/cards/testing.ts`)};\n`,
    note: "tests only",
  },
  // Each language is its own entry: an app downloads only the catalogs it imports.
  ...Object.entries({
    en: "English, the built-in catalog re-exported",
    fr: "French",
    rw: "Kinyarwanda",
    sw: "Swahili",
  }).map(([code, language]) => ({
    id: `locales-${code}`,
    label: `@dollr-kit/react/locales/${code} (${language})`,
    source: `export { ${code} } from ${from(`${reactSrc}/locales/${code}.ts`)};\n`,
  })),
  {
    id: "core",
    label: "@dollr-kit/core",
    source: `export * from ${from(`${coreSrc}/index.ts`)};\n`,
  },
  {
    // What a page with realtime downloads: the plug-in shares core (valibot, the contract) with
    // the checkout, so its entry alone overstates what it adds (bench/realtime-size.ts).
    id: "mobile-money-page-realtime",
    label: "mobile-money checkout page with realtime hints (supabaseRealtime; supabase-js lazy)",
    source: `export { CheckoutFlow, DollrCheckoutProvider } from ${from(`${reactSrc}/checkout-flow.ts`)};\nexport { createProxyClient } from ${from(`${coreSrc}/index.ts`)};\nexport { supabaseRealtime } from ${from(`${reactSrc}/realtime.ts`)};\n`,
  },
  {
    id: "realtime",
    label: "realtime status hints (useRealtimeStatusHints; supabase-js bundled, lazy)",
    source: `export { supabaseRealtime, useRealtimeStatusHints } from ${from(`${reactSrc}/realtime.ts`)};\n`,
    inlinePeers: ["@supabase/supabase-js"],
  },
  {
    id: "react-stripe-js",
    label: "@stripe/react-stripe-js 7.0.1 (reference)",
    source: `export * from ${from(reactStripeJs)};\n`,
  },
];

export interface ModuleCost {
  module: string;
  /** Share of the bundle's rendered (tree-shaken) code, scaled to its gzip size. */
  gzipBytes: number;
  renderedBytes: number;
}

export interface SizeResult {
  id: string;
  label: string;
  /** What loads up front: the entry chunk and the chunks it imports statically. */
  minBytes: number;
  gzipBytes: number;
  /** Every chunk, lazy ones included (each gzipped on its own, as each is its own download). */
  allMinBytes: number;
  allGzipBytes: number;
  /** The files loaded only on first use (empty when everything loads up front). */
  lazyFiles: string[];
  file: string;
  note?: string;
  modules: ModuleCost[];
  /** The bare imports left in the bundle (must all be peers). */
  imports: string[];
}

function shortName(id: string): string {
  const clean = id.replace(/\0/g, "").replace(/\?.*$/, "");
  const nm = clean.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const rest = clean.slice(nm + "/node_modules/".length).split("/");
    const name = rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
    return `${name} (dependency)`;
  }
  return path.relative(root, clean) || clean;
}

async function bundle(target: SizeTarget): Promise<SizeResult> {
  const entry = path.join(outDir, "src", `${target.id}.ts`);
  writeFileSync(entry, target.source);
  const result = (await build({
    configFile: false,
    root,
    logLevel: "silent",
    mode: "production",
    plugins: [react()],
    publicDir: false,
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: {
      outDir,
      emptyOutDir: false,
      write: true,
      cssMinify: "lightningcss",
      minify: true,
      sourcemap: false,
      target: "es2022",
      lib: { entry, formats: ["es"], fileName: () => `${target.id}.js` },
      rolldownOptions: {
        external: (id: string) => isPeer(id) && !target.inlinePeers?.includes(id),
        onwarn: () => {},
        output: { chunkFileNames: `${target.id}.chunk-[name].js` },
      },
    },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const output: (Rolldown.OutputChunk | Rolldown.OutputAsset)[] =
    (Array.isArray(result) ? result[0] : result)?.output ?? [];
  if (target.stylesheet) return measureStylesheet(target, output);
  const chunks = output.filter((item): item is Rolldown.OutputChunk => item.type === "chunk");
  const chunk = chunks.find((item) => item.isEntry);
  if (!chunk) throw new Error(`no entry chunk for ${target.id}`);
  const measured = await Promise.all(
    chunks.map(async (item) => {
      const minified = await minify(item.fileName, item.code, { compress: true, mangle: true });
      if (minified.errors.length > 0)
        throw new Error(`${item.fileName}: ${minified.errors[0]?.message}`);
      writeFileSync(path.join(outDir, item.fileName), minified.code);
      return {
        item,
        minBytes: Buffer.byteLength(minified.code),
        gzipBytes: gzipSync(minified.code, { level: 9 }).length,
      };
    }),
  );
  // Up front: the entry and what it imports statically, transitively.
  const upFront = new Set<string>();
  const visit = (fileName: string) => {
    if (upFront.has(fileName)) return;
    upFront.add(fileName);
    for (const id of chunks.find((item) => item.fileName === fileName)?.imports ?? []) visit(id);
  };
  visit(chunk.fileName);
  const eager = measured.filter((m) => upFront.has(m.item.fileName));
  const lazy = measured.filter((m) => !upFront.has(m.item.fileName));
  const file = path.join(outDir, chunk.fileName);
  const gzipBytes = eager.reduce((sum, m) => sum + m.gzipBytes, 0);
  const rendered = chunks
    .flatMap((item) => Object.entries(item.modules))
    .map(([id, info]) => ({
      module: shortName(id),
      renderedBytes: info.renderedLength,
    }));
  // Modules of one dependency are summed (valibot's many files are one line).
  const merged = new Map<string, number>();
  for (const item of rendered) {
    merged.set(item.module, (merged.get(item.module) ?? 0) + item.renderedBytes);
  }
  const totalRendered = [...merged.values()].reduce((a, b) => a + b, 0) || 1;
  const allGzipBytes = measured.reduce((sum, m) => sum + m.gzipBytes, 0);
  const modules = [...merged.entries()]
    .map(([module, renderedBytes]) => ({
      module,
      renderedBytes,
      gzipBytes: Math.round((renderedBytes / totalRendered) * allGzipBytes),
    }))
    .filter((item) => item.renderedBytes > 0)
    .sort((a, b) => b.renderedBytes - a.renderedBytes);
  return {
    id: target.id,
    label: target.label,
    minBytes: eager.reduce((sum, m) => sum + m.minBytes, 0),
    gzipBytes,
    allMinBytes: measured.reduce((sum, m) => sum + m.minBytes, 0),
    allGzipBytes,
    lazyFiles: lazy.map((m) => path.relative(root, path.join(outDir, m.item.fileName))),
    file: path.relative(root, file),
    ...(target.note ? { note: target.note } : {}),
    modules,
    // Bare imports of every chunk (a lazy chunk's `import()` of a peer counts too).
    imports: [...new Set(chunks.flatMap((item) => [...item.imports, ...item.dynamicImports]))]
      .filter((id) => !chunks.some((item) => item.fileName === id))
      .sort(),
  };
}

/** The CSS a stylesheet target's build emitted, written as `<id>.css` and measured. */
function measureStylesheet(
  target: SizeTarget,
  output: (Rolldown.OutputChunk | Rolldown.OutputAsset)[],
): SizeResult {
  const css = output
    .filter((item): item is Rolldown.OutputAsset => item.type === "asset")
    .filter((item) => item.fileName.endsWith(".css"))
    .map((item) => String(item.source))
    .join("\n");
  if (css === "") throw new Error(`no stylesheet for ${target.id}`);
  const file = path.join(outDir, `${target.id}.css`);
  writeFileSync(file, css);
  const minBytes = Buffer.byteLength(css);
  const gzipBytes = gzipSync(css, { level: 9 }).length;
  return {
    id: target.id,
    label: target.label,
    minBytes,
    gzipBytes,
    allMinBytes: minBytes,
    allGzipBytes: gzipBytes,
    lazyFiles: [],
    file: path.relative(root, file),
    modules: [],
    imports: [],
  };
}

/** Builds every size bundle into bench/.tmp/size/ and measures it. */
export async function measureSizes(targets = SIZE_TARGETS): Promise<SizeResult[]> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(path.join(outDir, "src"), { recursive: true });
  const results: SizeResult[] = [];
  // One at a time: the machine is shared, and each build is short.
  for (const target of targets) results.push(await bundle(target));
  for (const result of results) {
    const stray = result.imports.filter((id) => !isPeer(id));
    if (stray.length > 0) throw new Error(`${result.id} imports non-peers: ${stray.join(", ")}`);
  }
  return results;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const results = await measureSizes();
  for (const r of results) {
    const lazy =
      r.lazyFiles.length > 0
        ? `  (${r.allGzipBytes} B with ${r.lazyFiles.length} lazy chunk${r.lazyFiles.length > 1 ? "s" : ""})`
        : "";
    console.log(
      `${r.label.padEnd(52)} ${String(r.minBytes).padStart(7)} B min  ${String(r.gzipBytes).padStart(6)} B min+gzip${lazy}${r.note ? `  (${r.note})` : ""}`,
    );
    if (process.argv.includes("--modules")) {
      for (const m of r.modules.slice(0, 25)) {
        console.log(`    ${String(m.gzipBytes).padStart(6)} B  ${m.module}`);
      }
    }
  }
}
