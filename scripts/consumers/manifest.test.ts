import { describe, expect, it } from "vitest";
import { installKey, packedNames, tarballFileName, withTarballs } from "./manifest.ts";

const tarballs = [
  { name: "@dollr-kit/core", sha256: "a".repeat(64) },
  { name: "@dollr-kit/react", sha256: "b".repeat(64) },
];
const manifest = {
  name: "shop",
  dependencies: { "@dollr-kit/core": "packed", react: "19.3.1" },
  devDependencies: { "@dollr-kit/react": "packed", vite: "8.3.8" },
};
const tools = { node: "20.20.2", npm: "11.6.0" };

describe("a fixture's manifest", () => {
  it("names each packed package by its tarball's content", () => {
    expect(tarballFileName(tarballs[0] as (typeof tarballs)[0])).toBe(
      "dollr-kit-core-aaaaaaaaaaaa.tgz",
    );
    expect(withTarballs(manifest, tarballs)).toEqual({
      name: "shop",
      dependencies: {
        "@dollr-kit/core": "file:packs/dollr-kit-core-aaaaaaaaaaaa.tgz",
        react: "19.3.1",
      },
      devDependencies: {
        "@dollr-kit/react": "file:packs/dollr-kit-react-bbbbbbbbbbbb.tgz",
        vite: "8.3.8",
      },
    });
    expect(packedNames(manifest)).toEqual(["@dollr-kit/core", "@dollr-kit/react"]);
  });

  it("refuses a packed package no tarball was made for", () => {
    expect(() =>
      withTarballs({ dependencies: { "@dollr-kit/server": "packed" } }, tarballs),
    ).toThrow("no packed tarball for @dollr-kit/server");
  });

  it("installs again when a tarball, a version or the Node major changes, not otherwise", () => {
    const key = installKey(withTarballs(manifest, tarballs), tools);
    expect(installKey(withTarballs(manifest, tarballs), { ...tools, node: "20.21.0" })).toBe(key);
    const rebuilt = [{ ...tarballs[0], sha256: "c".repeat(64) }, tarballs[1]] as typeof tarballs;
    expect(installKey(withTarballs(manifest, rebuilt), tools)).not.toBe(key);
    const bumped = { ...manifest, dependencies: { ...manifest.dependencies, react: "19.3.2" } };
    expect(installKey(withTarballs(bumped, tarballs), tools)).not.toBe(key);
    expect(installKey(withTarballs(manifest, tarballs), { ...tools, node: "22.1.0" })).not.toBe(
      key,
    );
    expect(installKey(withTarballs(manifest, tarballs), { ...tools, npm: "11.7.0" })).not.toBe(key);
  });
});
