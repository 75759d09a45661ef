/**
 * The proxy's options, their defaults, and the checks that fail fast on a wrong setup (at
 * `createDollrProxy`, not on the first payment).
 */
import {
  DEFAULT_POLLING_SETTINGS,
  DollrKitError,
  type ExecutePayoutBody,
  isPhoneCountry,
  type PayoutSessionBody,
  PHONE_COUNTRIES,
  type PhoneCountry,
  type PollingSettings,
  type RealtimeSettings,
  type SourceRef,
} from "@dollr-kit/core/internal";
import { type HostPolicy, hostSet } from "./hosts.ts";
import { createMemoryRateLimitStore, type RateLimitStore } from "./limits/rate-limit-store.ts";
import {
  type RateLimitOptions,
  type ResolvedRateLimits,
  resolveRateLimits,
} from "./limits/rules.ts";
import { createConsoleLogger, type ProxyLogger } from "./logging.ts";
import { type AllowedOrigins, parseOriginOption } from "./origins.ts";
import type { ReconcilerHooks } from "./reconciler/options.ts";
import { type AccountStore, createMemoryAccountStore } from "./stores/account-store.ts";
import { type AttemptStore, createMemoryAttemptStore } from "./stores/attempt-store.ts";
import type { CheckoutStore } from "./stores/checkout-store.ts";
import { resolveDollrAccess } from "./upstream/access.ts";
import type { DollrFetch, DollrTransport } from "./upstream/transport.ts";

/** The signed-in customer, as the merchant's own auth knows them. */
export interface DollrCustomer {
  /** The merchant's id for the customer: keys saved accounts and attempts. */
  id: string;
  /** The customer's Dollr party id (payment accounts are created for it). */
  partyId: number;
}

/** What a staff member asks of the payout routes (`payouts.authorize` decides). */
export type PayoutAction =
  | { type: "session"; body: PayoutSessionBody }
  | { type: "execute"; body: Omit<ExecutePayoutBody, "passcode"> }
  | { type: "status"; referenceId: string };

/** The merchant's payout passcode (`token` of Dollr's passcode object). Server-side only. */
export interface PayoutPasscode {
  code: string;
  phone?: string;
  user_id?: string;
}

/** Payout routes: a merchant surface, off unless `enabled`. */
export interface PayoutOptions<Customer extends DollrCustomer = DollrCustomer> {
  /** Off by default: without it, payout routes answer 404 like any unknown route. */
  enabled: boolean;
  /** Whether this signed-in user may do this (a staff role, a limit on amounts, …). */
  authorize(customer: Customer, action: PayoutAction, request: Request): boolean | Promise<boolean>;
  /**
   * The passcode, held by the server. When set, a request body must not carry one; when not set,
   * the staff member types it and the body carries it (it is never logged or answered).
   */
  passcode?: (customer: Customer) => PayoutPasscode | Promise<PayoutPasscode>;
  /** Device metadata Dollr wants with the passcode (defaults describe this server). */
  device?: Partial<PayoutDevice>;
}

/** Dollr's `device` object of a payout passcode. */
export interface PayoutDevice {
  name: string;
  type: string;
  platform: string;
  user_agent: string;
  client_ip: string;
}

/** Time limits toward Dollr, in ms. */
export interface ProxyTimeouts {
  /** Reads (status, predictions): default 10 s. */
  readMs: number;
  /** Writes that are not executes (sessions, payment accounts): default 15 s. */
  writeMs: number;
  /** Executes: default 25 s (mobile money may hold the request; kept under the engine's 30 s not-landed grace window). */
  executeMs: number;
  /** The token endpoint: default 10 s. */
  tokenMs: number;
}

/** How `country_code` is sent to `payment-accounts/create` (Dollr's docs and real use differ). */
export type CountryCodeFormat = "alpha2" | "alpha3" | "as-predicted";

