import { toNodeListener } from "@dollr-kit/server/node";
import express from "express";
import { proxy } from "./dollr-proxy.ts";

export const app = express();
// Before express.json(): the proxy reads the raw body itself. Requests outside /api/dollr go on.
// Behind a TLS-terminating load balancer: toNodeListener(proxy, { trustProxy: true }).
app.use(toNodeListener(proxy));
app.use(express.json());
app.get("/", (_request, response) => {
  response.send("the shop"); // your own routes after
});
// app.listen(3000);
