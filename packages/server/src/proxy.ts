/**
 * `createDollrProxy`: the merchant's proxy as a Web-standard `(Request) => Promise<Response>`.
 *
 * Every request goes through the same checks, in this order, before any route runs and before
 * anything is sent to Dollr:
 *   0. the `Host` (or trusted `X-Forwarded-Host`), when `publicOrigin`/`allowedHosts` is set → 403
 *   0. a canonical path (no dot segments, `%2e`, backslashes, doubled or encoded slashes) → 404
 *   1. the allow-list (path under the prefix, known route, known method) → 404
 *   2. the `Origin` → 403 (and CORS preflights)
 *   3. the signed-in customer → 401
 *   4. path parameters and query (unknown, repeated or malformed parameters) → 422
 *   5. for writes: `Content-Type: application/json` → 415, at most 16 KiB → 413, a JSON object
 *      of exactly the contract's fields and types → 422
 *   6. the route's rate limit (per customer; status polls in this instance's memory) → 429
 * Then the route checks ownership (403) and forwards (executes take their limits there).
 */

import { isCanonicalPath } from "./canonical-path.ts";
import { hostAllowed } from "./hosts.ts";
import {
  type Answer,
  definite,
  problem,
  queryRecord,
  REPLY,
  type Reply,
  readJsonObject,
  replyResponse,
  toReply,
  validationProblem,
} from "./http.ts";
import { takeLimits } from "./limits/apply.ts";
import { fairLock } from "./limits/fair-lock.ts";
import { createMemoryRateLimitStore } from "./limits/rate-limit-store.ts";
import { createSafeLogger, describeError, type SafeLogger } from "./logging.ts";
import {
  type DollrCustomer,
  type DollrProxyOptions,
  resolveOptions,
  unguardedInProduction,
} from "./options.ts";
import { checkOrigin, preflightHeaders } from "./origins.ts";
import { createReconciler, type Reconciler } from "./reconciler/index.ts";
import type { SecretSet } from "./redaction.ts";
import { checkoutRoutes } from "./routes/checkout.ts";
import { configRoutes } from "./routes/config.ts";
import { paymentAccountRoutes } from "./routes/payment-accounts.ts";
import { payoutRoutes } from "./routes/payouts.ts";
import { realtimeKeyRoutes } from "./routes/realtime-keys.ts";
import { receiptRoutes } from "./routes/receipts.ts";
import { createRecentRecords } from "./routes/recent-cache.ts";
import {
  type AnyRoute,
  compileTemplate,
  type ProxyShared,
  type RouteScope,
} from "./routes/route.ts";
import { createDollrClient } from "./upstream/dollr-client.ts";
import { createTokenManager } from "./upstream/token-manager.ts";

/** The proxy: a fetch handler, with the prefix it answers under (adapters use it). */
export interface DollrProxy {
  (request: Request): Promise<Response>;
  /** The path prefix, e.g. `/api/dollr`; requests elsewhere answer 404. */
  readonly prefix: string;
  /** The `publicOrigin` option (canonical), or null; the adapters default their `origin` to it. */
  readonly publicOrigin: string | null;
  /** The `trustProxy` option; the adapters default theirs to it. */
  readonly trustProxy: boolean;
  /** The in-process reconciler of the `reconciler` option, or null. */
  readonly reconciler: Reconciler | null;
  /** Stops what the proxy runs in the background (the reconciler's loop). */
  close(): Promise<void>;
}

function newRequestId(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && /^[\w.-]{8,64}$/.test(given) ? given : crypto.randomUUID();
}

/**
 * Creates the proxy. It holds the Dollr credentials and token; the browser talks only to it.
 *
 * @example
 * const proxy = createDollrProxy({
 *   dollr: { clientId: process.env.DOLLR_CLIENT_ID!, clientSecret: process.env.DOLLR_CLIENT_SECRET! },
 *   resolveCustomer: async (request) => sessionCustomer(request),   // null → 401
 *   authorizeSource: async (customer, source) => ownsOrder(customer, source),
 *   accounts: myAccountStore, attempts: myAttemptStore,
 * });
 */
