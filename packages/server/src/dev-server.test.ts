// `pnpm proxy` (src/dev-server.ts) starts, answers through the proxy and the simulator controls on
// one port, and stops on SIGTERM.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const tsx = fileURLToPath(new URL("../../../node_modules/.bin/tsx", import.meta.url));

it("serves the proxy and /__simulator on the port it is given, and stops on SIGTERM", async () => {
  const child = spawn(tsx, ["src/dev-server.ts"], {
    cwd: packageDir,
    env: { ...process.env, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    const proxyUrl = await new Promise<string>((resolve, reject) => {
      let output = "";
      const timer = setTimeout(() => reject(new Error(`no start line in: ${output}`)), 20_000);
      child.stdout.on("data", (chunk) => {
        output += chunk;
        const match = /dollr-kit proxy on (http:\/\/127\.0\.0\.1:\d+\/api\/dollr)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1] as string);
        }
      });
      child.once("exit", (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    const origin = new URL(proxyUrl).origin;
    const source = await fetch(`${origin}/__simulator/sources`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ currency: "USD", items: [{ name: "Tea", amount: "3.00" }] }),
    });
    const { source_id } = (await source.json()) as { source_id: number };
    const session = await fetch(`${proxyUrl}/v1/sessions/checkout`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ source_type: "INVOICE", source_id }),
    });
    expect(session.status).toBe(200);
    expect(
      (
        await fetch(`${proxyUrl}/kit/payment-accounts`, {
          headers: { authorization: "Bearer nobody" },
        })
      ).status,
    ).toBe(401);
  } finally {
    const exited = new Promise<number | null>((resolve) =>
      child.once("exit", (code) => resolve(code)),
    );
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }
});
