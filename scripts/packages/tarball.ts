/** Reads a packed package (.tgz) into memory: its files by path under `package/`. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export type PackedFiles = Map<string, Buffer>;

export function readTarball(tarball: string): PackedFiles {
  const dir = mkdtempSync(path.join(tmpdir(), "dollr-kit-tarball-"));
  try {
    execFileSync("tar", ["-xzf", tarball, "-C", dir]);
    const files: PackedFiles = new Map();
    const walk = (folder: string) => {
      for (const name of readdirSync(folder)) {
        const full = path.join(folder, name);
        if (statSync(full).isDirectory()) walk(full);
        else files.set(path.relative(path.join(dir, "package"), full), readFileSync(full));
      }
    };
    walk(path.join(dir, "package"));
    return files;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
