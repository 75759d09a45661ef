/**
 * `pnpm --filter demo dev`: Vite's dev server with the demo's server side mounted in it — the
 * app, the proxy under /api/dollr and (in simulator mode) the simulator's /__simulator controls,
 * all on http://127.0.0.1:5173 (`PORT`, `HOST` change it). The developer controls are on here
 * (`DEMO_DEV_CONTROLS=0` turns them off); the production server has them off by default.
 */
import type { Server } from "node:http";
import path from "node:path";
import { createServer } from "vite";
import { openDemoApp } from "./app.ts";
import { devControlsWanted } from "./dev-controls.ts";
import { DEMO_ROOT, loadLocalEnv } from "./env.ts";
import { publicOriginOf } from "./public-origin.ts";
import { demoBackend } from "./vite-plugin.ts";

loadLocalEnv();
const devControls = devControlsWanted(process.env.DEMO_DEV_CONTROLS, true);
const host = process.env.HOST ?? "127.0.0.1";
const port = Number(process.env.PORT ?? 5173);
const app = await (async () =>
  openDemoApp(process.env, {
    devControls,
    publicOrigin: publicOriginOf(process.env.DEMO_PUBLIC_ORIGIN, { host, port }),
  }))().catch((error: unknown) => {
  console.error(
    `The demo could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});

const vite = await createServer({
  root: DEMO_ROOT,
  configFile: path.join(DEMO_ROOT, "vite.config.ts"),
  plugins: [demoBackend(app)],
  // PGlite writes its files in the data folder all the time: nothing there is the app's source.
  server: {
    host,
    port,
    strictPort: true,
    watch: { ignored: ["**/.data/**", "**/test-results/**"] },
  },
});
// Realtime's websocket (simulator mode) beside Vite's own hot-reload socket.
if (vite.httpServer) app.attach(vite.httpServer as Server, { refuseOthers: false });
await vite.listen();
const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
console.log(app.describe(origin).join("\n"));

// The reconciler stops, the simulator's state is saved and the database closed: the next start
// carries on where this one stopped.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void vite
    .close()
    .then(() => app.close())
    .then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`The demo did not stop cleanly: ${String(error)}`);
        process.exit(1);
      },
    );
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
