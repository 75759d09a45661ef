// A Node module hook that resolves `@dollr-kit/*` the way the published packages will: through
// each package.json's `publishConfig.exports` (dist/), not the workspace's `exports` (src/).
// Used by the smoke test: node --import ./bench/dist-loader.mjs bench/smoke-dist.mjs
import { register } from "node:module";
import { fileURLToPath } from "node:url";

const packagesDir = fileURLToPath(new URL("../packages/", import.meta.url));

const hooks = `
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const packagesDir = ${JSON.stringify(packagesDir)};
export async function resolve(specifier, context, next) {
  const match = /^@dollr-kit\\/(core|react|server|simulator)(\\/.*)?$/.exec(specifier);
  if (!match) return next(specifier, context);
  const dir = packagesDir + match[1] + "/";
  const pkg = JSON.parse(readFileSync(dir + "package.json", "utf8"));
  const target = pkg.publishConfig?.exports?.["." + (match[2] ?? "")];
  const file = typeof target === "string" ? target : target?.import;
  if (!file) throw new Error("not exported when published: " + specifier);
  return { url: new URL(file, pathToFileURL(dir)).href, shortCircuit: true };
}
`;

register(`data:text/javascript,${encodeURIComponent(hooks)}`);
