// Smoke test of the built packages (run `pnpm -r build` first):
//   node --import ./bench/dist-loader.mjs bench/smoke-dist.mjs
// Imports every published entry from dist/ (as `publishConfig.exports` maps them), renders the
// React entries on the server (no window), checks "use client" heads the React entry chunks, that
// the card form (and @stripe/*) is a lazy chunk a mobile-money shop builds without, and runs the
// built proxy + simulator once. Exits 1 on the first failure.
import assert from "node:assert/strict";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createElement as h } from "react";
import { renderToString } from "react-dom/server";

const packages = ["core", "react", "server", "simulator"];
const root = new URL("../packages/", import.meta.url);
let checks = 0;
const ok = (what) => {
  checks += 1;
  console.log(`ok  ${what}`);
};

const modules = {};
for (const name of packages) {
  const pkg = JSON.parse(readFileSync(new URL(`${name}/package.json`, root), "utf8"));
  for (const [key, target] of Object.entries(pkg.publishConfig.exports)) {
    if (key === "./package.json") continue;
    const file = typeof target === "string" ? target : target.import;
    const types = typeof target === "string" ? null : target.types;
    readFileSync(new URL(`${name}/${file}`, root)); // exists
    if (types) readFileSync(new URL(`${name}/${types}`, root));
    if (file.endsWith(".css")) {
      ok(`${pkg.name}${key.slice(1)} → ${file}`);
      continue;
    }
    const specifier = `${pkg.name}${key.slice(1)}`;
    modules[specifier] = await import(specifier);
    assert.ok(Object.keys(modules[specifier]).length > 0, `${specifier} exports nothing`);
    if (name === "react") {
      const code = readFileSync(new URL(`${name}/${file}`, root), "utf8");
      assert.match(code, /^"use client";/, `${file} must start with "use client"`);
    }
    ok(`${specifier} → ${file}${types ? ` + ${types}` : ""}`);
  }
}

const core = modules["@dollr-kit/core"];
const calls = [];
const client = core.createProxyClient({
  baseUrl: "https://shop.example/api/dollr",
  fetch: async (url) => {
    calls.push(url);
    return new Response("{}");
  },
});
const render = (entry, ...children) =>
  renderToString(
    h(modules[entry].DollrCheckoutProvider, { client, stripe: null, locale: "en-US" }, ...children),
  );
const root_ = modules["@dollr-kit/react"];
let html = render(
  "@dollr-kit/react",
  h(root_.CheckoutFlow, { source: { type: "INVOICE", id: 42 } }),
);
assert.match(html, /data-slot="checkout-flow"/);
ok("SSR <CheckoutFlow> (root entry)");
html = render(
  "@dollr-kit/react/execution-status",
  h(modules["@dollr-kit/react/execution-status"].ExecutionStatus, {
    referenceId: "0b6f0e2c-5a43-4e54-9d61-37c1c1f04b1e",
  }),
);
assert.match(html, /data-slot="execution-status"/);
ok("SSR <ExecutionStatus> (execution-status entry)");
html = render(
  "@dollr-kit/react/payment-account-picker",
  h(modules["@dollr-kit/react/payment-account-picker"].PaymentAccountPicker, {}),
);
assert.ok(html.length > 0);
ok("SSR <PaymentAccountPicker> (payment-account-picker entry)");
html = render(
  "@dollr-kit/react/checkout-flow",
  h(modules["@dollr-kit/react/checkout-flow"].CheckoutFlow, { source: { type: "ORDER", id: 7 } }),
);
assert.match(html, /data-slot="checkout-flow"/);
ok("SSR <CheckoutFlow> (checkout-flow entry)");
assert.equal(calls.length, 0, "a server render must not fetch");
ok("no request during server rendering");

// The card form (with @stripe/react-stripe-js) is a lazy chunk: no React entry imports a Stripe
// package statically (a mobile-money shop need not install them); the picker reaches the chunk
// through import() only, and that chunk loads and renders.
const STATIC_IMPORT =
  /^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)/g;
