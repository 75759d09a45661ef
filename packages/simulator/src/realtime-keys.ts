// Realtime keys: HS256 JWTs like the ones Dollr hands out for Supabase Realtime, signed with Web
// Crypto (the handler runs in browsers too, so no node:crypto). The simulator signs them for
// `POST /v1/realtime-keys/collection`; the simulator's realtime server verifies them.

/** The claims of a realtime key. Times are seconds since the epoch, as JWTs count them. */
export interface RealtimeClaims {
  /** Supabase Realtime wants a database role; Dollr's keys are for signed-in clients. */
  role: "authenticated";
  iat: number;
  exp: number;
  session_id: number;
  reference_id: string;
  source_type: string;
}

export type RealtimeTokenCheck =
  | { ok: true; claims: RealtimeClaims }
  | { ok: false; reason: "malformed" | "signature" | "expired" };

const encoder = new TextEncoder();
const HEADER = { alg: "HS256", typ: "JWT" };

function base64UrlFromBytes(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function bytesFromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const padded = text.replace(/-/g, "+").replace(/_/g, "/");
  try {
    const binary = atob(padded + "=".repeat((4 - (padded.length % 4)) % 4));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

function encodeJson(value: unknown): string {
  return base64UrlFromBytes(encoder.encode(JSON.stringify(value)));
}

function hmacKey(secret: string): Promise<CryptoKey> {
  if (secret === "") throw new RangeError("a realtime JWT secret must not be empty");
  return crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign", "verify"],
  );
}

/** The secret a simulator signs with: the one given (a non-empty string), else 32 random bytes. */
export function realtimeSecretFrom(given: string | undefined): string {
  if (given !== undefined) {
    if (typeof given !== "string" || given === "")
      throw new RangeError("realtimeJwtSecret must be a non-empty string");
    return given;
  }
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return base64UrlFromBytes(bytes);
}

/** Signs `claims` as an HS256 JWT with `secret` (its UTF-8 bytes are the key, as Supabase's are). */
export async function signRealtimeToken(secret: string, claims: RealtimeClaims): Promise<string> {
  const signingInput = `${encodeJson(HEADER)}.${encodeJson(claims)}`;
  const signature = await crypto.subtle.sign(
    "HMAC",
    await hmacKey(secret),
    encoder.encode(signingInput),
  );
  return `${signingInput}.${base64UrlFromBytes(new Uint8Array(signature))}`;
}

function readJson(part: string): unknown {
  const bytes = bytesFromBase64Url(part);
  if (!bytes) return undefined;
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

function isClaims(value: unknown): value is RealtimeClaims {
  if (typeof value !== "object" || value === null) return false;
  const claims = value as Record<string, unknown>;
  return (
    claims.role === "authenticated" &&
    Number.isSafeInteger(claims.iat) &&
    Number.isSafeInteger(claims.exp) &&
    Number.isSafeInteger(claims.session_id) &&
    typeof claims.reference_id === "string" &&
    typeof claims.source_type === "string"
  );
}

/**
 * Checks a realtime key: HS256 only, a valid signature (compared by Web Crypto), the claims'
 * shape, and `exp` against `nowMs` (pass the simulator's `control.now()`: its clock can be
 * moved). Never throws for a bad token; says why it was refused.
 */
export async function verifyRealtimeToken(
  secret: string,
  token: string,
  nowMs: number = Date.now(),
): Promise<RealtimeTokenCheck> {
  const parts = typeof token === "string" ? token.split(".") : [];
  if (parts.length !== 3) return { ok: false, reason: "malformed" };
  const [header, payload, signature] = parts as [string, string, string];
  const headerJson = readJson(header) as { alg?: unknown; typ?: unknown } | undefined;
  const signatureBytes = bytesFromBase64Url(signature);
  if (headerJson?.alg !== HEADER.alg || !signatureBytes) return { ok: false, reason: "malformed" };
  const valid = await crypto.subtle.verify(
    "HMAC",
    await hmacKey(secret),
    signatureBytes,
    encoder.encode(`${header}.${payload}`),
  );
  if (!valid) return { ok: false, reason: "signature" };
  const claims = readJson(payload);
  if (!isClaims(claims)) return { ok: false, reason: "malformed" };
  if (nowMs >= claims.exp * 1000) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}
