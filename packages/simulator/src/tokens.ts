// Access tokens: JWT-shaped strings the simulator remembers with an expiry on its own clock.
import { HttpError } from "./errors.ts";
import type { World } from "./router.ts";

function base64Url(text: string): string {
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomHex(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return [...buffer].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Issues a token that lives `tokenTtlMinutes` of simulator time. */
export function issueToken(world: World): { access_token: string; expires_in: number } {
  const now = world.now();
  const minutes = world.config.tokenTtlMinutes;
  const expiresAt = now + minutes * 60_000;
  const header = base64Url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const claims = base64Url(
    JSON.stringify({
      sub: world.config.clientId,
      iat: Math.floor(now / 1000),
      exp: Math.floor(expiresAt / 1000),
      iss: "dollr-simulator",
    }),
  );
  // Random, so a token from an earlier simulator run is never valid in this one.
  const token = `${header}.${claims}.${base64Url(randomHex(24))}`;
  world.store.tokens.set(token, { expires_at: expiresAt });
  return { access_token: token, expires_in: minutes };
}

/** Checks `Authorization: Bearer …` the way FastAPI's HTTPBearer + a JWT check answer. */
export function requireBearer(world: World, request: Request): void {
  const header = request.headers.get("authorization");
  const match = header === null ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new HttpError(401, "Not authenticated", { "www-authenticate": "Bearer" });
  const token = world.store.tokens.get(match[1] as string);
  if (!token || world.now() >= token.expires_at)
    throw new HttpError(401, "Could not validate credentials", { "www-authenticate": "Bearer" });
}
