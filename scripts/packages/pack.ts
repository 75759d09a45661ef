/**
 * Packs the four published packages with `pnpm pack` (as `pnpm publish` would: `publishConfig`
 * applied, `workspace:` ranges written out) from their built dist/ folders.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const PACKAGES = ["core", "react", "server", "simulator"] as const;
export type PackageFolder = (typeof PACKAGES)[number];

export interface PackedPackage {
  folder: PackageFolder;
  /** e.g. `@dollr-kit/core`. */
  name: string;
  version: string;
  /** Absolute path of the .tgz. */
  tarball: string;
  /** sha256 of the tarball, hex. */
  sha256: string;
}

/** A message for a package whose dist/ is missing: packing it would publish nothing. */
export function missingBuilds(root = ROOT): string[] {
  return PACKAGES.filter((folder) => !existsSync(path.join(root, "packages", folder, "dist"))).map(
    (folder) => `packages/${folder}/dist is missing: run \`pnpm build:packages\` first`,
  );
}

export function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** Packs every package into `destination` (created if needed). */
export async function packPackages(destination: string): Promise<PackedPackage[]> {
  const missing = missingBuilds();
  if (missing.length > 0) throw new Error(missing.join("\n"));
  mkdirSync(destination, { recursive: true });
  return Promise.all(
    PACKAGES.map(async (folder) => {
      const { stdout } = await run("pnpm", ["pack", "--pack-destination", destination, "--json"], {
        cwd: path.join(ROOT, "packages", folder),
        maxBuffer: 16 * 1024 * 1024,
      });
      const packed = JSON.parse(stdout) as { name: string; version: string; filename: string };
      const tarball = path.resolve(destination, packed.filename);
      return {
        folder,
        name: packed.name,
        version: packed.version,
        tarball,
        sha256: sha256(tarball),
      };
    }),
  );
}
