/**
 * A fixture's work folder: its files from fixtures/consumers/, this run's tarballs, and its
 * node_modules, installed with npm as a merchant would and kept between runs while nothing it
 * depends on changed. It lives outside the repository (no node_modules above it: a missing
 * dependency must fail, not be found in the workspace's), under `DOLLR_CONSUMERS_DIR`, else
 * `$XDG_CACHE_HOME/dollr-kit/consumers` or `~/.cache/dollr-kit/consumers`.
 */
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import type { PackedPackage } from "../packages/pack.ts";
import { ROOT } from "../packages/pack.ts";
import { takeLock } from "./lock.ts";
import {
  installKey,
  type Manifest,
  packedNames,
  tarballFileName,
  withTarballs,
} from "./manifest.ts";
import { run, tail } from "./processes.ts";

export type FixtureKind = "vite" | "next";

export interface FixtureSpec {
  name: string;
  /** Folders under fixtures/consumers/, copied in order (a later one's files win). */
  layers: string[];
  kind: FixtureKind;
}

export const FIXTURES: readonly FixtureSpec[] = [
  { name: "vite-react19", layers: ["vite"], kind: "vite" },
  { name: "vite-react18", layers: ["vite", "vite-react18"], kind: "vite" },
  { name: "next", layers: ["next"], kind: "next" },
];

/** Kept between runs: the install, and Next.js's build cache. */
const KEPT = new Set(["node_modules", "package-lock.json", ".next"]);
const STAMP = ".dollr-install-key";

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DOLLR_CONSUMERS_DIR) return path.resolve(env.DOLLR_CONSUMERS_DIR);
  const base = env.XDG_CACHE_HOME || path.join(homedir(), ".cache");
  return path.join(base, "dollr-kit", "consumers");
}

export interface Workdir {
  dir: string;
  /** Whether npm ran (false: the cached node_modules were still right). */
  installed: boolean;
  installMs: number;
  release(): void;
}

/** Lays out a fixture's folder and installs it if needed. Throws with npm's output on failure. */
export async function prepareWorkdir(
  spec: FixtureSpec,
  packed: readonly PackedPackage[],
  root = cacheRoot(),
  log: (line: string) => void = () => undefined,
): Promise<Workdir> {
  mkdirSync(root, { recursive: true });
  const release = await takeLock(path.join(root, `${spec.name}.lock`), {
    onWait: () => log(`${spec.name}: another run holds ${root}/${spec.name}; waiting`),
  });
  try {
    const dir = path.join(root, spec.name);
    mkdirSync(dir, { recursive: true });
    for (const entry of readdirSync(dir))
      if (!KEPT.has(entry)) rmSync(path.join(dir, entry), { recursive: true, force: true });
    for (const layer of spec.layers)
      cpSync(path.join(ROOT, "fixtures/consumers", layer), dir, { recursive: true });

    const source = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest;
    const wanted = packedNames(source);
    mkdirSync(path.join(dir, "packs"));
    for (const pkg of packed.filter((p) => wanted.includes(p.name)))
      copyFileSync(pkg.tarball, path.join(dir, "packs", tarballFileName(pkg)));
    const manifest = withTarballs(source, packed);
    writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);

    const npmVersion = execFileSync("npm", ["--version"], { encoding: "utf8" }).trim();
    const key = installKey(manifest, { node: process.version.slice(1), npm: npmVersion });
    const stamp = path.join(dir, "node_modules", STAMP);
    const started = Date.now();
    let installed = false;
    if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== key) {
      rmSync(stamp, { force: true });
      const npm = await run(
        "npm",
        ["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefer-offline"],
        { cwd: dir, timeoutMs: 10 * 60_000, env: { npm_config_update_notifier: "false" } },
      );
      if (npm.code !== 0) throw new Error(`npm install failed:\n${tail(npm.output)}`);
      writeFileSync(stamp, key);
      installed = true;
    }
    const problems = installProblems(dir, wanted);
    if (problems.length > 0) throw new Error(problems.join("\n"));
    return { dir, installed, installMs: Date.now() - started, release };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * What a merchant's install must look like: each @dollr-kit package from its tarball (a folder,
 * not a link to the workspace), one copy of core, and no Stripe package (mobile money only).
 */
export function installProblems(dir: string, packedPackages: readonly string[]): string[] {
  const problems: string[] = [];
  const modules = path.join(dir, "node_modules");
  for (const name of packedPackages) {
    const folder = path.join(modules, name);
    if (!existsSync(folder)) problems.push(`${name} is not installed`);
    else if (lstatSync(folder).isSymbolicLink())
      problems.push(`${name} is a link, not the tarball`);
  }
  for (const name of packedPackages) {
    const nested = path.join(modules, name, "node_modules", "@dollr-kit");
    if (existsSync(nested))
      problems.push(`${name} has its own copy of ${readdirSync(nested).join(", ")}`);
  }
  if (existsSync(path.join(modules, "@stripe")))
    problems.push(`a Stripe package is installed: ${readdirSync(path.join(modules, "@stripe"))}`);
  return problems;
}
