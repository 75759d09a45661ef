/**
 * Test harness: the proxy client → a small in-test proxy → the simulator's fetch handler, all
 * in process. `/v1/...` is forwarded to the simulator with a bearer token (Dollr's own paths);
 * `/kit/...` (config and saved accounts) is a tiny stand-in for @dollr-kit/server until that
 * package is a devDependency of @dollr-kit/react (then the real `createDollrProxy` replaces it).
 */
import {
  createMemoryStorage,
  createProxyClient,
  DEFAULT_POLLING_SETTINGS,
  maskPhoneNumber,
  type ProxyClient,
  type SavedPaymentAccount,
} from "@dollr-kit/core";
import {
  createSimulator,
  type SimulatorHandler,
  type SimulatorOptions,
} from "@dollr-kit/simulator";
import type { Stripe } from "@stripe/stripe-js";
import type { QueryClient } from "@tanstack/react-query";
import { type RenderResult, render } from "@testing-library/react";
import { type ReactElement, StrictMode } from "react";
import type { KitStorage } from "../provider/context.ts";
import { createKitQueryClient, DollrCheckoutProvider } from "../provider/DollrCheckoutProvider.tsx";

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
  simulator: SimulatorHandler;
  client: ProxyClient;
  source: { type: "INVOICE" | "ORDER"; id: number };
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
  /** Makes the proxy fail the next `count` requests matching `path` with `status`. */
  failNext(path: RegExp, status: number, count?: number, headers?: Record<string, string>): void;
}

const BASE = "http://shop.test/api/dollr";

export function createKitHarness(options: KitHarnessOptions = {}): KitHarness {
  const {
    currency = "USD",
    items,
    feeBearer = "PAYER",
    currencies,
    latencyMs = 1,
    ...simulatorOptions
  } = options;
  const simulator = createSimulator(simulatorOptions);
  const token = simulator.control.issueToken();
  const created = simulator.control.createSource({
    currency,
    items: items ?? [{ name: "Tea", amount: "12.50" }],
    fee_bearer: feeBearer,
  });
  const partyId = Number(created.party_id);
  const accounts: SavedPaymentAccount[] = [];
  const calls: ProxyCall[] = [];
  const inFlight = { now: 0, maxStatus: 0 };
  let statusInFlight = 0;
  const failures: {
    path: RegExp;
    status: number;
    count: number;
    headers: Record<string, string>;
  }[] = [];

  const toSimulator = (path: string, init: { method?: string; body?: unknown } = {}) =>
    simulator(
      new Request(`http://simulator.test${path}`, {
        method: init.method ?? "GET",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      }),
    );

  async function kitRoute(method: string, path: string, body: unknown): Promise<Response> {
    if (path === "/kit/config" && method === "GET") {
      return Response.json({
        stripe_publishable_key: "pk_test_dollr_simulator",
        currencies: currencies ?? ["USD", "LRD", "RWF"],
        polling: DEFAULT_POLLING_SETTINGS,
        realtime: null,
      });
    }
    if (path === "/kit/payment-accounts" && method === "GET") {
      return Response.json({ payment_accounts: accounts });
    }
    if (path === "/kit/payment-accounts" && method === "POST") {
      const input = body as Record<string, string>;
      if (input.type === "MOBILE_MONEY") {
        const phone = String(input.phone);
        const info = await toSimulator(
          `/v1/predictions/mmo-provider-info?phone=${encodeURIComponent(phone)}&operation_type=COLLECTION`,
        );
        if (!info.ok) return info;
        const prediction = (await info.json()) as Record<string, unknown>;
        const method = input.method ?? String(prediction.payment_method);
        const answer = await toSimulator("/v1/payment-accounts/create?operation_type=COLLECTION", {
          method: "POST",
          body: {
            account_name: input.account_name,
            provider: "PAWAPAY",
            method,
            party_id: partyId,
            country_code: prediction.country,
            insensitive_account_number: phone,
          },
        });
        if (!answer.ok) return answer;
        const account = (await answer.json()) as Record<string, unknown>;
        const saved: SavedPaymentAccount = {
          id: String(account.id),
          type: "MOBILE_MONEY",
          account_name: String(input.account_name),
          provider: "PAWAPAY",
          method,
          currencies: prediction.currencies as string[],
          country_code: String(prediction.country),
          masked_number: maskPhoneNumber(phone),
          operator: String(prediction.carrier),
          brand: null,
          last4: null,
          single_use: false,
          created_at: String(account.created_at),
        };
        accounts.push(saved);
        return Response.json(saved, { status: 201 });
      }
      if (input.type === "CARD") {
        const pm = String(input.payment_method_id);
        const info = await toSimulator(
          `/v1/predictions/card-provider-info?payment_method_id=${pm}&operation_type=COLLECTION&provider=STRIPE&party_id=${partyId}`,
        );
        if (!info.ok) return info;
        const card = (await info.json()) as Record<string, unknown>;
        const answer = await toSimulator("/v1/payment-accounts/create?operation_type=COLLECTION", {
          method: "POST",
          body: {
            account_name: input.account_name,
            provider: "STRIPE",
            method: "CREDIT_CARD",
            party_id: partyId,
            payment_method_id: pm,
          },
        });
        if (!answer.ok) return answer;
        const account = (await answer.json()) as Record<string, unknown>;
        const saved: SavedPaymentAccount = {
          id: String(account.id),
          type: "CARD",
          account_name: String(input.account_name),
          provider: "STRIPE",
          method: "CREDIT_CARD",
          currencies: card.currencies as string[],
          country_code: String(card.country),
          masked_number: null,
          operator: null,
          brand: String(card.brand),
          last4: input.last4 ?? null,
          single_use: true,
          created_at: String(account.created_at),
        };
        accounts.push(saved);
        return Response.json(saved, { status: 201 });
      }
      return Response.json({ detail: "unknown type" }, { status: 422 });
    }
    const remove = /^\/kit\/payment-accounts\/([^/]+)$/.exec(path);
    if (remove && method === "DELETE") {
      const index = accounts.findIndex(
        (account) => account.id === decodeURIComponent(remove[1] ?? ""),
      );
      if (index < 0) return Response.json({ detail: "Not found" }, { status: 404 });
      accounts.splice(index, 1);
      return new Response(null, { status: 204 });
    }
    return Response.json({ detail: "Not found" }, { status: 404 });
  }

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
      const failure = failures.find((rule) => rule.path.test(path) && rule.count > 0);
      let response: Response;
      if (failure) {
        failure.count -= 1;
        response = Response.json(
          { detail: "Simulated failure" },
          { status: failure.status, headers: failure.headers },
        );
      } else if (path.startsWith("/kit/")) {
        const body = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
        response = await kitRoute(method, path, body);
      } else {
        response = await toSimulator(`${path}${url.search}`, {
          method,
          body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
        });
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
  };
  return harness;
}

export interface RenderKitOptions {
  stripe?: Stripe | PromiseLike<Stripe | null> | null;
  queryClient?: QueryClient;
  strict?: boolean;
  locale?: string;
  storage?: KitStorage;
}

/** Renders `ui` inside a provider wired to the harness. */
export function renderKit(harness: KitHarness, ui: ReactElement, options: RenderKitOptions = {}) {
  const queryClient = options.queryClient ?? createKitQueryClient();
  const wrap = (node: ReactElement) => {
    const tree = (
      <DollrCheckoutProvider
        client={harness.client}
        stripe={options.stripe ?? null}
        locale={options.locale ?? "en-US"}
        queryClient={queryClient}
        storage={options.storage ?? harness.storage}
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
