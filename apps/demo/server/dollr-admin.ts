/**
 * Real-Dollr mode: the few merchant calls the shop makes itself, server-side, with the merchant's
 * credentials — creating the order the customer pays (and, once, the demo customer's party and
 * counterparty). The browser never reaches these: it only talks to the proxy.
 */
import { normaliseAmount } from "@dollr-kit/core";
import type { OrderMaker } from "./shop.ts";

export interface DollrAdminOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** The demo customer's Dollr party (`DOLLR_DEMO_PARTY_ID`); made on first use when absent. */
  partyId?: number | undefined;
  /** A counterparty for that party (`DOLLR_DEMO_COUNTERPARTY_ID`); made on first use when absent. */
  counterpartyId?: number | undefined;
  /** The phone number a made-up demo party gets. */
  partyPhone?: string | undefined;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface DollrAdmin extends OrderMaker {
  /** The demo customer's party id (made once if not configured). */
  partyId(): Promise<number>;
  /** Dollr's status word of a source now (`GET /v1/status/source`); throws when it cannot say. */
  sourceStatus(source: SourceKey): Promise<string>;
  /** Cancels an unpaid source (`DELETE /v1/{orders|invoices}/cancel/{id}`); throws if refused. */
  cancelSource(source: SourceKey): Promise<void>;
}

/** A Dollr source, as the proxy names it. */
export interface SourceKey {
  source_type: "ORDER" | "INVOICE";
  source_id: number;
}

class DollrCallError extends Error {
  constructor(
    readonly status: number,
    what: string,
  ) {
    super(`Dollr answered ${status} to ${what}`);
  }
}

export function createDollrAdmin(options: DollrAdminOptions): DollrAdmin {
  const base = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  let token: { value: string; expiresAt: number } | null = null;
  let tokenPromise: Promise<string> | null = null;

  async function obtainToken(): Promise<string> {
    const response = await doFetch(`${base}/v1/jwt/client/obtain/token`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ client_id: options.clientId, client_secret: options.clientSecret }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Never log or rethrow the body: it is the token (or an echo of what was sent).
    if (!response.ok) throw new DollrCallError(response.status, "the token request");
    const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== "string") throw new Error("Dollr sent no access token");
    const minutes = typeof body.expires_in === "number" ? body.expires_in : 30;
    // Refresh five minutes early (or halfway, for short tokens).
    const lifeMs = minutes * 60_000;
    token = {
      value: body.access_token,
      expiresAt: Date.now() + lifeMs - Math.min(5 * 60_000, lifeMs / 2),
    };
    return body.access_token;
  }

  async function bearer(fresh = false): Promise<string> {
    if (!fresh && token && Date.now() < token.expiresAt) return token.value;
    tokenPromise ??= obtainToken().finally(() => {
      tokenPromise = null;
    });
    return tokenPromise;
  }

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const value = await bearer(attempt > 0);
      const init: RequestInit = {
        method,
        headers: {
          authorization: `Bearer ${value}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        signal: AbortSignal.timeout(timeoutMs),
      };
      if (body !== undefined) init.body = JSON.stringify(body);
      const response = await doFetch(`${base}${path}`, init);
      if (response.status === 401 && attempt === 0) continue;
      if (!response.ok) throw new DollrCallError(response.status, `${method} ${path}`);
      const text = await response.text();
      return (text ? JSON.parse(text) : {}) as T;
    }
    throw new DollrCallError(401, `${method} ${path}`);
  }

  let party: Promise<{ partyId: number; counterpartyId: number }> | null = null;
  function customer(): Promise<{ partyId: number; counterpartyId: number }> {
    party ??= (async () => {
      let partyId = options.partyId;
      if (partyId === undefined) {
        const made = await call<{ id: number }>("POST", "/v1/parties/create", {
          fullname: "Dollr kit demo customer",
          phone: options.partyPhone ?? "231880000000",
        });
        partyId = made.id;
        console.info(`[demo] made the demo customer's party ${partyId} (set DOLLR_DEMO_PARTY_ID)`);
      }
      let counterpartyId = options.counterpartyId;
      if (counterpartyId === undefined) {
        const made = await call<{ id: number }>("POST", "/v1/counterparties/create", {
          relationship_type: "CUSTOMER",
          party_id: partyId,
        });
        counterpartyId = made.id;
        console.info(
          `[demo] made the demo customer's counterparty ${counterpartyId} (set DOLLR_DEMO_COUNTERPARTY_ID)`,
        );
      }
      return { partyId, counterpartyId };
    })().catch((error: unknown) => {
      party = null;
      throw error;
    });
    return party;
  }

  return {
    async partyId() {
      return (await customer()).partyId;
    },
    async sourceStatus({ source_type, source_id }) {
      const answer = await call<{ status?: unknown }>(
        "GET",
        `/v1/status/source?source_type=${source_type}&source_id=${source_id}`,
      );
      if (typeof answer.status !== "string") throw new Error("Dollr answered no source status");
      return answer.status;
    },
    async cancelSource({ source_type, source_id }) {
      const kind = source_type === "ORDER" ? "orders" : "invoices";
      await call("DELETE", `/v1/${kind}/cancel/${source_id}`);
    },
    async createOrder({ currency, note, items }) {
      const { counterpartyId } = await customer();
      const order = await call<{ id: number; order_number?: string }>("POST", "/v1/orders/create", {
        counterparty_id: counterpartyId,
        currency,
        note,
        fee_bearer: "PAYER",
        as_payment_link: false,
      });
      for (const item of items) {
        await call("POST", `/v1/orders/${order.id}/items/add`, {
          name: item.name,
          currency,
          qty: item.qty,
          amount: item.amount,
        });
      }
      await call("PUT", `/v1/orders/publish/${order.id}`);
      // Dollr's own total and number, as the customer will see them.
      const status = await call<{
        total_amount?: unknown;
        currency?: unknown;
        source_number?: unknown;
      }>("GET", `/v1/status/source?source_type=ORDER&source_id=${order.id}`);
      const totalCurrency = typeof status.currency === "string" ? status.currency : currency;
      return {
        source_id: order.id,
        source_number:
          order.order_number ??
          (typeof status.source_number === "string" ? status.source_number : `ORDER ${order.id}`),
        total_amount: decimalTotal(status.total_amount, totalCurrency),
        currency: totalCurrency,
      };
    },
  };
}

/** Dollr's total as the shop stores it: `48` (a JSON number, as Dollr's examples) → "48.00". */
function decimalTotal(total: unknown, currency: string): string {
  if (typeof total !== "number" && typeof total !== "string") return String(total ?? "");
  try {
    return normaliseAmount(total, currency);
  } catch {
    return String(total);
  }
}
