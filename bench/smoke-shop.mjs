// Helpers of the dist smoke test (bench/smoke-cards.mjs, bench/smoke-builds.mjs): a throwaway
// shop folder with packages "installed" into its node_modules, as a merchant's install would.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../", import.meta.url));
export const packages = path.join(root, "packages");
export const reactDir = path.join(packages, "react");

/** The folder of an installed package, as Node would find it from `from` (exports or not). */
function packageDir(name, from) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return realpathSync(candidate);
    if (dir === path.dirname(dir)) throw new Error(`${name} is not installed above ${from}`);
  }
}

/** Installs a package into the shop: a symlink to the workspace's copy (its deps resolve there). */
export function link(shop, name, from = reactDir) {
  const target = path.join(shop, "node_modules", name);
  mkdirSync(path.dirname(target), { recursive: true });
  symlinkSync(packageDir(name, from), target);
}

/** Installs a built workspace package as it would be published: dist/ and the publish exports. */
export function installBuilt(shop, dir) {
  const {
    publishConfig,
    devDependencies: _,
    exports: __,
    ...manifest
  } = JSON.parse(readFileSync(path.join(packages, dir, "package.json"), "utf8"));
  const target = path.join(shop, "node_modules", manifest.name);
  cpSync(path.join(packages, dir, "dist"), path.join(target, "dist"), { recursive: true });
  writeFileSync(
    path.join(target, "package.json"),
    JSON.stringify({ ...manifest, exports: publishConfig.exports }),
  );
}
