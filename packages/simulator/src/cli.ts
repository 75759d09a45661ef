// dollr-simulator: runs the simulator as an HTTP server until SIGINT or SIGTERM.
import { parseArgs } from "node:util";
import { readSnapshotFile, saveSnapshotOnChange, startSimulatorServer } from "./node.ts";
import { SUCCESS_WORDS, type SuccessWord } from "./options.ts";
import { VALIDATION_MODES, type ValidationMode } from "./validation.ts";

const usage = `Usage: dollr-simulator [options]

  --port <n>            port to listen on (default 4010; 0 picks a free one)
  --host <host>         address to bind (default 127.0.0.1)
  --processing-ms <n>   how long mobile money stays PROCESSING (default 90000)
  --success-word <w>    the word of a successful payment: COMPLETED (default), SUCCESSFUL,
                        SUCCESS, SUCCEEDED or PAID
  --validation <mode>   strict (default: exactly the documented JSON) or lax (as FastAPI:
                        unknown fields ignored, "12" for 12, enum words in any case)
  --client-id <id>      accepted client_id (default sim_client_id)
  --client-secret <s>   accepted client_secret (default sim_client_secret)
  --session-ttl-ms <n>  life of a session (default 900000)
  --passcode <code>     payout passcode (default 123456)
  --state <file>        keep the records in this JSON file: start from it when it exists,
                        save to it after changes and on exit (default: memory only)
  -h, --help            show this help`;

function fail(message: string): never {
  console.error(`dollr-simulator: ${message}\n\n${usage}`);
  process.exit(2);
}

function whole(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) fail(`--${name} must be a whole number, got "${value}"`);
  return Number(value);
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "processing-ms": { type: "string" },
        "success-word": { type: "string" },
        validation: { type: "string" },
        "client-id": { type: "string" },
        "client-secret": { type: "string" },
        "session-ttl-ms": { type: "string" },
        passcode: { type: "string" },
        state: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const text = (name: string) => values[name] as string | undefined;
  const successWord = text("success-word");
  if (successWord !== undefined && !SUCCESS_WORDS.includes(successWord as SuccessWord))
    fail(`--success-word must be one of ${SUCCESS_WORDS.join(", ")}`);
  const validation = text("validation");
  if (validation !== undefined && !VALIDATION_MODES.includes(validation as ValidationMode))
    fail(`--validation must be one of ${VALIDATION_MODES.join(", ")}`);
  const port = whole("port", text("port")) ?? 4010;
  if (port > 65_535) fail("--port must be at most 65535");

  const stateFile = text("state");
  let state: ReturnType<typeof readSnapshotFile> = null;
  if (stateFile !== undefined) {
    try {
      state = readSnapshotFile(stateFile);
    } catch (error) {
      fail(`--state ${stateFile}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const server = await startSimulatorServer({
    ...(state ? { state } : {}),
    port,
    host: text("host") ?? "127.0.0.1",
    processingMs: whole("processing-ms", text("processing-ms")),
    sessionTtlMs: whole("session-ttl-ms", text("session-ttl-ms")),
    successWord: successWord as SuccessWord | undefined,
    validation: validation as ValidationMode | undefined,
    clientId: text("client-id"),
    clientSecret: text("client-secret"),
    payoutPasscode: text("passcode"),
  });
  const saver = stateFile === undefined ? null : saveSnapshotOnChange(server.handler, stateFile);
  const config = server.handler.control.config();
  console.log(`Dollr simulator listening on ${server.url}`);
  console.log(
    `  client_id=${config.clientId} client_secret=${config.clientSecret} processing=${config.processingMs}ms success=${config.successWord} validation=${config.validation}`,
  );
  console.log(`  controls: ${server.url}/__simulator (ledger, clock, faults, sources, reset)`);
  if (stateFile !== undefined) {
    console.log(`  state: ${stateFile} (${state ? "loaded" : "new"})`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`dollr-simulator: ${signal}, stopping`);
    saver?.close();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(
    "dollr-simulator: could not start:",
    error instanceof Error ? error.message : error,
  );
  process.exit(1);
});
