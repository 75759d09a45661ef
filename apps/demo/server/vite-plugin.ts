import type { Plugin } from "vite";
import type { DemoApp } from "./app.ts";

/**
 * Mounts the demo's server side (proxy, shop routes, simulator controls) in Vite's dev server,
 * before Vite's own middleware, so the app and its API share one origin.
 */
export function demoBackend(app: DemoApp): Plugin {
  return {
    name: "dollr-demo-backend",
    configureServer(server) {
      server.middlewares.use(app.middleware);
    },
  };
}
