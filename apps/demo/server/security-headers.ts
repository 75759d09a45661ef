/**
 * The production server's response headers, on every answer (the app, its assets, the shop's
 * routes, the proxy): what a browser needs to keep this origin's pages and data to itself.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The app's Content-Security-Policy. Stripe.js needs its script, frames and API; realtime status
 * hints need their websocket (`connect`: e.g. `ws://127.0.0.1:4173` for the simulator's, or
 * `wss://…supabase.co`), named even when it is this origin (older browsers' `'self'` covers no
 * `ws:`); everything else comes from this origin.
 */
export function contentSecurityPolicy(connect: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self' https://js.stripe.com",
    "frame-src https://js.stripe.com https://hooks.stripe.com",
    ["connect-src 'self'", ...connect, "https://api.stripe.com"].join(" "),
    "img-src 'self' data: https://*.stripe.com",
    "style-src 'self' 'unsafe-inline'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join("; ");
}

// No powerful feature for anyone, except the Payment Request API for Stripe's frames.
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "camera=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  'payment=(self "https://js.stripe.com")',
  "usb=()",
].join(", ");

const ONE_YEAR_S = 365 * 24 * 3600;

const ALWAYS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "permissions-policy": PERMISSIONS_POLICY,
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "x-frame-options": "DENY",
};

/**
 * Whether the browser reached this server over https: a TLS socket, or (with `trustProxy`, behind
 * a TLS-terminating proxy that overwrites it) `X-Forwarded-Proto: https`.
 */
export function servedOverHttps(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted === true) return true;
  if (!trustProxy) return false;
  const forwarded = req.headers["x-forwarded-proto"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return first?.toLowerCase() === "https";
}

/** Sets the headers every answer carries (HSTS over https only: never on plain http). */
export function setSecurityHeaders(
  req: IncomingMessage,
  res: ServerResponse,
  options: { trustProxy: boolean },
): void {
  for (const [name, value] of Object.entries(ALWAYS)) res.setHeader(name, value);
  if (servedOverHttps(req, options.trustProxy)) {
    res.setHeader("strict-transport-security", `max-age=${ONE_YEAR_S}; includeSubDomains`);
  }
}
