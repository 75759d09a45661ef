// `pnpm proxy` (src/dev-server.ts) starts, answers through the proxy and the simulator controls on
// one port, follows payments with its reconciler (one `settled` line each), stops on SIGTERM; with
// DOLLR_BASE_URL it talks to that Dollr (here a simulator on its own port) instead.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startSimulatorServer } from "@dollr-kit/simulator/node";
import { afterEach, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const tsx = fileURLToPath(new URL("../../../node_modules/.bin/tsx", import.meta.url));
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Starts `pnpm proxy` with `env`; answers its proxy URL and a way to wait for its output. */
async function startProxy(env: Record<string, string>) {
  const child = spawn(tsx, ["src/dev-server.ts"], {
    cwd: packageDir,
    env: {
      ...process.env,
      PORT: "0",
      DOLLR_BASE_URL: "",
      DOLLR_CLIENT_ID: "",
      DOLLR_CLIENT_SECRET: "",
      DATABASE_URL: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("close", (code) => resolve(code)),
  );
  const printed = async (pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> => {
    for (let waited = 0; waited < timeoutMs; waited += 50) {
      const match = output.match(pattern);
      if (match) return match;
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`not printed: ${pattern}\n${output}`);
  };
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    return exited;
  };
  cleanups.push(async () => {
    await stop();
  });
  const [, proxyUrl] = await printed(/dollr-kit proxy on (http:\/\/127\.0\.0\.1:\d+\/api\/dollr)/);
  return { proxyUrl: proxyUrl as string, printed, stop, output: () => output };
}

async function post(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

/** Wallet → session → execute through the proxy; answers the reference id. */
async function payWithMobileMoney(proxyUrl: string, source_id: number): Promise<string> {
  const wallet = await post(`${proxyUrl}/kit/payment-accounts`, {
    type: "MOBILE_MONEY",
    phone: "231880000000",
    account_name: "My MTN",
  });
  expect(wallet.status).toBe(201);
  const session = await post(`${proxyUrl}/v1/sessions/checkout`, {
    source_type: "INVOICE",
    source_id,
  });
  expect(session.status).toBe(200);
  const referenceId = crypto.randomUUID();
  const execute = await post(`${proxyUrl}/v1/executions/collection`, {
    session_id: String((session.json as { id: number }).id),
    payment_account_id: (wallet.json as { id: string }).id,
    currency: "USD",
    reference_id: referenceId,
  });
  expect(execute.status).toBe(200);
  expect((execute.json as { status: string }).status).toBe("PROCESSING");
  return referenceId;
}

it("serves the proxy and /__simulator on its port, logs each settled payment, stops on SIGTERM", async () => {
  const proxy = await startProxy({});
  // Printed after the address line: wait for it (on a busy machine it may come later).
  await proxy.printed(/store: PGlite in memory/);
  const origin = new URL(proxy.proxyUrl).origin;
  const source = await post(`${origin}/__simulator/sources`, {
    currency: "USD",
    items: [{ name: "Tea", amount: "3.00" }],
  });
  const { source_id } = source.json as { source_id: number };
  expect(
    (
      await fetch(`${proxy.proxyUrl}/kit/payment-accounts`, {
        headers: { authorization: "Bearer nobody" },
      })
    ).status,
  ).toBe(401);

  const referenceId = await payWithMobileMoney(proxy.proxyUrl, source_id);
  // The customer approves (the simulator's clock passes the PROCESSING time); no browser polls.
  await post(`${origin}/__simulator/clock`, { advanceMs: 90_000 });
  await proxy.printed(new RegExp(`settled ${referenceId} COMPLETED\\n`));
  // Only ids and status words: the phone number never appears.
  expect(proxy.output()).not.toContain("231880000000");
  expect(await proxy.stop()).toBe(0);
});

it("with DOLLR_BASE_URL: talks to that Dollr (a simulator on its own) and reconciles there", async () => {
  const dollr = await startSimulatorServer({ processingMs: 1_000 });
  cleanups.push(() => dollr.close());
  const proxy = await startProxy({
    DOLLR_BASE_URL: dollr.url,
    DOLLR_CLIENT_ID: "sim_client_id",
    DOLLR_CLIENT_SECRET: "sim_client_secret",
  });
  expect(proxy.output()).toContain(`(Dollr: ${new URL(dollr.url).host})`);
  // No simulator of its own: its controls are not served.
  const origin = new URL(proxy.proxyUrl).origin;
  expect((await fetch(`${origin}/__simulator/ledger`)).status).toBe(404);

  const { source_id } = dollr.handler.control.createSource({
    currency: "USD",
    items: [{ name: "Tea", amount: "3.00" }],
  });
  const referenceId = await payWithMobileMoney(proxy.proxyUrl, source_id);
  dollr.handler.control.advance(2_000);
  await proxy.printed(new RegExp(`settled ${referenceId} COMPLETED\\n`));
  expect(dollr.handler.control.ledger().executions).toMatchObject([
    { reference_id: referenceId, execute_calls: 1, status: "COMPLETED" },
  ]);
  expect(await proxy.stop()).toBe(0);
});

it("refuses half a Dollr configuration and names what is missing", async () => {
  const child = spawn(tsx, ["src/dev-server.ts"], {
    cwd: packageDir,
    env: {
      ...process.env,
      PORT: "0",
      DOLLR_BASE_URL: "http://127.0.0.1:1",
      DOLLR_CLIENT_ID: "",
      DOLLR_CLIENT_SECRET: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((resolve) =>
    child.once("close", (code) => resolve(code)),
  );
  expect(code).toBe(2);
  expect(output).toMatch(/missing: DOLLR_CLIENT_ID, DOLLR_CLIENT_SECRET/);
});
