/**
 * `dollr-reconcile`: the reconciler as a command for schedulers.
 *
 *   dollr-reconcile --once --config ./reconciler.config.js     # cron, serverless
 *   dollr-reconcile --config ./reconciler.config.js            # a worker, until SIGINT/SIGTERM
 *
 * In this repository: `pnpm --filter @dollr-kit/server reconcile -- --once --config …`.
 */
import { runReconcileCommand } from "./command.ts";

const stopSignal = new Promise<void>((resolve) => {
  process.once("SIGINT", () => resolve());
  process.once("SIGTERM", () => resolve());
});

const code = await runReconcileCommand(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  cwd: process.cwd(),
  stopSignal,
});
process.exitCode = code;
// A config that keeps a handle open (a pool without close()) must not keep a cron job alive.
setTimeout(() => process.exit(code), 2_000).unref();
