/**
 * A demo server (the production server, simulator mode) that a test starts and stops itself: to
 * restart it in the middle of a payment, or to run it with other deployment flags. It runs `server/start.ts` with Node and tsx, on its own
 * port and data folder; stopping sends SIGTERM, as Ctrl-C would: the demo saves and closes.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const demoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface DemoServer {
  url: string;
  /** SIGTERM, then waits for the process to end (it saves the simulator's state and closes). */
  stop(): Promise<void>;
}

export async function startDemoServer(options: {
  port: number;
  dataDir: string;
  fresh: boolean;
  /** More environment (the deployment flags); by default the developer controls are on. */
  env?: Record<string, string>;
}): Promise<DemoServer> {
  const url = `http://127.0.0.1:${options.port}`;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/start.ts"], {
    cwd: demoRoot,
    env: {
      ...process.env,
      // Always the simulator, in its own data folder.
      DOLLR_BASE_URL: "",
      DOLLR_CLIENT_ID: "",
      DOLLR_CLIENT_SECRET: "",
      DATABASE_URL: "",
      DEMO_DATA_DIR: options.dataDir,
      DEMO_FRESH_START: options.fresh ? "1" : "",
      PORT: String(options.port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "error",
      DEMO_DEV_CONTROLS: "1",
      DEMO_TRUST_PROXY: "",
      DEMO_SOURCE_MAPS: "",
      DEMO_PUBLIC_ORIGIN: "",
      DEMO_REALTIME: "",
      DEMO_REALTIME_SUBSCRIBE_MS: "",
      ...options.env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errors = "";
  child.stderr?.on("data", (chunk) => {
    errors += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  // Ready when it answers (PGlite and the migrations take a few seconds on a busy machine).
  for (let waited = 0; ; waited += 200) {
    if (child.exitCode !== null) throw new Error(`the demo server exited: ${errors}`);
    if (waited > 60_000) {
      child.kill("SIGKILL");
      throw new Error(`the demo server did not answer within 60 s: ${errors}`);
    }
    const ready = await fetch(`${url}/shop/info`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await exited;
      if (code !== 0) throw new Error(`the demo server stopped with ${code}: ${errors}`);
    },
  };
}
