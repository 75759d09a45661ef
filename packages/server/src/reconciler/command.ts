/**
 * The `dollr-reconcile` command, as a function (the bin in `cli.ts` wires it to the process):
 * loads the merchant's config module, then runs passes once (`--once`, for cron and serverless
 * schedulers) or until told to stop. Node only; never imported by the main entry.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { describeError } from "../logging.ts";
import type { ReconcilerOptions } from "./options.ts";
import { createReconciler } from "./reconciler.ts";

export const USAGE = `Usage: dollr-reconcile --config <file> [--once]

Follows up every unsettled Dollr payment in your attempt store, stores its outcome and calls
your onSettled hook (Dollr has no webhooks).

  --config <file>  a JavaScript module whose default export is createReconciler's options, or
                   a function (async or not) returning them; an optional close() among them is
                   called before the command ends (e.g. to end a database pool)
  --once           run passes until nothing is due now, then exit: for cron and serverless
                   schedulers. Without it, run until SIGINT or SIGTERM
  -h, --help       this text

Exit codes: 0 done, 1 failed (config, store, Dollr), 2 bad usage.
`;

/** A config module's options, with an optional `close`. */
export type ReconcileConfig = ReconcilerOptions & { close?: () => void | Promise<void> };

export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
  /** Where a relative `--config` is resolved from. */
  cwd: string;
  /** Resolves when the loop (without `--once`) should stop: SIGINT/SIGTERM in the bin. */
  stopSignal: Promise<unknown>;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv[0] === "--" ? argv.slice(1) : argv,
    options: {
      config: { type: "string", short: "c" },
      once: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}

async function loadConfig(file: string, cwd: string): Promise<ReconcileConfig> {
  const module = (await import(pathToFileURL(resolve(cwd, file)).href)) as { default?: unknown };
  const exported = module.default;
  const config = typeof exported === "function" ? await exported() : exported;
  if (typeof config !== "object" || config === null) {
    throw new Error(
      `${file} must export default the reconciler's options (or a function returning them)`,
    );
  }
  return config as ReconcileConfig;
}

/** Runs the command; answers its exit code. */
export async function runReconcileCommand(argv: string[], io: CommandIo): Promise<number> {
  let values: ReturnType<typeof parse>;
  try {
    values = parse(argv);
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (!values.config) {
    io.err(`--config is required\n\n${USAGE}`);
    return 2;
  }
  let config: ReconcileConfig;
  try {
    config = await loadConfig(values.config, io.cwd);
  } catch (error) {
    io.err(`dollr-reconcile: could not load ${values.config}: ${(error as Error).message}`);
    return 1;
  }
  const { close, ...options } = config;
  try {
    const reconciler = createReconciler(options);
    if (values.once) {
      const total = await reconciler.runUntilIdle();
      io.out(JSON.stringify({ msg: "reconcile.done", ...total }));
    } else {
      reconciler.start();
      await io.stopSignal;
      await reconciler.stop();
      io.out(JSON.stringify({ msg: "reconcile.stopped" }));
    }
    return 0;
  } catch (error) {
    const { error_name, error_message } = describeError(error);
    io.err(`dollr-reconcile: ${error_name}: ${error_message}`);
    return 1;
  } finally {
    try {
      await close?.();
    } catch (error) {
      io.err(`dollr-reconcile: close() failed: ${describeError(error).error_message}`);
    }
  }
}
