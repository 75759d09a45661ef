/**
 * Which `Host` the proxy answers for (DNS rebinding). A page on `evil.example` whose name the
 * attacker points at the shop's server sends `Host: evil.example` and `Origin:
 * http://evil.example`: same-origin to the browser, so the origin check alone lets it through
 * when the proxy's own origin is read from `Host`. With `publicOrigin` (or `allowedHosts`) set,
 * a request for any other host is refused before any route, and the own origin is the
 * configured one.
 */
import { forwardedOrigin, HOST_HEADER as HOST } from "./origins.ts";

/** The resolved host policy: the host names (and `name:port`) allowed, or null for any. */
export interface HostPolicy {
  /** Lower-case `name` (any port) or `name:port` entries. */
  hosts: ReadonlySet<string>;
  /** Read the host from `X-Forwarded-Host` (its first value) when the request carries one. */
  trustProxy: boolean;
}

/** `allowedHosts` entries and `publicOrigin`'s host, checked at set-up (a TypeError otherwise). */
export function hostSet(
  publicOrigin: string | null,
  allowedHosts: readonly string[] | undefined,
  where: string,
): ReadonlySet<string> {
  const hosts = new Set<string>();
  if (publicOrigin !== null) hosts.add(new URL(publicOrigin).host);
  for (const entry of allowedHosts ?? []) {
    if (typeof entry !== "string" || !HOST.test(entry.trim())) {
      throw new TypeError(
        `${where}: allowedHosts entries are host names such as "shop.example" or "shop.example:8443", got ${JSON.stringify(entry)}`,
      );
    }
    hosts.add(entry.trim().toLowerCase());
  }
  return hosts;
}

/** The host the request was sent to: `X-Forwarded-Host` when trusted, else `Host`, else the URL's. */
export function requestHost(request: Request, url: URL, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = forwardedOrigin(request, url);
    if (forwarded !== null) return new URL(forwarded).host;
  }
  const header = request.headers.get("host");
  return (header ?? url.host).trim().toLowerCase();
}

/** Whether the request's host is allowed: listed with its port, or its name listed without one. */
export function hostAllowed(request: Request, url: URL, policy: HostPolicy): boolean {
  const host = requestHost(request, url, policy.trustProxy);
  if (!HOST.test(host)) return false;
  if (policy.hosts.has(host)) return true;
  const name = host.replace(/:\d+$/, "");
  return policy.hosts.has(name);
}
