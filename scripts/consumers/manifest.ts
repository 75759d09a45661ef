/**
 * A fixture's package.json names each @dollr-kit package as `"packed"`; the harness points them
 * at this run's tarballs, content-addressed, so a changed build is a changed dependency.
 */
import { createHash } from "node:crypto";

export interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [field: string]: unknown;
}

export interface Tarball {
  name: string;
  sha256: string;
}

/** `@dollr-kit/core` + sha → `dollr-kit-core-<12 hex>.tgz`. */
export function tarballFileName(tarball: Tarball): string {
  return `${tarball.name.replace(/^@/, "").replace("/", "-")}-${tarball.sha256.slice(0, 12)}.tgz`;
}

/** The manifest with every `"packed"` range as `file:packs/<tarball>`; throws for an unknown one. */
export function withTarballs(manifest: Manifest, tarballs: readonly Tarball[]): Manifest {
  const byName = new Map(tarballs.map((t) => [t.name, t]));
  const rewrite = (ranges: Record<string, string> | undefined) =>
    ranges &&
    Object.fromEntries(
      Object.entries(ranges).map(([name, range]) => {
        if (range !== "packed") return [name, range];
        const tarball = byName.get(name);
        if (!tarball) throw new Error(`no packed tarball for ${name}`);
        return [name, `file:packs/${tarballFileName(tarball)}`];
      }),
    );
  const out: Manifest = { ...manifest };
  if (manifest.dependencies) out.dependencies = rewrite(manifest.dependencies);
  if (manifest.devDependencies) out.devDependencies = rewrite(manifest.devDependencies);
  return out;
}

/**
 * What decides whether node_modules must be installed again: the manifest as installed (its
 * tarballs are named by content) and the Node and npm that install it.
 */
export function installKey(manifest: Manifest, tools: { node: string; npm: string }): string {
  return createHash("sha256")
    .update(JSON.stringify({ manifest, node: tools.node.split(".")[0], npm: tools.npm }))
    .digest("hex");
}

/** The @dollr-kit packages a fixture installs from tarballs. */
export function packedNames(manifest: Manifest): string[] {
  return Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })
    .filter(([, range]) => range === "packed")
    .map(([name]) => name)
    .sort();
}
