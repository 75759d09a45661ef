/**
 * `pnpm run check:packages`: packs the four packages from their dist/ (build them first: the
 * `check` chain runs it after `smoke:dist`) and checks each tarball as it would be published:
 * publint (strict), `attw --profile esm-only` (the packages are ESM-only; styles.css excluded),
 * and the rules of rules.ts (LICENSE, metadata, `^` ranges between the packages, no maps).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { attwProblems, publintMessages } from "./lint.ts";
import { packPackages, ROOT } from "./pack.ts";
import { tarballProblems } from "./rules.ts";
import { readTarball } from "./tarball.ts";

const destination = mkdtempSync(path.join(tmpdir(), "dollr-kit-packs-"));
let passed = 0;
let failed = 0;
try {
  const packed = await packPackages(destination);
  const license = readFileSync(path.join(ROOT, "LICENSE"), "utf8");
  const versions = Object.fromEntries(packed.map((p) => [p.name, p.version]));
  for (const pkg of packed) {
    const problems = [
      ...tarballProblems(readTarball(pkg.tarball), pkg.folder, { license, versions }),
      ...(await publintMessages(pkg.tarball)).map((message) => `publint ${message}`),
    ];
    const attw = await attwProblems(pkg.tarball, pkg.name);
    if (attw) problems.push(`attw --profile esm-only:\n${attw}`);
    if (problems.length === 0) {
      passed += 1;
      console.log(
        `ok  ${pkg.name}: publint, attw (esm-only), LICENSE, metadata, ^ ranges, no maps`,
      );
    } else {
      failed += 1;
      console.log(`not ok  ${pkg.name}\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    }
  }
} finally {
  rmSync(destination, { recursive: true, force: true });
}
console.log(`\npackages: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
