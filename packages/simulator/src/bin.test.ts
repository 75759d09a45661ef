// The `dollr-simulator` bin from this checkout: `pnpm exec dollr-simulator` works without a build
// (bin/launch.js runs the source through tsx here; the published package runs dist/cli.js, which
// the consumer fixtures check).
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const bin = fileURLToPath(new URL("../bin/dollr-simulator.js", import.meta.url));

describe("the dollr-simulator bin in the workspace", () => {
  it("runs (its --help)", async () => {
    const { stdout } = await run(process.execPath, [bin, "--help"]);
    expect(stdout).toContain("Usage: dollr-simulator [options]");
  });
});
