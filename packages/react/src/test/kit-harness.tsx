/**
 * Test harness: the proxy client → the real proxy (`createDollrProxy`, through
 * `@dollr-kit/server/dev`'s `createDevBackend`) → the simulator's fetch handler, all in process.
 * In front of the proxy sits a thin "network" that records each call, adds a little latency and
 * can fail requests before they reach the proxy (`failNext`: a proxy that is down or throttling).
 */

import {
  createMemoryStorage,
  createProxyClient,
  type ProxyClient,
  type SavedPaymentAccount,
} from "@dollr-kit/core/internal";
import { createDevBackend, type DevBackend } from "@dollr-kit/server/dev";
import type { SimulatorHandler, SimulatorOptions } from "@dollr-kit/simulator";
import type { QueryClient } from "@tanstack/react-query";
import { type RenderResult, render } from "@testing-library/react";
import { type ReactElement, StrictMode } from "react";
import { type StripeProp, stripeCards } from "../cards/stripe-cards.ts";
import type { DollrMessages } from "../messages.ts";
import type { DollrCards } from "../provider/cards.ts";
import type { KitStorage } from "../provider/context.ts";
import { createKitQueryClient, DollrCheckoutProvider } from "../provider/DollrCheckoutProvider.tsx";
import type { DollrRealtime } from "../realtime/types.ts";

export interface KitHarnessOptions extends SimulatorOptions {
  /** The invoice's currency. @default "USD" */
  currency?: string;
  /** @default [{ name: "Tea", amount: "12.50" }] */
  items?: { name: string; amount: string }[];
  /** @default "PAYER" */
  feeBearer?: "PAYER" | "PAYEE";
  /** Currencies the merchant offers payers. @default ["USD", "LRD", "RWF"] */
  currencies?: string[];
  /** How long each request takes, in ms. @default 1 */
  latencyMs?: number;
  /**
   * Whether the signed-in customer may pay a source (the proxy's `authorizeSource`). @default the
   * dev backend's: any source the simulator has (else 403).
   */
  authorizeSource?: (source: { source_type: string; source_id: number }) => boolean;
  /** The proxy's `mobileMoneyCountries` (sent to the kit in /kit/config). @default every market */
  mobileMoneyCountries?: string[];
}

export interface ProxyCall {
  method: string;
  path: string;
  status: number;
  /** When the request started (Date.now(), faked or not). */
  at: number;
}

export interface KitHarness {
  /** How long each request takes from now on, in ms. */
  latencyMs: number;
  /** The proxy + simulator as one fetch handler (what the client reaches). */
  backend: DevBackend;
  simulator: SimulatorHandler;
  client: ProxyClient;
  source: { type: "INVOICE" | "ORDER"; id: number };
  /** The source's party in the simulator (the signed-in customer is the dev backend's `demo`). */
  partyId: number;
  /** Every request the client made, in order, with the answer's status. */
  calls: ProxyCall[];
  /** Requests in flight right now, per path, and the most ever in flight for a status path. */
  inFlight: { now: number; maxStatus: number };
  /** Saves a wallet through the proxy (as the picker would). */
  addWallet(phone: string, name?: string): Promise<SavedPaymentAccount>;
  /** Saves a card through the proxy (a `pm_…` from the fake Stripe). */
  addCard(paymentMethodId: string, name?: string, last4?: string): Promise<SavedPaymentAccount>;
  /** The simulator's executions. */
  executions(): ReturnType<SimulatorHandler["control"]["ledger"]>["executions"];
  /** Creates a session and executes with a wallet or card account; answers the reference id. */
  execute(accountId: string, currency?: string): Promise<{ referenceId: string; status: string }>;
  /** A fresh memory storage (an open attempt lives here across remounts). */
  storage: KitStorage;
  /** Fails the next `count` requests matching `path` with `status`, before they reach the proxy. */
  failNext(path: RegExp, status: number, count?: number, headers?: Record<string, string>): void;
  /**
   * Answers the next request matching `path` with `status` and this JSON body, before it reaches
   * the proxy (e.g. the proxy's `SOURCE_BUSY`, `ALREADY_PAID`, `CARD_USED`).
   */
  answerNext(path: RegExp, status: number, body: unknown): void;
  /**
   * Holds every request matching `path` until the returned function is called, so a test can
   * look at the page while they are in flight (no wall-clock window).
   */
  hold(path: RegExp): () => void;
}

const BASE = "http://shop.test/api/dollr";

/** The proxy's log lines are not wanted in test output. */
const quietLogger = { info() {}, warn() {}, error() {} };

