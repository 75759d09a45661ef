/**
 * How to reach Dollr, as the proxy and the reconciler both take it: the merchant's credentials,
 * Dollr's base URL, and a transport (or `fetch`). Checked once, the same way for both.
 */
import type { DollrKitError } from "@dollr-kit/core/internal";
import { type DollrFetch, type DollrTransport, fetchTransport, globalFetch } from "./transport.ts";

/** Dollr's production API. */
export const DOLLR_API_BASE_URL = "https://api.heydollr.app";

/** What the caller gave. */
export interface DollrAccessOptions {
  dollr: { baseUrl?: string; clientId: string; clientSecret: string };
  fetch?: DollrFetch;
  transport?: DollrTransport;
}

/** The same, checked, with the defaults filled in. */
export interface DollrAccess {
  dollr: { baseUrl: string; clientId: string; clientSecret: string };
  transport: DollrTransport;
}

/** Checks and completes how to reach Dollr; `misconfigured` makes the caller's error. */
export function resolveDollrAccess(
  options: DollrAccessOptions,
  misconfigured: (message: string) => DollrKitError,
): DollrAccess {
  const { dollr } = options;
  if (!dollr || typeof dollr.clientId !== "string" || dollr.clientId === "") {
    throw misconfigured("dollr.clientId is required");
  }
  if (typeof dollr.clientSecret !== "string" || dollr.clientSecret === "") {
    throw misconfigured("dollr.clientSecret is required");
  }
  const baseUrl = dollr.baseUrl ?? DOLLR_API_BASE_URL;
  if (!URL.canParse(baseUrl)) throw misconfigured("dollr.baseUrl is not a URL");
  if (options.fetch !== undefined && options.transport !== undefined) {
    throw misconfigured("pass fetch or transport, not both");
  }
  if (options.transport !== undefined && typeof options.transport.exchange !== "function") {
    throw misconfigured("transport must have an exchange method (see createNodeTransport)");
  }
  return {
    dollr: { baseUrl, clientId: dollr.clientId, clientSecret: dollr.clientSecret },
    transport: options.transport ?? fetchTransport(options.fetch ?? globalFetch),
  };
}