/** Options of `createDollrProxy`. */
export interface DollrProxyOptions<Customer extends DollrCustomer = DollrCustomer> {
  /** Dollr's API and the merchant's client credentials (never leave the server). */
  dollr: {
    /** Default `https://api.heydollr.app`. */
    baseUrl?: string;
    clientId: string;
    clientSecret: string;
  };
  /** How to reach Dollr (default `globalThis.fetch`); tests pass the simulator's handler. */
  fetch?: DollrFetch;
  /**
   * How to reach Dollr without the Fetch API, instead of `fetch`: on Node,
   * `createNodeTransport()` of `@dollr-kit/server/node` (less latency per call).
   */
  transport?: DollrTransport;
  /** Where the proxy is mounted (default `/api/dollr`). */
  prefix?: string;
  /** The signed-in customer from the merchant's own auth (cookie, header), or null → 401. */
  resolveCustomer(request: Request): Customer | null | Promise<Customer | null>;
  /** Whether the customer may pay (or see) this invoice/order; false → 403. */
  authorizeSource(
    customer: Customer,
    source: SourceRef,
    request: Request,
  ): boolean | Promise<boolean>;
  /** Saved payment accounts (default: in memory, lost on restart). */
  accounts?: AccountStore;
  /** Sessions and attempts (default: in memory, lost on restart; use a database in production). */
  attempts?: AttemptStore;
  /**
   * Rate-limit counters (default: in memory, this instance only). `createPostgresStores(client)`
   * gives `limits` on the same database, shared by every instance. Any `RateLimitStore` works.
   */
  limits?: RateLimitStore;
  /**
   * The rate limits (default `DEFAULT_RATE_LIMITS`, see README "Limits"): numbers over the
   * defaults (`null` turns one off), `override(name, customer, rule)` per customer, or `false`
   * for none (when something in front of the proxy limits already).
   */
  rateLimits?: RateLimitOptions | false;
  /** The card-account step's lock (see `CardAccountLockOptions`). */
  cardAccountLock?: Partial<CardAccountLockOptions>;
  /**
   * Allows in-memory stores when `NODE_ENV` is `production` (refused by default: a restart, a
   * second instance or a deploy would forget payments in flight). For throwaway deployments only.
   */
  allowMemoryStores?: boolean;
  /** Origins of pages allowed to call the proxy, besides its own (default: its own only). */
  allowedOrigins?: AllowedOrigins;
  /**
   * The shop's public origin, e.g. `https://shop.example` (as the adapters' `origin`). When set,
   * it is the proxy's own origin, and a request for another `Host` answers 403 `HOST_FORBIDDEN`
   * before any route (DNS rebinding). Without it (and `allowedHosts`), the own origin is read
   * from the request (`Host`), and production (`NODE_ENV=production`) logs a warning.
   */
  publicOrigin?: string | undefined;
  /**
   * More hosts the proxy answers for besides `publicOrigin`'s, e.g. `["www.shop.example"]`
   * (a name alone allows any port). Set alone, only the `Host` is checked.
   */
  allowedHosts?: readonly string[] | undefined;
  /**
   * Check `X-Forwarded-Host` (its first value) rather than `Host`, behind a proxy that
   * overwrites it. The adapters (`toNodeListener`, Next.js, Hono) also default to it.
   */
  trustProxy?: boolean | undefined;
  /** Where events go (default: JSON lines on the console, warnings and errors only). */
  logger?: ProxyLogger;
  /** Dollr's Stripe publishable key for card entry; null turns cards off in the kit. */
  stripePublishableKey?: string | null;
  /** The currencies payers may pay in (default `["USD"]`). */
  currencies?: string[];
  /**
   * The countries whose mobile-money numbers customers may add (ISO alpha-2: `["LR"]`; default
   * every market Dollr collects in, `["LR", "RW"]`). Sent to the kit in `/kit/config`, so its
   * add-wallet form reads numbers as people there write them; a number of another country is
   * refused here before Dollr is asked.
   */
  mobileMoneyCountries?: string[];
  /** How the browser polls status (merged over the defaults). */
  polling?: Partial<PollingSettings>;
  /** Realtime status hints for the browser (default null: polling only). */
  realtime?: RealtimeSettings | null;
  /** Payout routes (default off). */
  payouts?: PayoutOptions<Customer>;
  /**
   * Follows up every attempt in this process (see `createReconciler`): built with the proxy's
   * credentials, transport, attempt store and clock, and started at once unless
   * `autoStart: false`; `proxy.reconciler` is it, `proxy.close()` stops it.
   */
  reconciler?: ProxyReconcilerOptions;
  /**
   * Cart checkouts (`createCartCheckout`'s store; `createPostgresStores` gives one): with the
   * `reconciler` option, their sources are followed to PAID or CANCELED too.
   */
  checkouts?: CheckoutStore;
  /** `country_code` sent when creating payment accounts (default `alpha2`, like Dollr's docs). */
  countryCodeFormat?: CountryCodeFormat;
  /** Time limits toward Dollr. */
  timeouts?: Partial<ProxyTimeouts>;
  /** Refresh the token when less than this is left (default 5 minutes). */
  tokenRefreshMarginMs?: number;
  /** The clock in ms (default `Date.now`); tests move it to expire tokens. */
  now?: () => number;
}

