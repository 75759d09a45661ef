import { describe, expect, it } from "vitest";
import { tarballProblems } from "./rules.ts";

const license = "MIT License\n";
const manifest = {
  name: "@dollr-kit/react",
  version: "0.2.0",
  license: "MIT",
  engines: { node: ">=20.19" },
  repository: {
    type: "git",
    url: "git+https://example.invalid/kit.git",
    directory: "packages/react",
  },
  homepage: "https://example.invalid/kit#readme",
  keywords: ["dollr"],
  dependencies: { "@dollr-kit/core": "^0.2.0", valibot: "1.5.0" },
};
const packed = (pkg: object, extra: Record<string, string> = {}) =>
  new Map(
    Object.entries({
      "package.json": JSON.stringify(pkg),
      LICENSE: license,
      "README.md": "#",
      "CHANGELOG.md": "#",
      "dist/index.js": "export {};\n",
      ...extra,
    }).map(([file, text]) => [file, Buffer.from(text)]),
  );
const options = { license, versions: { "@dollr-kit/core": "0.2.0", "@dollr-kit/react": "0.2.0" } };

describe("a packed package", () => {
  it("passes with its licence, metadata, a ^ range to core and no maps", () => {
    expect(tarballProblems(packed(manifest), "react", options)).toEqual([]);
  });

  it("names each thing that is wrong", () => {
    const { engines: _e, keywords: _k, ...bare } = manifest;
    const problems = tarballProblems(
      packed(
        {
          ...bare,
          dependencies: { "@dollr-kit/core": "0.2.0" },
          peerDependencies: { "@dollr-kit/react": "0.2.0", x: "workspace:^" },
        },
        {
          LICENSE: "Apache",
          "dist/index.js": "export {};\n//# sourceMappingURL=index.js.map\n",
          "dist/index.js.map": "{}",
          "src/index.ts": "",
          "dist/a.test.js": "",
        },
      ),
      "react",
      options,
    );
    expect(problems).toEqual([
      "LICENSE is missing or differs from the repository's",
      "engines.node is missing",
      "keywords are missing",
      "a workspace: range was not written out",
      "dependencies.@dollr-kit/core is 0.2.0: publish ^0.2.0 so one copy installs",
      "peerDependencies.@dollr-kit/react is pinned to 0.2.0: publish a range",
      "dist/index.js names a sourcemap",
      "dist/index.js.map: sourcemaps are not published",
      "src/index.ts: sources are not published",
      "dist/a.test.js: tests and stories are not published",
    ]);
  });

  it("wants the repository folder of its own package", () => {
    expect(tarballProblems(packed(manifest), "core", options)).toEqual([
      "repository.directory is not packages/core",
    ]);
  });
});
