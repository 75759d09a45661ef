/**
 * `dollr-kit-migrate` (bin) and `pnpm --filter @dollr-kit/server migrate`: see
 * `migrate-command.ts`.
 */
import { runMigrateCommand } from "./migrate-command.ts";

process.exitCode = await runMigrateCommand(process.argv.slice(2), {
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
