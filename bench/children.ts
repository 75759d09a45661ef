/**
 * What the benchmarks share to drive their helper processes (servers and clients started as
 * `node --import tsx bench/<script>.ts …` that talk one JSON line at a time), and a JSON call.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** A helper process and the lines it prints. */
export interface Child {
  child: ChildProcess;
  /** The next line it prints (rejects when it exits first or takes more than 2 minutes). */
  line(): Promise<string>;
  /** Gives a line back, to be the next one `line()` answers. */
  unread(line: string): void;
}

/** Starts `bench/<script>` with `args`; its stdout is read as lines, its stderr passes through. */
export function startChild(script: string, args: string[]): Child {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(here, script), ...args], {
    cwd: path.join(here, ".."),
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines: string[] = [];
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  let ended: Error | null = null;
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
    const next = waiting.shift();
    if (next) next.resolve(line);
    else lines.push(line);
  });
  child.once("exit", (code) => {
    ended = new Error(`${script} ${args.join(" ")} exited with ${code}`);
    for (const next of waiting.splice(0)) next.reject(ended);
  });
  return {
    child,
    unread: (line) => {
      lines.unshift(line);
    },
    line: () => {
      const ready = lines.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      if (ended) return Promise.reject(ended);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${script} ${args[0]}: no answer`)),
          120_000,
        );
        waiting.push({
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
      });
    },
  };
}

/** Asks a helper process to stop (end of its stdin, then SIGTERM). */
export function stopChild(child: ChildProcess): void {
  child.stdin?.end();
  child.kill("SIGTERM");
}

/** A JSON request; a non-2xx answer throws with its body. */
export async function json(url: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    ...init,
    headers: { "content-type": "application/json", ...(init.headers ?? {}) },
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${url}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * Runs `bench/<script> --json` in its own process to the end (its stderr passes through) and
 * parses the last line it prints: for measurements that take over the process's timers or
 * globals (a manual clock, a DOM).
 */
export function runJsonScript<T>(
  script: string,
  options: { timeoutMs: number; env?: NodeJS.ProcessEnv },
): T {
  const output = execFileSync(
    process.execPath,
    ["--import", "tsx", path.join(here, script), "--json"],
    {
      cwd: path.join(here, ".."),
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: path.join(here, "tsconfig.json"),
        ...options.env,
      },
      encoding: "utf8",
      timeout: options.timeoutMs,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as T;
}