export function createKitHarness(options: KitHarnessOptions = {}): KitHarness {
  const {
    currency = "USD",
    items,
    feeBearer = "PAYER",
    currencies,
    latencyMs = 1,
    authorizeSource,
    mobileMoneyCountries,
    ...simulatorOptions
  } = options;
  const backend: DevBackend = createDevBackend({
    simulator: simulatorOptions,
    logger: quietLogger,
    proxy: {
      currencies: currencies ?? ["USD", "LRD", "RWF"],
      ...(mobileMoneyCountries ? { mobileMoneyCountries } : {}),
      ...(authorizeSource
        ? { authorizeSource: (_customer, source) => authorizeSource(source) }
        : {}),
    },
  });
  const simulator = backend.simulator;
  const created = simulator.control.createSource({
    currency,
    items: items ?? [{ name: "Tea", amount: "12.50" }],
    fee_bearer: feeBearer,
  });
  const partyId = Number(created.party_id);
  const calls: ProxyCall[] = [];
  const inFlight = { now: 0, maxStatus: 0 };
  let statusInFlight = 0;
  const failures: {
    path: RegExp;
    status: number;
    count: number;
    headers: Record<string, string>;
    body?: unknown;
  }[] = [];
  const holds: { path: RegExp; gate: Promise<void> }[] = [];

  const proxyFetch = async (input: string, init: RequestInit): Promise<Response> => {
    const url = new URL(input);
    const path = url.pathname.slice(new URL(BASE).pathname.length);
    const method = (init.method ?? "GET").toUpperCase();
    const isStatus = path.startsWith("/v1/status/collection/");
    const at = Date.now();
    inFlight.now += 1;
    if (isStatus) {
      statusInFlight += 1;
      inFlight.maxStatus = Math.max(inFlight.maxStatus, statusInFlight);
    }
    try {
      // Let the request take a turn of the event loop, as a real one would.
      await new Promise((resolve) => setTimeout(resolve, harness.latencyMs));
      const hold = holds.findIndex((rule) => rule.path.test(path));
      if (hold >= 0) await holds[hold]?.gate;
      const failure = failures.find((rule) => rule.path.test(path) && rule.count > 0);
      let response: Response;
      if (failure) {
        failure.count -= 1;
        response = Response.json(failure.body ?? { detail: "Simulated failure" }, {
          status: failure.status,
          headers: failure.headers,
        });
      } else {
        // No signal: the client races its own abort, and the test environment's AbortSignal
        // need not be the one this Request understands.
        response = await backend(
          new Request(url, {
            method,
            headers: new Headers(init.headers),
            ...(typeof init.body === "string" ? { body: init.body } : {}),
          }),
        );
      }
      calls.push({ method, path, status: response.status, at });
      return response;
    } finally {
      inFlight.now -= 1;
      if (isStatus) statusInFlight -= 1;
    }
  };

  const client = createProxyClient({ baseUrl: BASE, fetch: proxyFetch });
  const harness: KitHarness = {
    latencyMs,
    backend,
    simulator,
    client,
    source: { type: created.source_type, id: Number(created.source_id) },
    partyId,
    calls,
    inFlight,
    addWallet: (phone, name = "Ama Kollie") =>
      client.createPaymentAccount({ type: "MOBILE_MONEY", phone, account_name: name }),
    addCard: (pm, name = "Ama Kollie", last4) =>
      client.createPaymentAccount({
        type: "CARD",
        payment_method_id: pm,
        account_name: name,
        ...(last4 ? { last4 } : {}),
      }),
    executions: () => simulator.control.ledger().executions,
    async execute(accountId, payerCurrency = currency) {
      const session = await client.createCheckoutSession({
        source_type: created.source_type,
        source_id: Number(created.source_id),
      });
      const referenceId = crypto.randomUUID();
      const answer = await client.executeCollection({
        session_id: session.id,
        payment_account_id: accountId,
        currency: payerCurrency,
        reference_id: referenceId,
      });
      return { referenceId, status: answer.status };
    },
    storage: createMemoryStorage(),
    failNext(path, status, count = 1, headers = {}) {
      failures.push({ path, status, count, headers });
    },
    answerNext(path, status, body) {
      failures.push({ path, status, count: 1, headers: {}, body });
    },
    hold(path) {
      let open = () => {};
      const rule = { path, gate: new Promise<void>((resolve) => (open = resolve)) };
      holds.push(rule);
      return () => {
        holds.splice(holds.indexOf(rule), 1);
        open();
      };
    },
  };
  return harness;
}

export interface RenderKitOptions {
  /** Cards: handed to `stripeCards(…)` on every render (as an inline plug-in would be). */
  stripe?: StripeProp;
  /** Cards as a plug-in made by the test (wins over `stripe`). */
  cards?: DollrCards | null;
  queryClient?: QueryClient;
  strict?: boolean;
  locale?: string;
  /** The provider's `messages` (a catalog such as `fr`, or a partial override). */
  messages?: DollrMessages;
  storage?: KitStorage;
  /** The realtime plug-in (`supabaseRealtime()`, or a test's own). */
  realtime?: DollrRealtime | null;
}

/** Renders `ui` inside a provider wired to the harness. */
export function renderKit(harness: KitHarness, ui: ReactElement, options: RenderKitOptions = {}) {
  const queryClient = options.queryClient ?? createKitQueryClient();
  const wrap = (node: ReactElement) => {
    const tree = (
      <DollrCheckoutProvider
        client={harness.client}
        cards={
          options.cards !== undefined
            ? options.cards
            : options.stripe
              ? stripeCards(options.stripe)
              : null
        }
        locale={options.locale ?? "en-US"}
        messages={options.messages}
        queryClient={queryClient}
        storage={options.storage ?? harness.storage}
        realtime={options.realtime ?? null}
      >
        {node}
      </DollrCheckoutProvider>
    );
    return options.strict ? <StrictMode>{tree}</StrictMode> : tree;
  };
  const result: RenderResult = render(wrap(ui));
  return {
    ...result,
    queryClient,
    rerenderKit: (next: ReactElement) => result.rerender(wrap(next)),
  };
}