/**
 * Card accounts are made one at a time per key (card-provider-info, then create: Dollr binds the
 * `pm_…` to the next card account). The key is the customer's Dollr party by default (the proxy
 * names the party to card-provider-info), or the whole proxy (`scope: "proxy"`) should Dollr bind
 * per merchant. A key with `maxQueue` additions waiting refuses more (429), and an addition that
 * waited `maxWaitMs` gives up (429).
 */
export interface CardAccountLockOptions {
  scope: "party" | "proxy";
  maxQueue: number;
  maxWaitMs: number;
}

/** The proxy's `reconciler` option: the reconciler's hooks and tuning, and whether it starts. */
export interface ProxyReconcilerOptions extends ReconcilerHooks {
  /** Start the loop with the proxy (default true); false leaves `runOnce`/`start` to you. */
  autoStart?: boolean;
}

/** Options with every default filled in. */
export interface ResolvedOptions<Customer extends DollrCustomer> {
  dollr: { baseUrl: string; clientId: string; clientSecret: string };
  /** `transport`, or `fetch` (default `globalThis.fetch`) as a transport. */
  transport: DollrTransport;
  prefix: string;
  resolveCustomer: DollrProxyOptions<Customer>["resolveCustomer"];
  authorizeSource: DollrProxyOptions<Customer>["authorizeSource"];
  accounts: AccountStore;
  attempts: AttemptStore;
  limits: RateLimitStore;
  rateLimits: ResolvedRateLimits;
  cardAccountLock: CardAccountLockOptions;
  /** True when the rate-limit counters were left in memory while the stores were not. */
  memoryLimits: boolean;
  allowedOrigins: AllowedOrigins | undefined;
  /** The configured public origin (canonical), or null: then the request's own. */
  publicOrigin: string | null;
  /** The hosts a request may be for, or null when any host is (no option set). */
  hosts: HostPolicy | null;
  /** The `trustProxy` option (the adapters default to it). */
  trustProxy: boolean;
  logger: ProxyLogger;
  stripePublishableKey: string | null;
  currencies: string[];
  mobileMoneyCountries: PhoneCountry[];
  polling: PollingSettings;
  realtime: RealtimeSettings | null;
  payouts: PayoutOptions<Customer> | null;
  countryCodeFormat: CountryCodeFormat;
  timeouts: ProxyTimeouts;
  tokenRefreshMarginMs: number;
  now: () => number;
  /** True when a store was left to its in-memory default (worth a warning). */
  memoryStores: boolean;
}

export { DOLLR_API_BASE_URL } from "./upstream/access.ts";

/** The default time limits toward Dollr. */
export const DEFAULT_TIMEOUTS: ProxyTimeouts = Object.freeze({
  readMs: 10_000,
  writeMs: 15_000,
  executeMs: 25_000,
  tokenMs: 10_000,
});

function misconfigured(message: string): DollrKitError {
  return new DollrKitError("CONFIGURATION", `createDollrProxy: ${message}`);
}

/** Whether this runs with `NODE_ENV=production` (read without assuming Node). */
function isProduction(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  return env?.NODE_ENV === "production";
}

/** `publicOrigin`, `allowedHosts` and `trustProxy` checked, as the host policy. */
function resolveHosts<Customer extends DollrCustomer>(
  options: DollrProxyOptions<Customer>,
): { publicOrigin: string | null; hosts: HostPolicy | null; trustProxy: boolean } {
  let publicOrigin: string | null = null;
  let hosts: ReadonlySet<string>;
  try {
    if (options.publicOrigin !== undefined)
      publicOrigin = parseOriginOption(options.publicOrigin, "publicOrigin");
    hosts = hostSet(publicOrigin, options.allowedHosts, "allowedHosts");
  } catch (error) {
    throw misconfigured((error as Error).message);
  }
  const configured = publicOrigin !== null || options.allowedHosts !== undefined;
  const trustProxy = options.trustProxy === true;
  return { publicOrigin, hosts: configured ? { hosts, trustProxy } : null, trustProxy };
}

