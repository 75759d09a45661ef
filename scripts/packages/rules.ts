/**
 * What every packed @dollr-kit package must hold, beyond publint and attw: the licence text,
 * the metadata a registry page shows, internal dependencies as ranges that dedupe, and no
 * sourcemaps, sources or tests.
 */
import type { PackedFiles } from "./tarball.ts";

interface Manifest {
  name?: string;
  version?: string;
  license?: string;
  engines?: { node?: string };
  repository?: { url?: string; directory?: string } | string;
  homepage?: string;
  keywords?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** The problems of one packed package (empty when it is fine). */
export function tarballProblems(
  files: PackedFiles,
  folder: string,
  options: { license: string; versions: Record<string, string> },
): string[] {
  const problems: string[] = [];
  const manifestText = files.get("package.json")?.toString("utf8");
  if (!manifestText) return ["no package.json"];
  const pkg = JSON.parse(manifestText) as Manifest;

  if (files.get("LICENSE")?.toString("utf8") !== options.license)
    problems.push("LICENSE is missing or differs from the repository's");
  for (const file of ["README.md", "CHANGELOG.md"])
    if (!files.has(file)) problems.push(`${file} is missing`);
  if (pkg.license !== "MIT") problems.push(`license is ${JSON.stringify(pkg.license)}, not MIT`);
  if (!pkg.engines?.node) problems.push("engines.node is missing");
  const repository = typeof pkg.repository === "string" ? undefined : pkg.repository;
  if (!repository?.url) problems.push("repository.url is missing");
  if (repository?.directory !== `packages/${folder}`)
    problems.push(`repository.directory is not packages/${folder}`);
  if (!pkg.homepage) problems.push("homepage is missing");
  if (!pkg.keywords?.length) problems.push("keywords are missing");

  if (manifestText.includes("workspace:")) problems.push("a workspace: range was not written out");
  for (const field of ["dependencies", "optionalDependencies"] as const) {
    for (const [name, range] of Object.entries(pkg[field] ?? {})) {
      const version = options.versions[name];
      if (version !== undefined && range !== `^${version}`)
        problems.push(`${field}.${name} is ${range}: publish ^${version} so one copy installs`);
    }
  }
  // A peer may be wider than ^ (changesets bumps a dependent's major when a peer leaves its
  // range: see .changeset/README.md), never an exact pin.
  for (const [name, range] of Object.entries(pkg.peerDependencies ?? {})) {
    const version = options.versions[name];
    if (version !== undefined && (range === version || range === `=${version}`))
      problems.push(`peerDependencies.${name} is pinned to ${range}: publish a range`);
  }

  for (const [file, content] of files) {
    if (file.endsWith(".map")) problems.push(`${file}: sourcemaps are not published`);
    else if (/\.[cm]?js$/.test(file) && /^\/\/# sourceMappingURL=/m.test(content.toString()))
      problems.push(`${file} names a sourcemap`);
    if (/^src\//.test(file)) problems.push(`${file}: sources are not published`);
    if (/\.(test|stories)\.[cm]?[jt]sx?$|\.test-d\.ts$/.test(file))
      problems.push(`${file}: tests and stories are not published`);
  }
  return problems;
}
