/**
 * Reads `apps/demo/.env.local` when it exists (git-ignored), so credentials for real-Dollr mode
 * can live in a file instead of the shell history. Variables already set win.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const DEMO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function loadLocalEnv(): void {
  const file = path.join(DEMO_ROOT, ".env.local");
  if (existsSync(file)) process.loadEnvFile(file);
}
