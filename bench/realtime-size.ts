/**
 * What the realtime plug-in costs a page up front: the mobile-money checkout page of bench/size.ts
 * (`<CheckoutFlow>`, provider, createProxyClient), bundled as it is and with
 * `supabaseRealtime` from `@dollr-kit/react/realtime` imported beside it, the same way (peers
 * external, fully minified, gzip -9). supabase-js is a peer, loaded with a dynamic `import()`:
 * its own size is the lazy chunk of the `realtime` target, where it is bundled.
 *
 * Without the plug-in the page must hold none of the hook's code: no module of
 * packages/react/src/realtime/ in the bundle, and none of its words in any chunk.
 * Bundles go to bench/.tmp/size-realtime/ (`DOLLR_SIZE_OUT`), beside the size part's.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const reactSrc = path.join(root, "packages/react/src");
/** Words only the hook's modules hold (the channel, its table and binding). */
const HOOK_WORDS = ["payment-intent:", "checkout_payment_intent_public_status", "postgres_changes"];

export interface PageBytes {
  /** Up front: the entry and the chunks it imports statically, each gzipped on its own. */
  gzipBytes: number;
  allGzipBytes: number;
  /** Modules of packages/react/src/realtime/ in the bundle (tree-shaken code left). */
  realtimeModules: string[];
  /** The hook's words found in any chunk of the bundle. */
  hookWords: string[];
}

export interface RealtimeSizeResult {
  /** The mobile-money page as bench/size.ts measures it: no plug-in. */
  withoutPlugin: PageBytes;
  /** The same page with `supabaseRealtime` imported. */
  withPlugin: PageBytes;
  /** `@dollr-kit/react/realtime` alone: up front, and supabase-js's lazy chunk. */
  entry: { gzipBytes: number; supabaseLazyGzipBytes: number };
}

export async function measureRealtimeSize(): Promise<RealtimeSizeResult> {
  const outDir = path.join(root, "bench/.tmp/size-realtime");
  // size.ts reads it when loaded: its bundles must not replace the size part's.
  process.env.DOLLR_SIZE_OUT = outDir;
  const { measureSizes, SIZE_TARGETS } = await import("./size.ts");
  const target = (id: string) => {
    const found = SIZE_TARGETS.find((t) => t.id === id);
    if (!found) throw new Error(`bench: no size target ${id}`);
    return found;
  };
  const page = target("mobile-money-page");
  const withPlugin = {
    id: "mobile-money-page-realtime",
    label: `${page.label} + supabaseRealtime`,
    source: `${page.source}export { supabaseRealtime } from ${JSON.stringify(`${reactSrc}/realtime.ts`)};\n`,
  };
  const [off, on, entry] = await measureSizes([page, withPlugin, target("realtime")]);
  if (!off || !on || !entry) throw new Error("bench: a realtime size bundle is missing");
  const bytes = (result: typeof off): PageBytes => {
    const files = readdirSync(outDir).filter(
      (file) => file === `${result.id}.js` || file.startsWith(`${result.id}.chunk-`),
    );
    const code = files.map((file) => readFileSync(path.join(outDir, file), "utf8")).join("\n");
    return {
      gzipBytes: result.gzipBytes,
      allGzipBytes: result.allGzipBytes,
      realtimeModules: result.modules
        .map((m) => m.module)
        .filter((name) => name.startsWith("packages/react/src/realtime")),
      hookWords: HOOK_WORDS.filter((word) => code.includes(word)),
    };
  };
  return {
    withoutPlugin: bytes(off),
    withPlugin: bytes(on),
    entry: {
      gzipBytes: entry.gzipBytes,
      supabaseLazyGzipBytes: entry.allGzipBytes - entry.gzipBytes,
    },
  };
}
