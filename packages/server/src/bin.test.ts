// The server's bins from this checkout: `pnpm exec dollr-proxy-conformance` (and the others)
// work without a build: bin/launch.js runs the sources through tsx here, where
// `@dollr-kit/core` is the workspace's TypeScript source that plain Node cannot load. (The
// published package runs dist/; the consumer fixtures run the conformance bin from a tarball.)
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const bin = (name: string) => fileURLToPath(new URL(`../bin/${name}.js`, import.meta.url));

describe("the server's bins in the workspace", () => {
  it.each([
    ["dollr-proxy-conformance", "Usage: dollr-proxy-conformance --url"],
    ["dollr-reconcile", "Usage: dollr-reconcile --config"],
    ["dollr-kit-migrate", "dollr-kit-migrate --pglite"],
  ])("%s runs (its --help)", async (name, usage) => {
    const { stdout, stderr } = await run(process.execPath, [bin(name), "--help"]).catch(
      (error: { stdout: string; stderr: string }) => error,
    );
    expect(`${stdout}${stderr}`).toContain(usage);
  });
});
