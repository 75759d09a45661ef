/**
 * `pnpm --filter demo start`: the production server. Serves the built app (`dist/`, from
 * `pnpm --filter demo build`) and the same server routes as the dev server, with node:http.
 * http://127.0.0.1:4173 by default (`PORT`, `HOST` change it).
 *
 * Safe to deploy by default: the developer controls are off unless `DEMO_DEV_CONTROLS=1`; source
 * maps are served only with `DEMO_SOURCE_MAPS=1`; `DEMO_TRUST_PROXY=1` behind a TLS-terminating
 * proxy that sets `X-Forwarded-Proto` (then HSTS is sent, and same-origin checks see https).
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { createLimitedServer } from "@dollr-kit/server/node";
import { openDemoApp } from "./app.ts";
import { devControlsWanted } from "./dev-controls.ts";
import { DEMO_ROOT, loadLocalEnv } from "./env.ts";
import { publicOriginOf } from "./public-origin.ts";
import { setSecurityHeaders } from "./security-headers.ts";

loadLocalEnv();
const dist = path.join(DEMO_ROOT, "dist");
if (!existsSync(path.join(dist, "index.html"))) {
  console.error("No build found in apps/demo/dist. Run `pnpm --filter demo build` first.");
  process.exit(1);
}

const devControls = devControlsWanted(process.env.DEMO_DEV_CONTROLS, false);
const trustProxy = process.env.DEMO_TRUST_PROXY === "1";
const sourceMaps = process.env.DEMO_SOURCE_MAPS === "1";
const host = process.env.HOST ?? "127.0.0.1";
const port = Number(process.env.PORT ?? 4173);
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

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
  ".map": "application/json; charset=utf-8",
};

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(text);
}

function serveStatic(req: IncomingMessage, res: ServerResponse): void {
  const method = (req.method ?? "GET").toUpperCase();
  if (method !== "GET" && method !== "HEAD") {
    res.setHeader("allow", "GET, HEAD");
    send(res, 405, "Method not allowed");
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
  } catch {
    send(res, 400, "Bad request");
    return;
  }
  const file = path.resolve(dist, `.${pathname}`);
  // Source maps (built "hidden": no comment points at them) only when asked for.
  const hiddenMap = !sourceMaps && path.extname(pathname) === ".map";
  if (hiddenMap || (file !== dist && !file.startsWith(`${dist}${path.sep}`))) {
    send(res, 404, "Not found");
    return;
  }
  let target = file;
  const isFile = existsSync(target) && statSync(target).isFile();
  if (!isFile) {
    // Client-side routes (/checkout/…, /receipt/…) get the app; missing assets get a 404.
    if (path.extname(pathname) !== "") {
      send(res, 404, "Not found");
      return;
    }
    target = path.join(dist, "index.html");
  }
  const ext = path.extname(target);
  const headers: Record<string, string | number> = {
    "content-type": TYPES[ext] ?? "application/octet-stream",
    "content-length": statSync(target).size,
  };
  if (sourceMaps && ext === ".js" && existsSync(`${target}.map`)) {
    headers.sourcemap = `${path.basename(target)}.map`;
  }
  if (ext === ".html") {
    headers["cache-control"] = "no-cache";
    headers["content-security-policy"] = app.contentSecurityPolicy;
  } else if (pathname.startsWith("/assets/")) {
    headers["cache-control"] = "public, max-age=31536000, immutable";
  }
  res.writeHead(200, headers);
  if (method === "HEAD") {
    res.end();
    return;
  }
  createReadStream(target)
    .on("error", () => res.destroy())
    .pipe(res);
}

// Header, request and keep-alive deadlines and a connection cap: a slow client cannot hold the
// server's sockets (the proxy's own defaults, `DEFAULT_SERVER_LIMITS`).
const server = createLimitedServer((req, res) => {
  setSecurityHeaders(req, res, { trustProxy });
  app.middleware(req, res, (error?: unknown) => {
    if (error) {
      send(res, 500, "Internal error");
      return;
    }
    serveStatic(req, res);
  });
});

// Realtime's websocket (simulator mode); this server has no other.
app.attach(server, { refuseOthers: true });

server.listen(port, host, () => {
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  console.log(app.describe(origin).join("\n"));
});

// Stop taking requests, then stop the reconciler, save the simulator's state and close the
// database, so the next start carries on where this one stopped.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.close(() => {
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`The demo did not stop cleanly: ${String(error)}`);
        process.exit(1);
      },
    );
  });
  server.closeAllConnections();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