/** The files and bare specifiers an entry loads up front, and the chunks it may import() later. */
function importGraph(entryUrl) {
  const files = new Set();
  const packages = new Set();
  const lazy = new Set();
  const visit = (url) => {
    if (files.has(url.href)) return;
    files.add(url.href);
    const code = readFileSync(url, "utf8");
    for (const [, from, bare] of code.matchAll(STATIC_IMPORT)) {
      const specifier = from ?? bare;
      if (specifier.startsWith(".")) visit(new URL(specifier, url));
      else packages.add(specifier);
    }
    for (const [, specifier] of code.matchAll(DYNAMIC_IMPORT)) {
      if (specifier.startsWith(".")) lazy.add(new URL(specifier, url).href);
    }
  };
  visit(entryUrl);
  return { files, packages, lazy };
}
const reactPkg = JSON.parse(readFileSync(new URL("react/package.json", root), "utf8"));
const stripePackages = ["@stripe/react-stripe-js", "@stripe/stripe-js"];
let cardChunk = null;
for (const [key, target] of Object.entries(reactPkg.publishConfig.exports)) {
  const file = typeof target === "string" ? target : target.import;
  if (!file.endsWith(".js")) continue;
  const graph = importGraph(new URL(`react/${file}`, root));
  const stripe = [...graph.packages].filter((name) =>
    stripePackages.some((p) => name.startsWith(p)),
  );
  assert.deepEqual(stripe, [], `${file} statically imports ${stripe.join(", ")}`);
  if (key === "./testing" || key === "./execution-status") continue;
  const chunks = [...graph.lazy].filter((href) => /\/StripeCardForm-[\w-]+\.js$/.test(href));
  assert.equal(chunks.length, 1, `${file} must reach the card form through import()`);
  assert.ok(!graph.files.has(chunks[0]), `${file} loads the card form chunk up front`);
  cardChunk ??= chunks[0];
  assert.equal(cardChunk, chunks[0]);
  ok(`${reactPkg.name}${key.slice(1)}: no static @stripe/* import; card form is import()ed`);
}
assert.ok(importGraph(new URL(cardChunk)).packages.has("@stripe/react-stripe-js"));
const picker = modules["@dollr-kit/react/payment-account-picker"];
assert.equal(typeof picker.AddCardForm, "function");
assert.equal(typeof picker.useAddCard, "function");
const { StripeCardForm } = await import(cardChunk);
const fake = modules["@dollr-kit/react/testing"].createFakeStripe();
html = renderToString(
  h(
    picker.DollrCheckoutProvider,
    { client, stripe: fake.stripe, locale: "en-US" },
    h(StripeCardForm, { stripe: fake.stripe }),
  ),
);
assert.match(html, /Name on the card/);
assert.match(html, /data-slot="card-element"/);
ok(`card form chunk (${cardChunk.split("/").at(-1)}) loads and renders with react-stripe-js`);

// A mobile-money shop that installed no @stripe/* package (they are optional peers) still builds
// with Vite, which stands in a throwing module for the missing peer inside the card chunk only.
const shop = mkdtempSync(path.join(tmpdir(), "dollr-mobile-money-shop-"));
try {
  const reactDir = fileURLToPath(new URL("react/", root));
  const installed = (name) => path.join(shop, "node_modules", name);
  const { publishConfig, devDependencies: _, ...manifest } = reactPkg;
  cpSync(path.join(reactDir, "dist"), installed("@dollr-kit/react/dist"), { recursive: true });
  writeFileSync(
    installed("@dollr-kit/react/package.json"),
    JSON.stringify({ ...manifest, exports: publishConfig.exports }),
  );
  const requireFromReact = createRequire(path.join(reactDir, "package.json"));
  for (const name of ["react", "react-dom", "@tanstack/react-query", "@dollr-kit/core"]) {
    mkdirSync(path.dirname(installed(name)), { recursive: true });
    symlinkSync(path.dirname(requireFromReact.resolve(`${name}/package.json`)), installed(name));
  }
  writeFileSync(
    path.join(shop, "main.js"),
    `import { createElement as h } from "react";
import { createRoot } from "react-dom/client";
import { createProxyClient } from "@dollr-kit/core";
import { DollrCheckoutProvider, PaymentAccountPicker } from "@dollr-kit/react/payment-account-picker";
const client = createProxyClient({ baseUrl: "/api/dollr" });
createRoot(document.body).render(h(DollrCheckoutProvider, { client }, h(PaymentAccountPicker)));
`,
  );
  const { build } = await import("vite");
  const warnings = [];
  const built = await build({
    root: shop,
    configFile: false,
    logLevel: "silent",
    build: {
      write: false,
      rolldownOptions: {
        input: path.join(shop, "main.js"),
        onwarn: (warning) => warnings.push(warning.message),
      },
    },
  });
  const chunks = (Array.isArray(built) ? built : [built])
    .flatMap((result) => result.output)
    .filter((file) => file.type === "chunk");
  const [entry] = chunks.filter((chunk) => chunk.isEntry);
  const card = chunks.find((chunk) => chunk.moduleIds.some((id) => /StripeCardForm-/.test(id)));
  assert.ok(entry && card && card !== entry, "the card form must be a chunk of its own");
  assert.doesNotMatch(entry.code, /react-stripe-js/);
  assert.match(card.code, /Could not resolve "@stripe\/react-stripe-js"/);
  const stripeWarnings = warnings.filter((message) => message.includes("@stripe/"));
  assert.deepEqual(stripeWarnings, [], "the shop's build must not warn about @stripe/*");
  ok("a mobile-money shop without @stripe/* builds (Vite); the card form is its own chunk");
} finally {
  rmSync(shop, { recursive: true, force: true });
}

const { createDevBackend } = modules["@dollr-kit/server/dev"];
const backend = createDevBackend();
const config = await backend(new Request("http://127.0.0.1/api/dollr/kit/config"));
assert.equal(config.status, 200);
const body = core.parseKitConfig(await config.json());
ok(`built proxy + simulator answer /kit/config (polling ${JSON.stringify(body.polling)})`);

console.log(`\n${checks} checks passed`);