/** Whether the host check is off in production (worth one warning that names the option). */
export function unguardedInProduction<Customer extends DollrCustomer>(
  options: ResolvedOptions<Customer>,
): boolean {
  return options.hosts === null && isProduction();
}

/** Fills in defaults and rejects a setup that cannot work. */
export function resolveOptions<Customer extends DollrCustomer>(
  options: DollrProxyOptions<Customer>,
): ResolvedOptions<Customer> {
  const { dollr, transport } = resolveDollrAccess(options, misconfigured);
  if (typeof options.resolveCustomer !== "function")
    throw misconfigured("resolveCustomer is required");
  if (typeof options.authorizeSource !== "function")
    throw misconfigured("authorizeSource is required");
  const prefix = options.prefix ?? "/api/dollr";
  if (prefix !== "" && (!prefix.startsWith("/") || prefix.endsWith("/"))) {
    throw misconfigured('prefix must start with "/" and not end with one (or be "")');
  }
  const currencies = options.currencies ?? ["USD"];
  if (!currencies.every((c) => /^[A-Z]{3}$/.test(c))) {
    throw misconfigured("currencies must be ISO 4217 codes in capitals");
  }
  const mobileMoneyCountries = options.mobileMoneyCountries ?? [...PHONE_COUNTRIES];
  if (mobileMoneyCountries.length === 0 || !mobileMoneyCountries.every(isPhoneCountry)) {
    throw misconfigured(`mobileMoneyCountries must name some of ${PHONE_COUNTRIES.join(", ")}`);
  }
  const payouts = options.payouts?.enabled ? options.payouts : null;
  if (payouts && typeof payouts.authorize !== "function") {
    throw misconfigured("payouts.authorize is required when payouts are enabled");
  }
  const memoryStores = !options.accounts || !options.attempts;
  if (memoryStores && isProduction() && options.allowMemoryStores !== true) {
    throw misconfigured(
      "in-memory stores are refused in production (NODE_ENV=production): pass `attempts` and `accounts` from createPostgresStores(...) of @dollr-kit/server/postgres (or your own stores), or allowMemoryStores: true for a throwaway deployment",
    );
  }
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  if (!Object.values(timeouts).every((ms) => Number.isFinite(ms) && ms > 0)) {
    throw misconfigured("timeouts must be positive numbers of milliseconds");
  }
  const cardAccountLock: CardAccountLockOptions = {
    scope: "party",
    maxQueue: 2,
    maxWaitMs: 30_000,
    ...options.cardAccountLock,
  };
  if (
    (cardAccountLock.scope !== "party" && cardAccountLock.scope !== "proxy") ||
    !(Number.isInteger(cardAccountLock.maxQueue) && cardAccountLock.maxQueue >= 0) ||
    !(Number.isFinite(cardAccountLock.maxWaitMs) && cardAccountLock.maxWaitMs > 0)
  ) {
    throw misconfigured(
      'cardAccountLock must be { scope: "party" | "proxy", maxQueue: integer >= 0, maxWaitMs > 0 }',
    );
  }
  return {
    dollr,
    transport,
    prefix,
    resolveCustomer: options.resolveCustomer,
    authorizeSource: options.authorizeSource,
    accounts: options.accounts ?? createMemoryAccountStore(),
    attempts: options.attempts ?? createMemoryAttemptStore(),
    limits: options.limits ?? createMemoryRateLimitStore(),
    rateLimits: resolveRateLimits(options.rateLimits, misconfigured),
    cardAccountLock,
    memoryLimits: !memoryStores && !options.limits && options.rateLimits !== false,
    allowedOrigins: options.allowedOrigins,
    ...resolveHosts(options),
    logger: options.logger ?? createConsoleLogger({ level: "warn" }),
    stripePublishableKey: options.stripePublishableKey ?? null,
    currencies: [...currencies],
    mobileMoneyCountries: [...new Set(mobileMoneyCountries)],
    polling: { ...DEFAULT_POLLING_SETTINGS, ...options.polling },
    realtime: options.realtime ?? null,
    payouts,
    countryCodeFormat: options.countryCodeFormat ?? "alpha2",
    timeouts,
    tokenRefreshMarginMs: options.tokenRefreshMarginMs ?? 5 * 60_000,
    now: options.now ?? Date.now,
    memoryStores,
  };
}
