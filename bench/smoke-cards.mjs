// Part of the dist smoke test (bench/smoke-dist.mjs): Stripe stays on the card path.
// - No entry of @dollr-kit/react but the card ones (`/cards`, `/cards/testing`) reaches a file
//   that imports @stripe/* — statically or through import() — and `/cards` reaches the card form
//   (with @stripe/react-stripe-js) through import() only.
// - The declarations of every other entry type-check with `tsc --skipLibCheck false` in a shop
//   that has no @stripe/* package (bundler and nodenext resolution); the card entries need them,
//   and type-check once they are there.
// (Shop builds with and without @stripe/*: bench/smoke-builds.mjs.)
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { installBuilt, link, packages, reactDir, root } from "./smoke-shop.mjs";

const reactPkg = JSON.parse(readFileSync(path.join(reactDir, "package.json"), "utf8"));
const CARD_ENTRIES = new Set(["./cards", "./cards/testing"]);
const STRIPE = /^@stripe\//;
const SUPABASE = /^@supabase\//;

const STATIC_IMPORT =
  /^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

/** The files an entry loads up front, the packages they import, and everything import()ed later. */
function importGraph(entryFile) {
  const files = new Set();
  const lazy = new Set();
  const packagesOf = new Map();
  // Packages a file imports statically (loaded with it), apart from those it import()s.
  const staticPackagesOf = new Map();
  const visit = (file, isLazy) => {
    if (files.has(file) || lazy.has(file)) return;
    (isLazy ? lazy : files).add(file);
    const code = readFileSync(file, "utf8");
    const bare = [];
    for (const [, from, only] of code.matchAll(STATIC_IMPORT)) {
      const specifier = from ?? only;
      if (specifier.startsWith(".")) visit(path.resolve(path.dirname(file), specifier), isLazy);
      else bare.push(specifier);
    }
    staticPackagesOf.set(file, [...bare]);
    for (const [, specifier] of code.matchAll(DYNAMIC_IMPORT)) {
      if (specifier.startsWith(".")) visit(path.resolve(path.dirname(file), specifier), true);
      else bare.push(specifier);
    }
    packagesOf.set(file, bare);
  };
  visit(entryFile, false);
  const all = [...files, ...lazy];
  return {
    files,
    lazy,
    stripeImports: all.filter((f) => packagesOf.get(f).some((s) => STRIPE.test(s))),
    supabaseImports: all.filter((f) => packagesOf.get(f).some((s) => SUPABASE.test(s))),
    supabaseStaticImports: all.filter((f) => staticPackagesOf.get(f).some((s) => SUPABASE.test(s))),
  };
}

/** The import checks of the built files. Returns the card form chunk. */
export function checkImportGraphs(ok) {
  let cardChunk = null;
  for (const [key, target] of Object.entries(reactPkg.publishConfig.exports)) {
    const file = typeof target === "string" ? target : target.import;
    if (!file.endsWith(".js")) continue;
    const graph = importGraph(path.join(reactDir, file));
    const name = `${reactPkg.name}${key.slice(1)}`;
    // Only the realtime entry names supabase-js, and only through import(): a shop without it
    // builds with any bundler, and a checkout without realtime never downloads it.
    const supabase = graph.supabaseImports.map((f) => path.relative(reactDir, f));
    if (key === "./realtime") {
      assert.deepEqual(graph.supabaseStaticImports, [], `${name} imports @supabase/* up front`);
      assert.ok(supabase.length > 0, `${name} must reach supabase-js through import()`);
      ok(`${name}: @supabase/supabase-js only through import()`);
    } else {
      assert.deepEqual(supabase, [], `${name} reaches files that import @supabase/*: ${supabase}`);
    }
    if (!CARD_ENTRIES.has(key)) {
      const found = graph.stripeImports.map((f) => path.relative(reactDir, f));
      assert.deepEqual(
        found,
        [],
        `${name} reaches files that import @stripe/*: ${found.join(", ")}`,
      );
      ok(`${name}: no file it loads, now or lazily, imports @stripe/*`);
      continue;
    }
    const upFront = graph.stripeImports.filter((f) => graph.files.has(f));
    assert.deepEqual(upFront, [], `${name} imports @stripe/* up front`);
    if (key === "./cards") {
      const chunks = [...graph.lazy].filter((f) => /\/StripeCardForm-[\w-]+\.js$/.test(f));
      assert.equal(chunks.length, 1, `${name} must reach the card form through import()`);
      cardChunk = chunks[0];
      assert.deepEqual(graph.stripeImports, [cardChunk], "only the card form imports @stripe/*");
      assert.match(readFileSync(cardChunk, "utf8"), /from "@stripe\/react-stripe-js"/);
      // It imports none of the kit (what it needs comes as props): no chunk shared with entries.
      const own = importGraph(cardChunk);
      assert.deepEqual([...own.files, ...own.lazy], [cardChunk], "the card form imports kit code");
    }
    ok(
      `${name}: no @stripe/* import up front${key === "./cards" ? "; the card form is import()ed" : ""}`,
    );
  }
  assert.ok(cardChunk, "no card form chunk");
  return cardChunk;
}

