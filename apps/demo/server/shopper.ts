/**
 * Who the shopper is. The demo has no sign-in: each browser gets a random shopper id in a
 * cookie on its first request, and that id is the customer for the shop's orders and for the
 * kit's proxy (saved payment methods, attempts). A real shop reads its own session here.
 *
 * The cookie's value is a bearer secret (128 random bits, HttpOnly). The shopper id the shop and
 * the proxy use (and log) is derived from it and cannot be turned back into it. Two devices are
 * the same shopper only when they carry the same cookie (a sign-in would do that in a real shop).
 */
import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export const SHOPPER_COOKIE = "kola_shopper";
const SHOPPER_ID = /^[A-Za-z0-9_-]{22,64}$/;
const ONE_YEAR_S = 365 * 24 * 3600;

/** The shopper cookie's value in a `Cookie` header, or null. */
function cookieValue(header: string | null | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name !== SHOPPER_COOKIE) continue;
    const value = rest.join("=");
    return SHOPPER_ID.test(value) ? value : null;
  }
  return null;
}

/** The shopper of a request to a fetch handler (the cookie is set by `ensureShopper`), or null. */
export function shopperOf(request: Request): string | null {
  const secret = cookieValue(request.headers.get("cookie"));
  if (secret === null) return null;
  return `shopper-${createHash("sha256").update(secret).digest("base64url").slice(0, 22)}`;
}

/**
 * Gives a request without a shopper cookie a new shopper: the cookie is set on the response, and
 * added to the request itself so that whatever answers it already sees that shopper.
 */
export function ensureShopper(req: IncomingMessage, res: ServerResponse): void {
  if (cookieValue(req.headers.cookie) !== null) return;
  const id = randomBytes(16).toString("base64url");
  req.headers.cookie = req.headers.cookie
    ? `${req.headers.cookie}; ${SHOPPER_COOKIE}=${id}`
    : `${SHOPPER_COOKIE}=${id}`;
  // Not `Secure`: the demo runs on plain http://127.0.0.1. A real shop on https adds it.
  res.setHeader(
    "set-cookie",
    `${SHOPPER_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${ONE_YEAR_S}`,
  );
}
