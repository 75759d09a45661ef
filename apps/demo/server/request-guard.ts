/**
 * Same-origin checks for the demo's own routes (the shop's writes, the developer controls): a
 * request another site's page makes is refused, whatever it sends.
 *
 * - `Origin`, when sent (browsers send it on every write and on every cross-origin fetch), must
 *   be this server's own origin, as the request URL has it (`https://…` behind a trusted proxy);
 * - `Sec-Fetch-Site`, when sent, must be `same-origin` (or `none`: typed in the address bar).
 *
 * A client that is not a browser (curl, the e2e tests' API client) sends neither.
 */
import { JSON_TYPE } from "./json-body.ts";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function isWrite(request: Request): boolean {
  return WRITES.has(request.method.toUpperCase());
}

/** True when another site's page made this request. */
export function isCrossSite(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== new URL(request.url).origin) return true;
  const site = request.headers.get("sec-fetch-site");
  return site !== null && site !== "same-origin" && site !== "none";
}

/** For a write: true unless it says it is JSON (a form or `text/plain` is never one of ours). */
export function isNonJsonWrite(request: Request): boolean {
  return isWrite(request) && !JSON_TYPE.test(request.headers.get("content-type") ?? "");
}
