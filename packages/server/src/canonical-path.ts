/**
 * Canonical request paths. A path that a URL parser, a framework or a firewall would read as
 * another path — dot segments (`..`, `%2e%2e`), backslashes, doubled slashes, encoded slashes —
 * answers 404 before any route, so a rule that matches a prefix cannot be walked around.
 */

// Encoded dot, slash or backslash: never in a path the kit sends.
const ENCODED_SEPARATOR = /%(?:2e|2f|5c)/i;

/** Whether a path (no query) is exactly the path it normalises to, with nothing encoded away. */
export function isCanonicalPath(path: string): boolean {
  if (!path.startsWith("/") || path.includes("\\") || path.includes("//")) return false;
  if (ENCODED_SEPARATOR.test(path)) return false;
  for (const segment of path.split("/")) {
    if (segment === "." || segment === "..") return false;
  }
  return true;
}

/**
 * Whether a raw HTTP request target (`req.url` in Node: origin-form `/a/b?x`, or absolute-form
 * `http://host/a/b`) has a canonical path, and the same path a WHATWG URL parser would give it.
 */
export function isCanonicalTarget(target: string): boolean {
  let rest = target;
  const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(rest);
  if (authority) rest = rest.slice(authority[0].length) || "/";
  const end = rest.search(/[?#]/);
  const path = end === -1 ? rest : rest.slice(0, end);
  if (!isCanonicalPath(path)) return false;
  try {
    return new URL(path, "http://canonical.invalid").pathname === path;
  } catch {
    return false;
  }
}
