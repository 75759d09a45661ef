// The dollr-simulator command: starts, prints its URL, applies its flags, keeps its state in a
// file when asked, stops on SIGTERM.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const cli = join(dirname(fileURLToPath(import.meta.url)), "cli.ts");
const started: ChildProcess[] = [];

function run(args: string[]) {
  const child = spawn(process.execPath, ["--import", "tsx", cli, ...args], {
    cwd: dirname(cli),
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("close", (code) => resolve(code)),
  );
  const printed = async (pattern: RegExp): Promise<RegExpMatchArray> => {
    for (let waited = 0; waited < 15_000; waited += 50) {
      const match = output.match(pattern);
      if (match) return match;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`not printed: ${pattern}\n${output}`);
  };
  return { child, exited, printed, output: () => output };
}

afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill("SIGKILL");
});

describe("dollr-simulator", () => {
  it("listens, applies its flags, and stops cleanly on SIGTERM", async () => {
    const sim = run([
      "--port",
      "0",
      "--processing-ms",
      "2500",
      "--success-word",
      "SUCCESSFUL",
      "--client-secret",
      "cli-secret",
    ]);
    const [, url] = await sim.printed(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const config = await (await fetch(`${url}/__simulator/config`)).json();
    expect(config).toMatchObject({ processingMs: 2500, successWord: "SUCCESSFUL" });
    expect(config).not.toHaveProperty("clientSecret");
    const token = await fetch(`${url}/v1/jwt/client/obtain/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_id: "sim_client_id", client_secret: "cli-secret" }),
    });
    expect(token.status).toBe(200);
    sim.child.kill("SIGTERM");
    expect(await sim.exited).toBe(0);
    expect(sim.output()).toMatch(/SIGTERM, stopping/);
  });

  it("--state keeps the records in a file across a restart", async () => {
    const folder = mkdtempSync(join(tmpdir(), "dollr-sim-cli-"));
    try {
      const file = join(folder, "state.json");
      const first = run(["--port", "0", "--state", file]);
      const [, url] = await first.printed(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      await first.printed(/state: .*state\.json \(new\)/);
      const made = await fetch(`${url}/__simulator/sources`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ currency: "USD", items: [{ name: "Tea", amount: "3.00" }] }),
      });
      const { source_id } = (await made.json()) as { source_id: number };
      first.child.kill("SIGTERM");
      expect(await first.exited).toBe(0);

      const second = run(["--port", "0", "--state", file]);
      const [, again] = await second.printed(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      await second.printed(/state: .*state\.json \(loaded\)/);
      const ledger = (await (await fetch(`${again}/__simulator/ledger`)).json()) as {
        sources: { source_id: number }[];
      };
      expect(ledger.sources.map((source) => source.source_id)).toEqual([source_id]);
      second.child.kill("SIGTERM");
      expect(await second.exited).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("--validation lax and --success-word PAID apply to the API", async () => {
    const sim = run(["--port", "0", "--validation", "lax", "--success-word", "PAID"]);
    const [, url] = await sim.printed(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    await sim.printed(/success=PAID validation=lax/);
    const config = await (await fetch(`${url}/__simulator/config`)).json();
    expect(config).toMatchObject({ validation: "lax", successWord: "PAID" });
    // A lowercase enum and an unknown query parameter: fine in lax mode.
    const token = await fetch(`${url}/v1/jwt/client/obtain/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_id: "sim_client_id",
        client_secret: "sim_client_secret",
        scope: "x",
      }),
    });
    const { access_token } = (await token.json()) as { access_token: string };
    const fees = await fetch(
      `${url}/v1/fees/gateway?payment_method=mtn_momo_lbr&operation_type=collection`,
      {
        headers: { authorization: `Bearer ${access_token}` },
      },
    );
    expect(await fees.json()).toMatchObject({
      payment_method: "MTN_MOMO_LBR",
      operation_type: "COLLECTION",
    });
    sim.child.kill("SIGTERM");
    expect(await sim.exited).toBe(0);
  });

  it("refuses a bad flag with exit code 2 and the usage", async () => {
    const sim = run(["--success-word", "DONE"]);
    expect(await sim.exited).toBe(2);
    expect(sim.output()).toMatch(
      /--success-word must be one of COMPLETED, SUCCESSFUL, SUCCESS, SUCCEEDED, PAID/,
    );
    expect(sim.output()).toMatch(/Usage: dollr-simulator/);
    const loose = run(["--validation", "loose"]);
    expect(await loose.exited).toBe(2);
    expect(loose.output()).toMatch(/--validation must be one of strict, lax/);
  });
});