export function createDollrProxy<Customer extends DollrCustomer = DollrCustomer>(
  userOptions: DollrProxyOptions<Customer>,
): DollrProxy {
  const options = resolveOptions(userOptions);
  const baseLogSecrets = (): SecretSet => ({
    secrets: [options.dollr.clientSecret, ...tokens.knownTokens()],
  });
  const log = createSafeLogger(options.logger, baseLogSecrets);
  const tokens = createTokenManager({
    baseUrl: options.dollr.baseUrl,
    clientId: options.dollr.clientId,
    clientSecret: options.dollr.clientSecret,
    transport: options.transport,
    now: options.now,
    refreshMarginMs: options.tokenRefreshMarginMs,
    timeoutMs: options.timeouts.tokenMs,
    onRefresh: ({ expiresInMinutes }) =>
      log.info("dollr.token_refreshed", { expires_in_minutes: expiresInMinutes }),
  });
  const shared: ProxyShared<Customer> = {
    options,
    inFlightExecutes: new Map(),
    recent: createRecentRecords(),
    lock: fairLock(options.cardAccountLock),
    limits: {
      resolved: options.rateLimits,
      store: options.limits,
      polls: createMemoryRateLimitStore(),
    },
  };
  const routes: AnyRoute<Customer>[] = [
    ...configRoutes<Customer>(),
    ...paymentAccountRoutes<Customer>(),
    ...checkoutRoutes<Customer>(),
    ...receiptRoutes<Customer>(),
    ...realtimeKeyRoutes<Customer>(),
    ...(options.payouts ? payoutRoutes<Customer>(options.payouts) : []),
  ];
  // Templates are split once; a request's path is split once and tried against each.
  const table = routes.map((route) => ({ route, match: compileTemplate(route.template) }));
  if (options.memoryStores) {
    log.warn("proxy.memory_stores", {
      hint: "accounts/attempts are kept in memory and lost on restart; pass database-backed stores in production",
    });
  }
  if (unguardedInProduction(options)) {
    log.warn("proxy.no_public_origin", {
      hint: 'set publicOrigin (e.g. "https://shop.example") or allowedHosts: without it the proxy answers any Host, and its own origin is read from Host (DNS rebinding)',
    });
  }
  if (options.memoryLimits) {
    log.warn("proxy.memory_limits", {
      hint: "rate limits are counted per instance; pass `limits` (createPostgresStores gives one) to share them",
    });
  }

  async function reply(request: Request): Promise<Reply> {
    const started = Date.now();
    const requestId = newRequestId(request);
    const sensitive = { phones: new Set<string>(), secrets: new Set<string>() };
    const requestLog: SafeLogger = createSafeLogger(options.logger, () => ({
      secrets: [...baseLogSecrets().secrets, ...sensitive.secrets],
      phones: [...sensitive.phones],
    }));
    const note: Record<string, unknown> = {};
    let dollrCalls = 0;
    let headers: Record<string, string> = { "x-request-id": requestId };
    let template = "(none)";
    let customerId: string | null = null;

    const finish = (result: Answer): Reply => {
      const level = result.status >= 500 ? "warn" : "info";
      if (requestLog.enabled(level)) logRequest(level, result);
      return toReply(result, headers);
    };
    const logRequest = (level: "info" | "warn", result: Answer) => {
      const code = (result.body as { code?: unknown } | undefined)?.code;
      requestLog[level]("proxy.request", {
        request_id: requestId,
        method: request.method,
        route: template,
        status: result.status,
        duration_ms: Date.now() - started,
        customer_id: customerId,
        dollr_calls: dollrCalls,
        ...(typeof code === "string" ? { error_code: code } : {}),
        ...note,
      });
    };

    try {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        return finish(problem(404, "NOT_FOUND", "No such route"));
      }
      // Before anything: a request for a host the shop is not (DNS rebinding) is refused.
      if (options.hosts && !hostAllowed(request, url, options.hosts)) {
        return finish(problem(403, "HOST_FORBIDDEN", "Requests for this host are not allowed"));
      }
      const path = url.pathname;
      // Then: a path that reads as another (`//`, `%2F`, `%2e`, backslashes) is no route.
      if (!isCanonicalPath(path)) return finish(problem(404, "NOT_FOUND", "No such route"));
      if (!path.startsWith(`${options.prefix}/`))
        return finish(problem(404, "NOT_FOUND", "No such route"));
      const segments = path.slice(options.prefix.length).split("/");
      // The first route whose template and method match; `known`: some template matched.
      let known = false;
      let matched: { route: AnyRoute<Customer>; params: Record<string, string> } | null = null;
      for (const entry of table) {
        const params = entry.match(segments);
        if (params === null) continue;
        known = true;
        if (entry.route.method === request.method) {
          matched = { route: entry.route, params };
          break;
        }
      }
      if (!known) return finish(problem(404, "NOT_FOUND", "No such route"));

      const origin = checkOrigin(
        request,
        options.publicOrigin ?? url.origin,
        options.allowedOrigins,
      );
      if (!origin.allowed) {
        return finish(
          problem(403, "ORIGIN_FORBIDDEN", "Requests from this origin are not allowed"),
        );
      }
      headers = { ...headers, ...origin.cors };
      if (request.method === "OPTIONS") {
        headers = { ...headers, ...preflightHeaders(request) };
        return finish({ status: 204, body: undefined });
      }
      if (!matched) return finish(problem(404, "NOT_FOUND", "No such route"));
      const { route, params } = matched;
      template = route.template;

      if (route.sameSiteOnly && crossSiteWithoutOrigin(request)) {
        return finish(
          problem(403, "ORIGIN_FORBIDDEN", "This lookup is answered to the shop's own pages only"),
        );
      }

      let customer: Customer | null = null;
      if (route.authenticated) {
        customer = await options.resolveCustomer(request);
        if (!customer) return finish(problem(401, "UNAUTHENTICATED", "Sign in to continue"));
        customerId = customer.id;
      }

      // An execute refused here was never sent: say so, so the browser need not verify it.
      const refuse = (result: Answer) => finish(route.execute ? definite(result) : result);
      for (const [name, check] of Object.entries(route.params ?? {})) {
        const result = check(params[name]);
        if (!result.ok) return refuse(validationProblem(result.detail));
      }
      const rawQuery = queryRecord(url);
      if (!rawQuery.ok) {
        return refuse(
          validationProblem([
            { loc: ["query", rawQuery.name], msg: "Repeated query parameter", type: "value_error" },
          ]),
        );
      }
      let query: unknown;
      if (route.query) {
        const result = route.query(rawQuery.value);
        if (!result.ok) return refuse(validationProblem(result.detail));
        query = result.value;
      } else {
        const extra = Object.keys(rawQuery.value);
        if (extra.length > 0) {
          return refuse(
            validationProblem(
              extra.map((name) => ({
                loc: ["query", name],
                msg: "Extra inputs are not permitted",
                type: "extra_forbidden",
              })),
            ),
          );
        }
      }

      let body: unknown;
      if (route.body) {
        const read = await readJsonObject(request);
        if (!read.ok) {
          const why = read.problem;
          if (why.kind === "media-type") {
            return refuse(
              problem(
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                "Send the body as Content-Type: application/json",
              ),
            );
          }
          if (why.kind === "too-large") {
            return refuse(problem(413, "PAYLOAD_TOO_LARGE", "The body is larger than 16 KiB"));
          }
          return refuse(validationProblem(why.detail));
        }
        const result = route.body(read.value);
        if (!result.ok) return refuse(validationProblem(result.detail));
        body = result.value;
      }

      if (route.limit && customer) {
        const limited = await takeLimits(shared.limits, customer, options.now(), requestLog, [
          { name: route.limit },
        ]);
        if (limited) return refuse(limited);
      }

      const scope: RouteScope<Customer, unknown, unknown> = {
        request,
        url,
        requestId,
        customer: customer as Customer,
        params,
        query,
        body,
        dollr: createDollrClient({
          baseUrl: options.dollr.baseUrl,
          transport: options.transport,
          tokens,
          timeouts: {
            read: options.timeouts.readMs,
            write: options.timeouts.writeMs,
            execute: options.timeouts.executeMs,
          },
          log: requestLog,
          onCall: () => {
            dollrCalls += 1;
          },
        }),
        log: requestLog,
        shared,
        sensitive,
        note,
      };
      return finish(await route.handle(scope));
    } catch (error) {
      requestLog.error("proxy.unexpected_error", {
        request_id: requestId,
        route: template,
        ...describeError(error),
      });
      return finish(problem(500, "INTERNAL", "Something went wrong in the payment proxy"));
    }
  }

  const handle = async (request: Request): Promise<Response> => replyResponse(await reply(request));
  // The Node adapter writes the reply itself (see `REPLY`); everything else gets a `Response`.
  // Not enumerable: a wrapper made with `Object.assign(wrapper, proxy)` must not inherit it (the
  // adapter would then skip the wrapper).
  Object.defineProperty(handle, REPLY, { value: reply });
  const reconciler = startReconciler(userOptions, options);
  return Object.assign(handle, {
    prefix: options.prefix,
    publicOrigin: options.publicOrigin,
    trustProxy: options.trustProxy,
    reconciler,
    close: async () => {
      await reconciler?.stop();
    },
  });
}

/**
 * A request a browser sent from another site without an `Origin`: an `<img>`, a link, a form's
 * GET. `Sec-Fetch-Site` is sent by every current browser; the kit's calls are same-origin, or
 * CORS requests from an allowed origin (which carry `Origin`, already checked).
 */
function crossSiteWithoutOrigin(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site === null || site === "same-origin" || site === "none") return false;
  return request.headers.get("origin") === null;
}

/** The `reconciler` option's reconciler, on the proxy's own credentials, store and clock. */
function startReconciler<Customer extends DollrCustomer>(
  userOptions: DollrProxyOptions<Customer>,
  options: ReturnType<typeof resolveOptions<Customer>>,
): Reconciler | null {
  if (!userOptions.reconciler) return null;
  const { autoStart = true, ...hooks } = userOptions.reconciler;
  const reconciler = createReconciler({
    executeTimeoutMs: options.timeouts.executeMs,
    now: options.now,
    logger: options.logger,
    ...hooks,
    dollr: options.dollr,
    transport: options.transport,
    attempts: options.attempts,
    ...(userOptions.checkouts ? { checkouts: userOptions.checkouts } : {}),
  });
  if (autoStart) reconciler.start();
  return reconciler;
}
