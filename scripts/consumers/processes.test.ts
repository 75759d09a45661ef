import { describe, expect, it } from "vitest";
import { freePort, run, startServer, tail } from "./processes.ts";

const node = process.execPath;
const cwd = process.cwd();

describe("the harness's child processes", () => {
  it("runs a command to its end, with its output and exit code", async () => {
    const ok = await run(node, ["-e", "console.log('out'); console.error('err')"], {
      cwd,
      timeoutMs: 20_000,
    });
    expect(ok).toMatchObject({ code: 0, timedOut: false });
    expect(ok.output).toContain("out");
    expect(ok.output).toContain("err");
    const failed = await run(node, ["-e", "process.exit(3)"], { cwd, timeoutMs: 20_000 });
    expect(failed.code).toBe(3);
  });

  it("starts a server, reads what it printed, and stops it", async () => {
    const server = await startServer(
      node,
      ["-e", "console.log('listening on http://127.0.0.1:1234'); setInterval(() => {}, 1000)"],
      { cwd, timeoutMs: 20_000, ready: /listening on (\S+)/ },
    );
    expect(server.ready[1]).toBe("http://127.0.0.1:1234");
    await server.stop();
  });

  it("says so when a server exits before it is ready", async () => {
    await expect(
      startServer(node, ["-e", "console.log('no'); process.exit(2)"], {
        cwd,
        timeoutMs: 20_000,
        ready: /listening/,
      }),
    ).rejects.toThrow(/exited \(2\) before it was ready:\nno/);
  });

  it("finds a free port, and keeps the end of long output", async () => {
    expect(await freePort()).toBeGreaterThan(0);
    expect(tail("a\nb\nc", 2)).toBe("    b\n    c");
  });
});
