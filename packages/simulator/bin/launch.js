// Runs one of the package's commands. Installed from npm, that is the built module in dist/.
// In a checkout of the kit's repository (src/ beside dist/, and tsx installed) it is the
// TypeScript source through tsx, as `pnpm simulator` and `pnpm proxy` do: the workspace links
// `@dollr-kit/*` to their sources, which plain Node cannot load, and a dist/ there may be stale
// or not built yet.
import { existsSync } from "node:fs";

/** `command`: the module's path under src/ and dist/, without extension (e.g. "cli"). */
export async function launch(command) {
  const source = new URL(`../src/${command}.ts`, import.meta.url);
  if (existsSync(source)) {
    const tsx = await import("tsx/esm/api").catch(() => null);
    if (tsx) {
      tsx.register();
      await import(source.href);
      return;
    }
  }
  await import(new URL(`../dist/${command}.js`, import.meta.url).href);
}
