// An event the merchant's logger would drop is never built or redacted: the request path pays
// nothing for debug lines under a `warn` logger. What is logged is still redacted.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createConsoleLogger,
  createSafeLogger,
  type LogFields,
  type LogLevel,
  type ProxyLogger,
} from "./logging.ts";
import * as redaction from "./redaction.ts";
import { CLIENT_SECRET, type Harness, newReferenceId, startHarness } from "./test-support.ts";

// The log-only redaction (`redactLogText`, every message passes through it) made observable; the
// real function still runs.
vi.mock("./redaction.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("./redaction.ts")>();
  return { ...real, redactLogText: vi.fn(real.redactLogText) };
});
const redactLogText = vi.mocked(redaction.redactLogText);

/** A console that keeps its lines, and fields that count how often redaction reads them. */
function probe() {
  const lines: string[] = [];
  const out = {
    log: (line: string) => lines.push(line),
    warn: (line: string) => lines.push(line),
    error: (line: string) => lines.push(line),
  };
  const secrets = vi.fn(() => ({ secrets: [CLIENT_SECRET] }));
  let reads = 0;
  const fields = (): LogFields => ({
    get note() {
      reads += 1;
      return `secret ${CLIENT_SECRET}, phone 231880000000`;
    },
  });
  return { lines, console: out, secrets, fields, reads: () => reads };
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  redactLogText.mockClear();
});

describe("log levels", () => {
  it("does not redact (or even read) an event below the console logger's level", () => {
    const p = probe();
    const log = createSafeLogger(
      createConsoleLogger({ level: "warn", console: p.console }),
      p.secrets,
    );
    expect(log.enabled("debug")).toBe(false);
    expect(log.enabled("info")).toBe(false);
    log.debug("dollr.call", p.fields());
    log.info("proxy.request", p.fields());
    expect(p.secrets).not.toHaveBeenCalled();
    expect(p.reads()).toBe(0);
    expect(redactLogText).not.toHaveBeenCalled();
    expect(p.lines).toEqual([]);

    // At and above the level: redacted, as ever.
    expect(log.enabled("warn")).toBe(true);
    log.warn("execute.ambiguous", p.fields());
    expect(p.secrets).toHaveBeenCalledTimes(1);
    expect(p.reads()).toBe(1);
    expect(p.lines).toHaveLength(1);
    expect(JSON.parse(p.lines[0] as string)).toMatchObject({
      level: "warn",
      msg: "execute.ambiguous",
      note: "secret [redacted], phone *********000",
    });
  });

  it("asks a merchant's logger with isLevelEnabled before redacting anything", () => {
    const p = probe();
    const seen: LogLevel[] = [];
    const sink = (level: LogLevel) => () => {
      seen.push(level);
    };
    const logger: ProxyLogger = {
      isLevelEnabled: (level) => level !== "debug",
      debug: sink("debug"),
      info: sink("info"),
      warn: sink("warn"),
      error: sink("error"),
    };
    const log = createSafeLogger(logger, p.secrets);
    log.debug("dollr.call", p.fields());
    expect(p.secrets).not.toHaveBeenCalled();
    expect(p.reads()).toBe(0);
    log.info("proxy.request", p.fields());
    expect(seen).toEqual(["info"]);
    expect(p.secrets).toHaveBeenCalledTimes(1);
  });

  it("keeps loggers without isLevelEnabled as they were: no debug method, no debug events", () => {
    const p = probe();
    const events: [string, LogFields][] = [];
    const keep = (message: string, fields: LogFields) => {
      events.push([message, fields]);
    };
    const log = createSafeLogger({ info: keep, warn: keep, error: keep }, p.secrets);
    expect(log.enabled("debug")).toBe(false);
    log.debug("dollr.call", p.fields());
    expect(p.secrets).not.toHaveBeenCalled();
    expect(p.reads()).toBe(0);
    log.info("proxy.request", p.fields());
    expect(events).toEqual([["proxy.request", { note: "secret [redacted], phone *********000" }]]);
  });

  it("logs (redacted) when isLevelEnabled throws", () => {
    const p = probe();
    const events: LogFields[] = [];
    const log = createSafeLogger(
      {
        isLevelEnabled: () => {
          throw new Error("broken");
        },
        info: (_message, fields) => {
          events.push(fields);
        },
        warn() {},
        error() {},
      },
      p.secrets,
    );
    log.info("proxy.request", p.fields());
    expect(events).toEqual([{ note: "secret [redacted], phone *********000" }]);
  });

  it("a status read through the proxy redacts no log line under the default warn logger", async () => {
    const lines: string[] = [];
    const out = { log: (l: string) => lines.push(l), warn: () => {}, error: () => {} };
    h = await startHarness({
      proxy: { logger: createConsoleLogger({ level: "warn", console: out }) },
    });
    const source = await h.source();
    const body = {
      session_id: await h.session("alice", source),
      payment_account_id: await h.wallet(),
      currency: "USD",
      reference_id: newReferenceId(),
    };
    expect((await h.call("POST", "/v1/executions/collection", { json: body })).status).toBe(200);
    redactLogText.mockClear();

    const read = await h.call("GET", `/v1/status/collection/${body.reference_id}`);
    expect(read.status).toBe(200);
    expect(redactLogText).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
  });

  it("the same read under a debug logger redacts and writes each of its lines", async () => {
    const lines: string[] = [];
    const out = { log: (l: string) => lines.push(l), warn: () => {}, error: () => {} };
    h = await startHarness({
      proxy: { logger: createConsoleLogger({ level: "debug", console: out }) },
    });
    const source = await h.source();
    const body = {
      session_id: await h.session("alice", source),
      payment_account_id: await h.wallet(),
      currency: "USD",
      reference_id: newReferenceId(),
    };
    await h.call("POST", "/v1/executions/collection", { json: body });
    lines.length = 0;
    redactLogText.mockClear();

    await h.call("GET", `/v1/status/collection/${body.reference_id}`);
    const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toEqual(["dollr.call", "proxy.request"]);
    // One redaction per message at least (fields' strings go through it too).
    expect(redactLogText.mock.calls.length).toBeGreaterThanOrEqual(lines.length);
    for (const line of lines) expect(line).not.toContain(CLIENT_SECRET);
  });
});
