import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cacheRoot, installProblems } from "./workdir.ts";

let dir = "";
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = "";
});

describe("a fixture's work folder", () => {
  it("lives outside the repository, where the environment says", () => {
    expect(cacheRoot({ DOLLR_CONSUMERS_DIR: "/tmp/x" })).toBe("/tmp/x");
    expect(cacheRoot({ XDG_CACHE_HOME: "/var/cache/me" })).toBe(
      "/var/cache/me/dollr-kit/consumers",
    );
  });

  it("accepts an install from tarballs, with one core and no Stripe", () => {
    dir = mkdtempSync(path.join(tmpdir(), "workdir-test-"));
    for (const name of ["@dollr-kit/core", "@dollr-kit/react"])
      mkdirSync(path.join(dir, "node_modules", name), { recursive: true });
    expect(installProblems(dir, ["@dollr-kit/core", "@dollr-kit/react"])).toEqual([]);
  });

  it("names a missing or linked package, a second core, and a Stripe package", () => {
    dir = mkdtempSync(path.join(tmpdir(), "workdir-test-"));
    const modules = path.join(dir, "node_modules");
    mkdirSync(path.join(modules, "@dollr-kit/react/node_modules/@dollr-kit/core"), {
      recursive: true,
    });
    mkdirSync(path.join(dir, "elsewhere"));
    symlinkSync(path.join(dir, "elsewhere"), path.join(modules, "@dollr-kit/server"));
    mkdirSync(path.join(modules, "@stripe/stripe-js"), { recursive: true });
    expect(
      installProblems(dir, ["@dollr-kit/core", "@dollr-kit/react", "@dollr-kit/server"]),
    ).toEqual([
      "@dollr-kit/core is not installed",
      "@dollr-kit/server is a link, not the tarball",
      "@dollr-kit/react has its own copy of core",
      "a Stripe package is installed: stripe-js",
    ]);
  });
});
