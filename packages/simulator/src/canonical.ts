/**
 * Canonical request paths (as the kit's proxy does): a path a parser, framework or firewall
 * would read as another — dot segments (`..`, `%2e%2e`), backslashes, doubled or encoded
 * slashes — answers 404 before any route, controls included.
 */

const ENCODED_SEPARATOR = /%(?:2e|2f|5c)/i;

/** Whether a path (no query) is exactly the path it normalises to, with nothing encoded away. */
export function isCanonicalPath(path: string): boolean {
  if (!path.startsWith("/") || path.includes("\\") || path.includes("//")) return false;
  if (ENCODED_SEPARATOR.test(path)) return false;
  return path.split("/").every((segment) => segment !== "." && segment !== "..");
}

/** Whether a raw request target (Node's `req.url`) has a canonical path a URL parser keeps. */
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