const tsc = path.join(root, "node_modules/typescript/bin/tsc");
/** Runs tsc in the shop; returns its output, or throws with it. */
function typecheck(shop, files, moduleResolution, expectFailure = false) {
  const module = moduleResolution === "bundler" ? "esnext" : "nodenext";
  writeFileSync(
    path.join(shop, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "es2022",
        lib: ["es2023", "dom", "dom.iterable"],
        module,
        moduleResolution,
        jsx: "react-jsx",
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        types: [],
      },
      files,
    }),
  );
  try {
    const out = execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], {
      cwd: shop,
      encoding: "utf8",
      stdio: "pipe",
    });
    assert.ok(!expectFailure, `tsc passed where it must fail: ${files.join(", ")}`);
    return out;
  } catch (error) {
    if (!expectFailure || error.code === "ERR_ASSERTION") throw error;
    return `${error.stdout ?? ""}${error.stderr ?? ""}`;
  }
}

const MOBILE_MONEY_SHOP = `import { createProxyClient } from "@dollr-kit/core";
import { CheckoutFlow, DollrCheckoutProvider, type DollrCards, useDollrCheckout } from "@dollr-kit/react";
import { CheckoutFlowStatus } from "@dollr-kit/react/checkout-flow";
import { ExecutionStatus } from "@dollr-kit/react/execution-status";
import { PaymentAccountPicker } from "@dollr-kit/react/payment-account-picker";
import { renderWithKit } from "@dollr-kit/react/testing";
const client = createProxyClient({ baseUrl: "/api/dollr" });
const cards: DollrCards | null = null;
export const Page = () => (
  <DollrCheckoutProvider client={client} cards={cards} locale="en-LR">
    <CheckoutFlow source={{ type: "ORDER", id: 7 }} onSuccess={(r) => console.info(r.referenceId)} />
    <PaymentAccountPicker.AddCard />
    <CheckoutFlowStatus />
    <ExecutionStatus referenceId={null} />
  </DollrCheckoutProvider>
);
export const status = () => useDollrCheckout().stripe.status;
export const inTests = () => renderWithKit(<Page />, { client });
`;

const CARD_SHOP = `import { createProxyClient } from "@dollr-kit/core";
import { DollrCheckoutProvider } from "@dollr-kit/react";
import { AddCardForm, stripeCards, useCardStripe } from "@dollr-kit/react/cards";
import { createFakeStripe } from "@dollr-kit/react/cards/testing";
import { loadStripe } from "@stripe/stripe-js/pure";
const client = createProxyClient({ baseUrl: "/api/dollr" });
const cards = stripeCards(() => loadStripe("pk_test_x"), { cardElementOptions: { hidePostalCode: true } });
export const fake = stripeCards(createFakeStripe().stripe);
export const Page = () => (
  <DollrCheckoutProvider client={client} cards={cards}>
    <AddCardForm cardElementOptions={{ disabled: false }} />
  </DollrCheckoutProvider>
);
export const ready = () => { const { stripe } = useCardStripe(); return stripe.status === "ready" ? stripe.stripe.elements : null; };
`;

/** The declarations: type-checked as merchants do (`skipLibCheck: false`), with and without Stripe. */
export function checkDeclarations(ok) {
  const shop = mkdtempSync(path.join(tmpdir(), "dollr-types-shop-"));
  try {
    writeFileSync(
      path.join(shop, "package.json"),
      JSON.stringify({ type: "module", private: true }),
    );
    installBuilt(shop, "react");
    installBuilt(shop, "core");
    link(shop, "valibot", path.join(packages, "core"));
    for (const name of [
      "react",
      "react-dom",
      "@types/react",
      "@types/react-dom",
      "@tanstack/react-query",
      "@testing-library/react",
      "@testing-library/dom",
    ]) {
      link(shop, name);
    }
    writeFileSync(path.join(shop, "mobile-money.tsx"), MOBILE_MONEY_SHOP);
    writeFileSync(path.join(shop, "cards.tsx"), CARD_SHOP);
    for (const resolution of ["bundler", "nodenext"]) {
      typecheck(shop, ["mobile-money.tsx"], resolution);
      ok(`tsc --skipLibCheck false (${resolution}), no @stripe/* installed: every non-card entry`);
    }
    const missing = typecheck(shop, ["cards.tsx"], "bundler", true);
    assert.match(missing, /Cannot find module '@stripe\/stripe-js'/);
    link(shop, "@stripe/stripe-js");
    link(shop, "@stripe/react-stripe-js");
    typecheck(shop, ["mobile-money.tsx", "cards.tsx"], "bundler");
    ok("the card entries need @stripe/* (tsc fails without), and type-check with it");
  } finally {
    rmSync(shop, { recursive: true, force: true });
  }
}
