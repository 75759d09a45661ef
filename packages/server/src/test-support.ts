/**
 * Test harness (not exported): the proxy on a real socket (127.0.0.1, port 0) in front of the
 * in-process simulator, with every call to the simulator recorded and every log event kept.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { SourceRef } from "@dollr-kit/core/internal";
import {
  createSimulator,
  type SimulatorHandler,
  type SimulatorOptions,
} from "@dollr-kit/simulator";
import type { LogFields, LogLevel, ProxyLogger } from "./logging.ts";
import { toNodeListener } from "./node.ts";
import type { DollrCustomer, DollrProxyOptions } from "./options.ts";
import { createDollrProxy, type DollrProxy } from "./proxy.ts";
import { type AccountStore, createMemoryAccountStore } from "./stores/account-store.ts";
import { type AttemptStore, createMemoryAttemptStore } from "./stores/attempt-store.ts";
import type { DollrFetch } from "./upstream/transport.ts";

export const CLIENT_ID = "sim_client_id";
export const CLIENT_SECRET = "sim_client_secret";
/** The simulator's phone numbers: succeeds after processing, fails after it, stays, fails at once. */
export const PHONES = {
  succeeds: "231880000000",
  fails: "231880000001",
  stays: "231880000002",
  failsNow: "231880000003",
};

/** A call the proxy made to the simulator. */
export interface Forwarded {
  method: string;
  path: string;
  body: string;
  authorization: string | null;
}

/** A log event the proxy emitted (after redaction). */
export interface LogEvent {
  level: LogLevel;
  message: string;
  fields: LogFields;
  /** The event as one JSON line, for "never in a log line" checks. */
  line: string;
}

/** An answer from the proxy. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers freely.
  json: any;
}

/** Options of `startHarness`. */
export interface HarnessOptions {
  simulator?: SimulatorOptions;
  proxy?: Partial<DollrProxyOptions<DollrCustomer>>;
  /** Wraps the recorded transport (to add hangs or network failures). */
  transport?: (inner: DollrFetch) => DollrFetch;
}

/** A running proxy + simulator. */
export interface Harness {
  /** The proxy's base URL, e.g. `http://127.0.0.1:53111/api/dollr`. */
  url: string;
  origin: string;
  proxy: DollrProxy;
  simulator: SimulatorHandler;
  accounts: AccountStore;
  attempts: AttemptStore;
  /** Every call that reached the simulator (the token endpoint included). */
  forwarded: Forwarded[];
  logs: LogEvent[];
  /** Every access token the simulator handed out. */
  tokens: string[];
  customers: { alice: DollrCustomer; bob: DollrCustomer };
  call(
    method: string,
    path: string,
    init?: {
      as?: "alice" | "bob" | null;
      json?: unknown;
      raw?: string | Uint8Array<ArrayBuffer>;
      headers?: Record<string, string>;
    },
  ): Promise<HttpAnswer>;
  /** A published invoice on the simulator that `owner` may pay. */
  source(owner?: "alice" | "bob", amount?: string, currency?: string): Promise<SourceRef>;
  /** Saves a wallet for a customer through the proxy; answers its id. */
  wallet(as?: "alice" | "bob", phone?: string): Promise<string>;
  /** Saves a card for a customer through the proxy; answers its id. */
  card(as?: "alice" | "bob", paymentMethodId?: string): Promise<string>;
  /** Opens a checkout session through the proxy; answers its id. */
  session(as?: "alice" | "bob", source?: SourceRef): Promise<string>;
  /** Calls to the simulator other than the token endpoint. */
  apiCalls(): Forwarded[];
  /** Moves both clocks (the simulator's and the proxy's) forward. */
  advance(ms: number): void;
  close(): Promise<void>;
}

