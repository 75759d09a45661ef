/** Child processes of the fixture harness: commands run to the end, and servers run until stopped. */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** The command is ended (its whole process group) after this long. */
  timeoutMs: number;
}

export interface RunResult {
  code: number | null;
  /** stdout and stderr together, as printed. */
  output: string;
  timedOut: boolean;
}

function start(command: string, args: string[], options: RunOptions): ChildProcess {
  return spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so that stopping it stops what it started too.
    detached: true,
  });
}

function endGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Runs a command to its end; never throws for a failing command (see `code`). */
export async function run(
  command: string,
  args: string[],
  options: RunOptions,
): Promise<RunResult> {
  const child = start(command, args, options);
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    endGroup(child, "SIGKILL");
  }, options.timeoutMs);
  const [code] = (await once(child, "close")) as [number | null];
  clearTimeout(timer);
  return { code, output, timedOut };
}

export interface Server {
  /** The match of `ready` in the server's output. */
  ready: RegExpMatchArray;
  output(): string;
  stop(): Promise<void>;
}

/** Starts a server and resolves once a line of its output matches `ready`. */
export async function startServer(
  command: string,
  args: string[],
  options: RunOptions & { ready: RegExp },
): Promise<Server> {
  const child = start(command, args, options);
  let output = "";
  const exited = once(child, "close");
  const stop = async () => {
    endGroup(child, "SIGTERM");
    const killer = setTimeout(() => endGroup(child, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(killer);
  };
  const ready = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${command} did not start in ${options.timeoutMs} ms:\n${output}`));
    }, options.timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = output.match(options.ready);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exited.then(([code]) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${code}) before it was ready:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { ready, output: () => output, stop };
}

/** A TCP port that was free a moment ago (for servers that cannot be told port 0). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  server.close();
  await once(server, "close");
  return port;
}

/** The last `lines` lines of a command's output, indented, for a failure report. */
export function tail(output: string, lines = 40): string {
  return output
    .trimEnd()
    .split("\n")
    .slice(-lines)
    .map((line) => `    ${line}`)
    .join("\n");
}
