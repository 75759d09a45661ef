// Smoke test of the built packages (run `pnpm -r build` first):
//   node --import ./bench/dist-loader.mjs bench/smoke-dist.mjs
// Imports every published entry from dist/ (as `publishConfig.exports` maps them), renders the
// React entries on the server (no window), checks "use client" heads the React entry chunks, that
// only the card entries reach @stripe/* (in code and in declarations: bench/smoke-cards.mjs) and
// that a mobile-money shop builds and type-checks without it, and runs the built proxy +
// simulator once. Exits 1 on the first failure.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createElement as h } from "react";
import { renderToString } from "react-dom/server";
import { checkShopBuilds } from "./smoke-builds.mjs";
import { checkDeclarations, checkImportGraphs } from "./smoke-cards.mjs";

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
    // Catalogs (./locales/*) are plain data a server component may read: no "use client".
    if (name === "react" && !key.startsWith("./locales/")) {
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
  renderToString(h(modules[entry].DollrCheckoutProvider, { client, locale: "en-US" }, ...children));
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
html = renderToString(
  h(
    modules["@dollr-kit/react"].DollrCheckoutProvider,
    { client, locale: "fr-RW", messages: modules["@dollr-kit/react/locales/fr"].fr },
    h(root_.CheckoutFlow, { source: { type: "INVOICE", id: 42 } }),
  ),
);
assert.match(html, /Chargement du paiement…/);
ok("SSR <CheckoutFlow> in French (locales/fr entry)");
assert.equal(calls.length, 0, "a server render must not fetch");
ok("no request during server rendering");

// Stripe only on the card path: import graphs and declarations (bench/smoke-cards.mjs), shop
// builds (bench/smoke-builds.mjs).
const cardChunk = checkImportGraphs(ok);
const cards = modules["@dollr-kit/react/cards"];
assert.equal(typeof cards.AddCardForm, "function");
assert.equal(typeof cards.useAddCard, "function");
const { StripeCardForm } = await import(pathToFileURL(cardChunk).href);
const fake = modules["@dollr-kit/react/cards/testing"].createFakeStripe();
html = renderToString(
  h(
    modules["@dollr-kit/react"].DollrCheckoutProvider,
    { client, cards: cards.stripeCards(fake.stripe), locale: "en-US" },
    // What the cards entry hands the chunk: the messages and the account-saving call.
    h(StripeCardForm, {
      stripe: fake.stripe,
      kit: {
        t: modules["@dollr-kit/react"].createTranslator(),
        create: async () => null,
        // The kit's part element (not public): its tag with the content, enough without asChild.
        Part: ({ as = "div", kitClass, fallback, children, asChild, element, ...rest }) =>
          h(as, { ...rest, className: kitClass }, children ?? fallback),
      },
    }),
  ),
);
assert.match(html, /Name on the card/);
assert.match(html, /data-slot="card-element"/);
ok(`card form chunk (${path.basename(cardChunk)}) loads and renders with react-stripe-js`);
checkDeclarations(ok);
await checkShopBuilds(ok);

const { createDevBackend } = modules["@dollr-kit/server/dev"];
// The dev backend keeps its stores in memory, and the built proxy says so (a warning a merchant
// must see in production). Here that warning is expected: it is checked, not printed. Other
// warnings and errors are printed, as the default logger (level `warn`) would.
let memoryStoresWarned = false;
const print = (level) => (message, fields) => {
  if (level === "warn" && message === "proxy.memory_stores") memoryStoresWarned = true;
  else console.error(JSON.stringify({ level, msg: message, ...fields }));
};
const backend = createDevBackend({
  logger: { info() {}, warn: print("warn"), error: print("error") },
});
const config = await backend(new Request("http://127.0.0.1/api/dollr/kit/config"));
assert.equal(config.status, 200);
const body = modules["@dollr-kit/core/internal"].parseKitConfig(await config.json());
assert.ok(memoryStoresWarned, "the built dev backend warns that its stores are in memory");
ok(
  `built proxy + simulator answer /kit/config (polling ${JSON.stringify(body.polling)}) and warn of their memory stores`,
);

console.log(`\n${checks} checks passed`);
