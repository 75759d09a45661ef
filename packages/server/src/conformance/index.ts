/**
 * The proxy conformance suite: points at any merchant proxy (in any language) and checks that
 * it keeps the contract — the allow-list, origin and auth refusals, validation, ownership,
 * idempotent execute, error shapes, and no secrets in answers.
 *
 * Data: in front of the simulator (its `/__simulator/...` controls answer on the proxy's origin,
 * or at `simulatorUrl`), the suite makes its own sources and may execute test payments. Against
 * a proxy in front of the real Dollr, give fixtures, and executes run only with `allowExecute`
 * (they would move real money: use a staging account).
 */
import type { SourceRef } from "@dollr-kit/core/internal";
import {
  CHECKS,
  type CheckContext,
  CheckFailure,
  CheckSkipped,
  type ConformanceFixtures,
  type SimulatorAccess,
} from "./checks.ts";
import { createProbe } from "./probe.ts";

export {
  runStoreConformance,
  STORE_CASES,
  type StoreCase,
  type StoreFactory,
  type StoreFixture,
} from "../stores/conformance.ts";
export { CHECKS, CheckFailure, CheckSkipped, type ConformanceFixtures } from "./checks.ts";

/** Options of `runConformance`. */
export interface ConformanceOptions {
  /** The proxy's base URL, e.g. `http://127.0.0.1:4020/api/dollr`. */
  url: string;
  /** Headers that sign in the test customer (a cookie, a bearer). Default none. */
  headers?: Record<string, string>;
  /** Headers that sign in a second customer; enables the cross-customer checks. */
  otherHeaders?: Record<string, string>;
  /**
   * Headers of a request that is not signed in. Default: no headers, unless `headers` is empty
   * too (then the 401 check is skipped).
   */
  unauthenticatedHeaders?: Record<string, string>;
  /** Where the simulator's controls are (default: the proxy's origin, when they answer there). */
  simulatorUrl?: string | null;
  /** Data for a proxy that is not in front of the simulator. */
  fixtures?: ConformanceFixtures;
  /** Execute payments even without the simulator (never against production). */
  allowExecute?: boolean;
  /** Set when the proxy has payout routes on (then they are not expected to answer 404). */
  payoutsEnabled?: boolean;
  /**
   * The shop's public origin, e.g. `https://shop.example`: enables the check that a request for
   * another `Host` is refused (the proxy's `publicOrigin`/`allowedHosts`).
   */
  publicOrigin?: string;
  /** Strings that must never appear in an answer (the client secret, …). */
  forbiddenStrings?: string[];
  /** Only these check ids (default all). */
  only?: string[];
  fetch?: typeof fetch;
  /** Per request, default 15 000 ms. */
  timeoutMs?: number;
  /** Called after each check (for progress output). */
  onResult?: (result: ConformanceResult) => void;
}

/** The outcome of one check. */
export interface ConformanceResult {
  id: string;
  title: string;
  status: "pass" | "fail" | "skip";
  /** Why it failed or was skipped. */
  detail?: string;
}

/** The outcome of a run. */
export interface ConformanceReport {
  /** True when no check failed. */
  ok: boolean;
  passed: number;
  failed: number;
  skipped: number;
  /** Whether the simulator's controls were found. */
  simulator: boolean;
  results: ConformanceResult[];
}

const DEFAULT_FORBIDDEN_BOUNDARY: SourceRef = { source_type: "INVOICE", source_id: 2147483000 };

async function findSimulator(
  candidate: string,
  fetchFn: typeof fetch,
  timeoutMs: number,
): Promise<SimulatorAccess | null> {
  const base = candidate.replace(/\/+$/, "").replace(/\/__simulator$/, "");
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetchFn(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, json: await response.json().catch(() => null) };
  };
  try {
    const hello = await call("GET", "/__simulator");
    if (
      hello.status !== 200 ||
      (hello.json as { name?: unknown } | null)?.name !== "dollr-simulator"
    )
      return null;
  } catch {
    return null;
  }
  return {
    url: base,
    post: (path, body) => call("POST", path, body),
    get: (path) => call("GET", path),
  };
}

/** Runs the suite against a proxy and reports every check. */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const customerHeaders = options.headers ?? {};
  const anonymous =
    options.unauthenticatedHeaders ?? (Object.keys(customerHeaders).length > 0 ? {} : null);
  const simulatorCandidate =
    options.simulatorUrl === undefined ? new URL(options.url).origin : options.simulatorUrl;
  const simulator = simulatorCandidate
    ? await findSimulator(simulatorCandidate, fetchFn, timeoutMs)
    : null;
  const fixtures = options.fixtures ?? {};
  const context: CheckContext = {
    probe: createProbe({
      baseUrl: options.url,
      fetch: fetchFn,
      timeoutMs,
      customerHeaders,
      otherHeaders: options.otherHeaders ?? null,
      anonymousHeaders: anonymous ?? {},
    }),
    simulator,
    fixtures: {
      ...(fixtures.source ? { source: fixtures.source } : {}),
      forbiddenSource: fixtures.forbiddenSource ?? DEFAULT_FORBIDDEN_BOUNDARY,
      phone: fixtures.phone ?? "231880000000",
      cardPaymentMethodId: fixtures.cardPaymentMethodId ?? "pm_card_visa",
      currency: fixtures.currency ?? "USD",
    },
    hasOther: options.otherHeaders !== undefined,
    hasAnonymous: anonymous !== null,
    mayExecute: simulator !== null || options.allowExecute === true,
    payoutsOff: options.payoutsEnabled !== true,
    publicOrigin: options.publicOrigin ?? null,
    forbiddenStrings: [
      ...(options.forbiddenStrings ?? []),
      ...(simulator ? ["sim_client_secret"] : []),
    ],
    state: {},
  };

  const results: ConformanceResult[] = [];
  for (const check of CHECKS) {
    if (options.only && !options.only.includes(check.id)) continue;
    let result: ConformanceResult;
    try {
      await check.run(context);
      result = { id: check.id, title: check.title, status: "pass" };
    } catch (error) {
      if (error instanceof CheckSkipped) {
        result = { id: check.id, title: check.title, status: "skip", detail: error.message };
      } else {
        const detail =
          error instanceof CheckFailure
            ? error.message
            : `the check could not complete: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
        result = { id: check.id, title: check.title, status: "fail", detail };
      }
    }
    results.push(result);
    options.onResult?.(result);
  }
  const count = (status: ConformanceResult["status"]) =>
    results.filter((r) => r.status === status).length;
  return {
    ok: count("fail") === 0,
    passed: count("pass"),
    failed: count("fail"),
    skipped: count("skip"),
    simulator: simulator !== null,
    results,
  };
}
