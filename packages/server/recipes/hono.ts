import { toHonoHandler } from "@dollr-kit/server";
import { Hono } from "hono";
import { proxy } from "./dollr-proxy.ts";

export const app = new Hono();
// The full path with app.all (app.mount would strip the prefix the proxy matches on).
// Behind a TLS-terminating load balancer: toHonoHandler(proxy, { trustProxy: true }).
app.all("/api/dollr/*", toHonoHandler(proxy));
app.get("/", (c) => c.text("the shop")); // your own routes
// serve({ fetch: app.fetch, port: 3000 }) from @hono/node-server, or `export default app`
