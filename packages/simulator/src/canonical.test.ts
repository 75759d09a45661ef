/**
 * Canonical paths on the simulator's own server, over a real socket: a target that reads as
 * another path (`/x/%2e%2e/__simulator/ledger`) is no route, before the `Request` resolves it.
 */
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { isCanonicalTarget } from "./canonical.ts";
import { type SimulatorServer, startSimulatorServer } from "./node.ts";

let server: SimulatorServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function rawGet(port: number, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method: "GET", path }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        text += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("canonical paths", () => {
  it("answers 404 for dot segments, %2e, backslashes, doubled and encoded slashes", async () => {
    server = await startSimulatorServer();
    expect((await rawGet(server.port, "/__simulator/ledger")).status).toBe(200);
    for (const target of [
      "/x/%2e%2e/__simulator/ledger",
      "/x/../__simulator/ledger",
      "/__simulator/./ledger",
      "/__simulator//ledger",
      "/__simulator%2Fledger",
      "/__simulator\\ledger",
      "//__simulator/ledger",
    ]) {
      const answer = await rawGet(server.port, target);
      expect([target, answer.status]).toEqual([target, 404]);
      expect(answer.text).not.toContain("executions");
    }
  });

  it("reads targets as a parser would", () => {
    expect(isCanonicalTarget("/v1/status/collection/abc?x=1")).toBe(true);
    expect(isCanonicalTarget("http://h/v1/a")).toBe(true);
    expect(isCanonicalTarget("http://h/v1/%2E%2E/a")).toBe(false);
    expect(isCanonicalTarget("/v1/a%2fb")).toBe(false);
  });
});
