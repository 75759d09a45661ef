// The dollr-reconcile command: its usage, a config module (options or a function), --once for
// schedulers, the loop until a stop signal; and the real bin in a child process, over
// PostgreSQL and the simulator on 127.0.0.1.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createPostgresAttemptStore } from "../stores/postgres/attempt-store.ts";
import { migrate } from "../stores/postgres/migrate.ts";
import { openDatabase } from "../stores/postgres/open-database.ts";
import { createTestDatabase } from "../stores/postgres/test-database.ts";
import { CLIENT_ID, CLIENT_SECRET } from "../test-support.ts";
import { runReconcileCommand, USAGE } from "./command.ts";
import type { SettledPayment } from "./options.ts";
import { type ReconcilerHarness, startReconcilerHarness, virtualSleep } from "./test-support.ts";

const here = dirname(fileURLToPath(import.meta.url));
let r: ReconcilerHarness | undefined;
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  await r?.close();
  r = undefined;
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const HANDOFF = "__dollrReconcileCommandTest";
type Handoff = Record<string, unknown> | (() => Record<string, unknown>);

/** A config module that hands over whatever the test put on `globalThis`. */
function configFile(kind: "function" | "object"): string {
  const folder = mkdtempSync(join(tmpdir(), "dollr-reconcile-"));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  const file = join(folder, "reconciler.config.mjs");
  const body =
    kind === "function"
      ? `export default async () => globalThis.${HANDOFF}();\n`
      : `export default globalThis.${HANDOFF};\n`;
  writeFileSync(file, body);
  return file;
}

function io(stopSignal: Promise<unknown> = new Promise(() => {})) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), cwd: here, stopSignal },
  };
}

function handOff(value: Handoff) {
  (globalThis as Record<string, unknown>)[HANDOFF] = value;
  cleanups.push(() => {
    delete (globalThis as Record<string, unknown>)[HANDOFF];
  });
}

describe("dollr-reconcile (in process)", () => {
  it("prints its usage, and refuses bad usage with exit code 2", async () => {
    const help = io();
    expect(await runReconcileCommand(["--help"], help.io)).toBe(0);
    expect(help.out.join("\n")).toBe(USAGE);
    const missing = io();
    expect(await runReconcileCommand(["--once"], missing.io)).toBe(2);
    expect(missing.err.join("\n")).toMatch(/--config is required/);
    const unknown = io();
    expect(await runReconcileCommand(["--config", "x.js", "--fast"], unknown.io)).toBe(2);
  });

  it("fails with exit code 1 on a config it cannot load or use", async () => {
    const absent = io();
    expect(
      await runReconcileCommand(["--once", "--config", "./nowhere.config.js"], absent.io),
    ).toBe(1);
    expect(absent.err.join("\n")).toMatch(/could not load \.\/nowhere\.config\.js/);
    handOff({ attempts: {} });
    const wrong = io();
    expect(await runReconcileCommand(["--once", "--config", configFile("object")], wrong.io)).toBe(
      1,
    );
    expect(wrong.err.join("\n")).toMatch(/createReconciler: dollr\.clientId is required/);
  });

  it("--once settles what is due, calls close(), and exits 0", async () => {
    r = await startReconcilerHarness();
    const ref = await r.pay();
    r.h.advance(61_000);
    const heard: SettledPayment[] = [];
    let closed = 0;
    const harness = r;
    handOff(() => ({
      dollr: { baseUrl: harness.dollrUrl, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      attempts: harness.h.attempts,
      onSettled: (payment: SettledPayment) => {
        heard.push(payment);
      },
      now: () => harness.h.simulator.control.now(),
      sleep: virtualSleep(harness.h.simulator).sleep,
      logger: { info() {}, warn() {}, error() {} },
      close: () => {
        closed += 1;
      },
    }));
    const run = io();
    expect(await runReconcileCommand(["--once", "--config", configFile("function")], run.io)).toBe(
      0,
    );
    expect(heard.map((p) => [p.referenceId, p.outcome])).toEqual([[ref, "succeeded"]]);
    expect(JSON.parse(run.out.at(-1) ?? "{}")).toMatchObject({
      msg: "reconcile.done",
      claimed: 1,
      settled: 1,
      notified: 1,
    });
    expect(closed).toBe(1);
  });

  it("without --once, runs the loop until the stop signal", async () => {
    r = await startReconcilerHarness();
    const ref = await r.pay({ phone: "231880000001" });
    const harness = r;
    let stop: () => void = () => {};
    const stopSignal = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const heard: string[] = [];
    handOff({
      dollr: { baseUrl: harness.dollrUrl, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      attempts: harness.h.attempts,
      onSettled: (payment: SettledPayment) => {
        heard.push(`${payment.referenceId} ${payment.outcome}`);
        stop();
      },
      now: () => harness.h.simulator.control.now(),
      // Each pause of the loop moves the simulated clock: the payment fails after 60 s.
      sleep: virtualSleep(harness.h.simulator).sleep,
      logger: { info() {}, warn() {}, error() {} },
    });
    const run = io(stopSignal);
    expect(await runReconcileCommand(["--config", configFile("object")], run.io)).toBe(0);
    expect(heard).toEqual([`${ref} failed`]);
    expect(run.out.at(-1)).toBe(JSON.stringify({ msg: "reconcile.stopped" }));
  });
});

describe("dollr-reconcile (the command in a child process)", () => {
  it("--once over PostgreSQL settles a payment the browser left, and exits 0", async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const db = await openDatabase({ url: database.url });
    cleanups.push(() => db.close());
    await migrate(db.client);
    r = await startReconcilerHarness({ attempts: createPostgresAttemptStore(db.client) });
    const ref = await r.pay();
    r.h.advance(61_000);

    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(here, "cli.ts"), "--once", "--config", "./cli.fixture-config.ts"],
      {
        cwd: here,
        env: {
          ...process.env,
          RECONCILE_TEST_DATABASE_URL: database.url,
          RECONCILE_TEST_DOLLR_URL: r.dollrUrl,
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    const code = await new Promise<number | null>((resolve) =>
      child.once("close", (code) => resolve(code)),
    );
    expect(code, output).toBe(0);
    expect(output).toContain(`heard ${ref} succeeded`);
    expect(output).toMatch(/"msg":"reconcile\.done".*"notified":1/);
    expect(await r.h.attempts.getAttempt(ref)).toMatchObject({
      outcome: "succeeded",
      notifiedAt: expect.any(String),
    });
  }, 30_000);
});
