/** publint (strict) and `attw --profile esm-only` on a packed package. */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { ROOT } from "./pack.ts";

const run = promisify(execFile);

/**
 * Entries attw is told to skip, with the reason. `styles.css` is a stylesheet for bundlers
 * (`import "@dollr-kit/react/styles.css"`): there are no types to resolve for it.
 */
export const ATTW_EXCLUDED: Readonly<Record<string, readonly string[]>> = {
  "@dollr-kit/react": ["./styles.css"],
};

/** Every publint message (suggestions included, warnings as errors), formatted. */
export async function publintMessages(tarball: string): Promise<string[]> {
  const data = readFileSync(tarball);
  const result = await publint({
    pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
    strict: true,
    level: "suggestion",
  });
  return result.messages.map(
    (message) =>
      `${message.type}: ${formatMessage(message, result.pkg, { color: false }) ?? message.code}`,
  );
}

/** attw's table when an entry has a problem under the ESM-only profile, or null. */
export async function attwProblems(tarball: string, name: string): Promise<string | null> {
  const excluded = ATTW_EXCLUDED[name] ?? [];
  const args = [
    tarball,
    "--profile",
    "esm-only",
    "--no-definitely-typed",
    "--no-color",
    "--no-emoji",
    "--format",
    "ascii",
    ...(excluded.length > 0 ? ["--exclude-entrypoints", ...excluded] : []),
  ];
  try {
    await run(path.join(ROOT, "node_modules/.bin/attw"), args, { maxBuffer: 16 * 1024 * 1024 });
    return null;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    return `${stdout ?? ""}${stderr ?? ""}`.trim() || String(error);
  }
}
