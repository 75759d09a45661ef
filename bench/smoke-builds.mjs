// Part of the dist smoke test (bench/smoke-dist.mjs): production builds of a shop from the built
// packages. A mobile-money shop without @stripe/* builds with Vite and with esbuild, no aliases,
// no warnings, and ships no card code; a card shop's build puts the card form in a chunk of its
// own.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { installBuilt, link, root } from "./smoke-shop.mjs";

const APP = `import { createElement as h } from "react";
import { createRoot } from "react-dom/client";
import { createProxyClient } from "@dollr-kit/core";
import { DollrCheckoutProvider, CheckoutFlow } from "@dollr-kit/react";
CARDS
const client = createProxyClient({ baseUrl: "/api/dollr" });
createRoot(document.body).render(h(DollrCheckoutProvider, { client, cards }, h(CheckoutFlow, { source: { type: "ORDER", id: 7 } })));
`;

/** Production builds of a mobile-money shop (no @stripe/*) and a card shop, with Vite and esbuild. */
export async function checkShopBuilds(ok) {
  const shop = mkdtempSync(path.join(tmpdir(), "dollr-shop-build-"));
  try {
    installBuilt(shop, "react");
    link(shop, "@dollr-kit/core");
    for (const name of ["react", "react-dom", "@tanstack/react-query"]) link(shop, name);
    const mobileMoney = path.join(shop, "mobile-money.js");
    writeFileSync(mobileMoney, APP.replace("CARDS", "const cards = null;"));
    const { build } = await import("vite");
    const viteBuild = async (input) => {
      const warnings = [];
      const built = await build({
        root: shop,
        configFile: false,
        logLevel: "silent",
        build: {
          write: false,
          rolldownOptions: {
            input,
            // "use client" directives (the kit's and react-query's) are dropped in a client
            // bundle, as they should be: not a problem of the shop's.
            onwarn: (warning) => {
              if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warnings.push(warning.message);
            },
          },
        },
      });
      const chunks = (Array.isArray(built) ? built : [built])
        .flatMap((result) => result.output)
        .filter((file) => file.type === "chunk");
      return { chunks, warnings };
    };
    const vite = await viteBuild(mobileMoney);
    assert.equal(vite.chunks.length, 1, "a mobile-money shop gets one chunk: no card form");
    assert.doesNotMatch(vite.chunks[0].code, /stripe-js|StripeCardForm|Could not resolve/i);
    assert.deepEqual(vite.warnings, [], "the shop's build must not warn");
    ok(
      "a mobile-money shop without @stripe/* builds with Vite: one chunk, no card code, no warning",
    );

    const esbuild = await import(
      createRequire(createRequire(path.join(root, "package.json")).resolve("tsx")).resolve(
        "esbuild",
      )
    );
    const bundled = await esbuild.build({
      entryPoints: [mobileMoney],
      bundle: true,
      write: false,
      format: "esm",
      splitting: true,
      outdir: path.join(shop, "out"),
      define: { "process.env.NODE_ENV": '"production"' },
      logLevel: "silent",
    });
    assert.deepEqual(bundled.warnings, []);
    assert.equal(bundled.outputFiles.length, 1);
    ok("a mobile-money shop without @stripe/* builds with esbuild (no aliases, no warnings)");

    link(shop, "@stripe/stripe-js");
    link(shop, "@stripe/react-stripe-js");
    const card = path.join(shop, "cards.js");
    writeFileSync(
      card,
      APP.replace(
        "CARDS",
        `import { stripeCards } from "@dollr-kit/react/cards";\nconst cards = stripeCards(() => import("@stripe/stripe-js/pure").then((m) => m.loadStripe("pk_test_x")));`,
      ),
    );
    const withCards = await viteBuild(card);
    const [entry] = withCards.chunks.filter((chunk) => chunk.isEntry);
    const form = withCards.chunks.find((chunk) =>
      chunk.moduleIds.some((id) => /StripeCardForm-/.test(id)),
    );
    assert.ok(entry && form && form !== entry, "the card form must be a chunk of its own");
    assert.doesNotMatch(entry.code, /react-stripe-js|CardElement/);
    assert.deepEqual(withCards.warnings, []);
    ok(
      "a card shop's Vite build: the card form (react-stripe-js) and Stripe.js's loader are lazy chunks",
    );
  } finally {
    rmSync(shop, { recursive: true, force: true });
  }
}