async function simulatorCall(
  simulator: SimulatorHandler,
  method: string,
  path: string,
  body?: unknown,
) {
  const response = await simulator(
    new Request(`http://simulator.test${path}`, {
      method,
      headers: {
        authorization: `Bearer ${simulator.control.issueToken()}`,
        "content-type": "application/json",
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  return response.json();
}

/** Starts the proxy in front of a fresh simulator. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const simulator = createSimulator({ processingMs: 60_000, ...options.simulator });
  const forwarded: Forwarded[] = [];
  const tokens: string[] = [];
  const logs: LogEvent[] = [];
  let offset = 0;

  const recorded: DollrFetch = async (request) => {
    const url = new URL(request.url);
    const body = request.body ? await request.clone().text() : "";
    forwarded.push({
      method: request.method,
      path: `${url.pathname}${url.search}`,
      body,
      authorization: request.headers.get("authorization"),
    });
    const response = await simulator(request);
    if (url.pathname === "/v1/jwt/client/obtain/token" && response.ok) {
      const token = (await response.clone().json()) as { access_token: string };
      tokens.push(token.access_token);
    }
    return response;
  };

  const alice: DollrCustomer = {
    id: "alice",
    partyId: (
      await simulatorCall(simulator, "POST", "/v1/parties/create", {
        fullname: "Alice",
        phone: PHONES.succeeds,
      })
    ).id,
  };
  const bob: DollrCustomer = {
    id: "bob",
    partyId: (
      await simulatorCall(simulator, "POST", "/v1/parties/create", {
        fullname: "Bob",
        phone: PHONES.fails,
      })
    ).id,
  };
  const customers = { alice, bob };
  const owners = new Map<string, string>();
  const logger: ProxyLogger = Object.fromEntries(
    (["debug", "info", "warn", "error"] as const).map((level) => [
      level,
      (message: string, fields: LogFields) => {
        logs.push({ level, message, fields, line: JSON.stringify({ level, message, ...fields }) });
      },
    ]),
  ) as unknown as ProxyLogger;

  const accounts = options.proxy?.accounts ?? createMemoryAccountStore();
  const attempts = options.proxy?.attempts ?? createMemoryAttemptStore();
  const proxy = createDollrProxy<DollrCustomer>({
    dollr: { baseUrl: "http://simulator.test", clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    fetch: options.transport ? options.transport(recorded) : recorded,
    resolveCustomer: (request) => {
      const auth = request.headers.get("authorization");
      if (auth === "Bearer alice") return alice;
      if (auth === "Bearer bob") return bob;
      return null;
    },
    authorizeSource: (customer, source) =>
      owners.get(`${source.source_type}:${source.source_id}`) === customer.id,
    logger,
    stripePublishableKey: "pk_test_harness",
    currencies: ["USD", "LRD"],
    now: () => Date.now() + offset,
    ...options.proxy,
    accounts,
    attempts,
  });
  const server = createServer(toNodeListener(proxy));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const url = `${origin}${proxy.prefix}`;

  const call: Harness["call"] = async (method, path, init = {}) => {
    const as = init.as === undefined ? "alice" : init.as;
    const headers: Record<string, string> = { ...(as ? { authorization: `Bearer ${as}` } : {}) };
    let body: string | Uint8Array<ArrayBuffer> | undefined = init.raw;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers["content-type"] = "application/json";
    }
    Object.assign(headers, init.headers);
    const response = await fetch(`${url}${path}`, { method, headers, body });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  };

  const harness: Harness = {
    url,
    origin,
    proxy,
    simulator,
    accounts,
    attempts,
    forwarded,
    logs,
    tokens,
    customers,
    call,
    async source(owner = "alice", amount = "12.50", currency = "USD") {
      const made = simulator.control.createSource({
        currency,
        items: [{ name: "Tea", amount }],
        fee_bearer: "PAYER",
      });
      const source: SourceRef = { source_type: made.source_type, source_id: made.source_id };
      owners.set(`${source.source_type}:${source.source_id}`, owner);
      return source;
    },
    async wallet(as = "alice", phone = PHONES.succeeds) {
      const answer = await call("POST", "/kit/payment-accounts", {
        as,
        json: { type: "MOBILE_MONEY", phone, account_name: `${as}'s wallet` },
      });
      if (answer.status !== 201 && answer.status !== 200)
        throw new Error(`wallet: ${answer.status} ${answer.text}`);
      return answer.json.id;
    },
    async card(as = "alice", paymentMethodId = "pm_card_visa") {
      const answer = await call("POST", "/kit/payment-accounts", {
        as,
        json: {
          type: "CARD",
          payment_method_id: paymentMethodId,
          account_name: `${as}'s card`,
          last4: "4242",
        },
      });
      if (answer.status !== 201) throw new Error(`card: ${answer.status} ${answer.text}`);
      return answer.json.id;
    },
    async session(as = "alice", source) {
      const answer = await call("POST", "/v1/sessions/checkout", {
        as,
        json: source ?? (await harness.source(as)),
      });
      if (answer.status !== 200) throw new Error(`session: ${answer.status} ${answer.text}`);
      return String(answer.json.id);
    },
    apiCalls: () => forwarded.filter((f) => f.path !== "/v1/jwt/client/obtain/token"),
    advance(ms) {
      simulator.control.advance(ms);
      offset += ms;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  return harness;
}

/** A fresh reference id. */
export const newReferenceId = (): string => crypto.randomUUID();

/** Options of `serveSecondProxy`. */
export interface SecondProxyOptions {
  /** Its attempt store (default: the harness's, i.e. one shared database). */
  attempts?: AttemptStore;
  /** Its account store (default: the harness's). */
  accounts?: AccountStore;
  /** Who may pay what (default: Alice may pay every source, Bob none). */
  authorizeSource?: (customer: DollrCustomer) => boolean;
  /** Its rate-limit counters (default: its own memory) and rules. */
  limits?: DollrProxyOptions["limits"];
  rateLimits?: DollrProxyOptions["rateLimits"];
  /** Its clock (default: the simulator's). */
  now?: () => number;
}

/**
 * A second proxy instance in front of the harness's simulator, on its own socket (another
 * server process, a deploy, a restart): same customers, its own memory, the stores given.
 */
export async function serveSecondProxy(harness: Harness, options: SecondProxyOptions = {}) {
  const { alice, bob } = harness.customers;
  const authorizeSource = options.authorizeSource ?? ((c: DollrCustomer) => c.id === "alice");
  const proxy = createDollrProxy({
    dollr: { baseUrl: "http://simulator.test", clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    fetch: (request) => harness.simulator(request),
    resolveCustomer: (request) => {
      const auth = request.headers.get("authorization");
      return auth === "Bearer alice" ? alice : auth === "Bearer bob" ? bob : null;
    },
    authorizeSource,
    accounts: options.accounts ?? harness.accounts,
    attempts: options.attempts ?? harness.attempts,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    currencies: ["USD", "LRD"],
    now: options.now ?? (() => harness.simulator.control.now()),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.rateLimits !== undefined ? { rateLimits: options.rateLimits } : {}),
  });
  const server = createServer(toNodeListener(proxy));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    async call(method: string, path: string, as: "alice" | "bob" = "alice", body?: unknown) {
      const headers: Record<string, string> = { authorization: `Bearer ${as}` };
      if (body !== undefined) headers["content-type"] = "application/json";
      const response = await fetch(`http://127.0.0.1:${port}${proxy.prefix}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      // biome-ignore lint/suspicious/noExplicitAny: tests read answers freely.
      return { status: response.status, json: (text ? JSON.parse(text) : null) as any };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
