// Helpers for the simulator's own tests: a real server on 127.0.0.1 and a small Dollr client.
// Not exported from the package.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type SimulatorServer, type SimulatorServerOptions, startSimulatorServer } from "./node.ts";

/** Test answers are arbitrary JSON, read loosely so that assertions stay short. */
// biome-ignore lint/suspicious/noExplicitAny: the one loose type of the tests, on purpose
export type Loose = any;

export interface Answer<T = Loose> {
  status: number;
  body: T;
  headers: Headers;
}

export class TestClient {
  token: string | undefined;

  constructor(public url: string) {}

  async request<T = Loose>(
    method: string,
    path: string,
    body?: unknown,
    init: { token?: string | null; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const token = init.token === undefined ? this.token : init.token;
    const headers: Record<string, string> = { ...init.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: string | undefined = init.raw;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers["content-type"] = "application/json";
    }
    const response = await fetch(`${this.url}${path}`, { method, headers, body: payload });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === "" ? null : JSON.parse(text);
    } catch {
      // Not JSON: kept as text so that a test can say what it got.
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = Loose>(path: string) {
    return this.request<T>("GET", path);
  }

  post<T = Loose>(path: string, body?: unknown) {
    return this.request<T>("POST", path, body);
  }

  /** A published invoice for `amount` in `currency` (one item). */
  async source(
    amount = "12.50",
    currency = "USD",
    extra: Record<string, unknown> = {},
  ): Promise<{ source_id: number; source_type: string; party_id: number; total_amount: string }> {
    const answer = await this.post("/__simulator/sources", {
      currency,
      items: [{ name: "Item", amount }],
      fee_bearer: "PAYER",
      ...extra,
    });
    if (answer.status !== 200) throw new Error(`source: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  async mobileMoneyAccount(partyId: number, phone: string, operation = "COLLECTION") {
    const info = await this.get(
      `/v1/predictions/mmo-provider-info?phone=${phone}&operation_type=${operation}`,
    );
    const method = info.status === 200 ? info.body.payment_method : "MTN_MOMO_LBR";
    const answer = await this.post(`/v1/payment-accounts/create?operation_type=${operation}`, {
      account_name: "Test wallet",
      provider: "PAWAPAY",
      method,
      party_id: partyId,
      insensitive_account_number: phone,
    });
    if (answer.status !== 200) throw new Error(`account: ${JSON.stringify(answer.body)}`);
    return answer.body as { id: number };
  }

  /** A card account the documented way: card-provider-info names the pm, create binds it. */
  async cardAccount(partyId: number, paymentMethodId: string) {
    const info = await this.get(
      `/v1/predictions/card-provider-info?payment_method_id=${paymentMethodId}&operation_type=COLLECTION&provider=STRIPE`,
    );
    if (info.status !== 200) throw new Error(`card info: ${JSON.stringify(info.body)}`);
    const answer = await this.post("/v1/payment-accounts/create?operation_type=COLLECTION", {
      account_name: "Test card",
      provider: "STRIPE",
      method: "CREDIT_CARD",
      party_id: partyId,
    });
    if (answer.status !== 200) throw new Error(`card account: ${JSON.stringify(answer.body)}`);
    return answer.body as { id: number };
  }

  async checkoutSession(sourceId: number, sourceType = "INVOICE") {
    const answer = await this.post("/v1/sessions/checkout", {
      source_id: sourceId,
      source_type: sourceType,
    });
    if (answer.status !== 200) throw new Error(`session: ${JSON.stringify(answer.body)}`);
    return answer.body as { id: number; expires_at: string };
  }

  execute(
    sessionId: number | string,
    accountId: number | string,
    currency: string,
    referenceId: string,
  ) {
    return this.post("/v1/executions/collection", {
      session_id: String(sessionId),
      payment_account_id: String(accountId),
      currency,
      reference_id: referenceId,
    });
  }

  /** Source → account → session → execute, for one phone or pm; answers the execute answer. */
  async pay(account: { phone?: string; card?: string }, amount = "12.50", currency = "USD") {
    const source = await this.source(amount, currency);
    const created = account.card
      ? await this.cardAccount(source.party_id, account.card)
      : await this.mobileMoneyAccount(source.party_id, account.phone ?? "231880000000");
    const session = await this.checkoutSession(source.source_id);
    const referenceId = crypto.randomUUID();
    const answer = await this.execute(session.id, created.id, currency, referenceId);
    return { source, account: created, session, referenceId, answer };
  }

  status(referenceId: string, operation = "collection") {
    return this.get(`/v1/status/${operation}/${referenceId}`);
  }

  sourceStatus(sourceId: number, sourceType = "INVOICE") {
    return this.get(`/v1/status/source?source_type=${sourceType}&source_id=${sourceId}`);
  }

  advance(ms: number) {
    return this.post("/__simulator/clock", { advanceMs: ms });
  }

  async ledger() {
    return (await this.get("/__simulator/ledger")).body;
  }
}

export interface TestServer {
  server: SimulatorServer;
  client: TestClient;
}

/** Where the test servers' clocks stand still: only `advance` moves them, so edges are exact. */
export const FROZEN_NOW = Date.parse("2026-06-01T12:00:00.000Z");

/** Starts a simulator on 127.0.0.1 (ephemeral port, frozen clock) with a logged-in client. */
export async function startTestServer(options: SimulatorServerOptions = {}): Promise<TestServer> {
  const server = await startSimulatorServer({
    port: 0,
    host: "127.0.0.1",
    clock: { now: () => FROZEN_NOW },
    ...options,
  });
  const client = new TestClient(server.url);
  client.token = server.handler.control.issueToken();
  return { server, client };
}

/** A test file's simulator: `server` is set once it runs, and the client follows it. */
export interface SharedTestServer {
  client: TestClient;
  readonly server: SimulatorServer;
}

/**
 * One simulator for a whole test file, reset before each test. The client can be captured at
 * the top of the file: its address is filled in when the server starts.
 */
export function useTestServer(options: SimulatorServerOptions = {}): SharedTestServer {
  const client = new TestClient("");
  let running: TestServer | undefined;
  beforeAll(async () => {
    running = await startTestServer(options);
    client.url = running.client.url;
    client.token = running.client.token;
  });
  afterAll(() => running?.server.close());
  beforeEach(async () => {
    await client.post("/__simulator/reset");
  });
  return {
    client,
    get server() {
      if (!running) throw new Error("the test server starts in beforeAll");
      return running.server;
    },
  };
}
