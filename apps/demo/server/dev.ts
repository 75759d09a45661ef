/**
 * `pnpm --filter demo dev`: Vite's dev server with the demo's server side mounted in it — the
 * app, the proxy under /api/dollr and (in simulator mode) the simulator's /__simulator controls,
 * all on http://127.0.0.1:5173 (`PORT`, `HOST` change it).
 */
import path from "node:path";
import { createServer } from "vite";
import { createDemoApp } from "./app.ts";
import { DEMO_ROOT, loadLocalEnv } from "./env.ts";
import { demoBackend } from "./vite-plugin.ts";

loadLocalEnv();
const app = createDemoApp(process.env);
const host = process.env.HOST ?? "127.0.0.1";
const port = Number(process.env.PORT ?? 5173);

const vite = await createServer({
  root: DEMO_ROOT,
  configFile: path.join(DEMO_ROOT, "vite.config.ts"),
  plugins: [demoBackend(app)],
  server: { host, port, strictPort: true },
});
await vite.listen();
const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
console.log(app.describe(origin).join("\n"));

const stop = () => {
  void vite.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
