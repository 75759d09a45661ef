/**
 * `createCartCheckout`: a source from the merchant's own cart, made on the server with Dollr's
 * `POST /v1/checkouts/create` through the proxy's upstream client (its token manager, transport
 * and time limits), recorded durably, once per order reference. Concurrent calls for one order
 * make one source: the first reserves the order in the store and asks Dollr; the others wait for
 * its record and answer the same source.
 */
import {
  compareAmounts,
  DollrKitError,
  errorFromResponse,
  normaliseAmount,
  parseCreatedCheckout,
  type SourceRef,
  type SourceType,
} from "@dollr-kit/core/internal";
import { createConsoleLogger, createSafeLogger, type ProxyLogger } from "../logging.ts";
import { DEFAULT_TIMEOUTS } from "../options.ts";
import type { CheckoutRecord, CheckoutStore } from "../stores/checkout-store.ts";
import { resolveDollrAccess } from "../upstream/access.ts";
import { createDollrClient, type DollrAnswer } from "../upstream/dollr-client.ts";
import { createTokenManager } from "../upstream/token-manager.ts";
import type { DollrFetch, DollrTransport } from "../upstream/transport.ts";
import { askDollr } from "./dollr-call.ts";
import { type CartCheckoutInput, type CheckedCart, cartFingerprint, checkCart } from "./lines.ts";

/** Options of `createCartCheckout`. */
export interface CartCheckoutOptions {
  /** Dollr's API and the merchant's client credentials (as `createDollrProxy` takes them). */
  dollr: { baseUrl?: string; clientId: string; clientSecret: string };
  fetch?: DollrFetch;
  transport?: DollrTransport;
  /** Where checkouts are recorded (`createPostgresStores(client).checkouts` in production). */
  checkouts: CheckoutStore;
  /** Origins a HOSTED checkout may send the customer back to, e.g. `["https://shop.example"]`. */
  returnOrigins?: readonly string[];
  /** The kind of source made (default `ORDER`). */
  sourceKind?: SourceType;
  /** Time limit of Dollr's create call (default 15 s, the proxy's write limit). */
  timeoutMs?: number;
  /** How long a call waits for a concurrent call's source for the same order (default 30 s). */
  maxWaitMs?: number;
  /** The clock in ms (default `Date.now`): record times and reservation leases. */
  now?: () => number;
  /** How a waiting call pauses between looks (default `setTimeout`). */
  sleep?: (ms: number) => Promise<void>;
  /** Where events go (default JSON lines on the console, warnings and up). */
  logger?: ProxyLogger;
}

/** What the browser needs: the source to pay, its total, and for HOSTED the page to go to. */
export interface CartCheckoutResult {
  source: { type: SourceType; id: number; number: string };
  /** Dollr's total, a decimal string in major units. */
  total: string;
  currency: string;
  /** HOSTED only: Dollr's page, exactly as Dollr answered it. */
  url?: string;
}

/** The helper `createCartCheckout` makes. */
export interface CartCheckout {
  /**
   * The order's source: made once (the first call), then answered from the record. Throws
   * `DollrKitError`: `VALIDATION` (the input, fields named), `CONFLICT` (the order is another
   * customer's, or was checked out with another cart, or another call is still making it), or
   * Dollr's failure (`SERVER`, `TIMEOUT`, …; then no source is recorded and a retry may make one).
   */
  create(input: CartCheckoutInput): Promise<CartCheckoutResult>;
  /** The recorded source of an order, or null. */
  get(orderReference: string): Promise<CartCheckoutResult | null>;
  /** The merchant's customer id a source was made for, or null (for `authorizeSource`). */
  ownerOf(source: SourceRef): Promise<string | null>;
}

function misconfigured(message: string): DollrKitError {
  return new DollrKitError("CONFIGURATION", `createCartCheckout: ${message}`);
}

function originSet(origins: readonly string[] | undefined): ReadonlySet<string> {
  const set = new Set<string>();
  for (const origin of origins ?? []) {
    const parsed = URL.canParse(origin) ? new URL(origin) : null;
    if (
      !parsed ||
      !/^https?:$/.test(parsed.protocol) ||
      parsed.origin !== origin.replace(/\/$/, "")
    ) {
      throw misconfigured(`returnOrigins: ${JSON.stringify(origin)} is not an origin`);
    }
    set.add(parsed.origin);
  }
  return set;
}

/** The browser's answer from a recorded checkout. */
function resultOf(record: CheckoutRecord): CartCheckoutResult {
  const source = record.source as SourceRef;
  return {
    source: {
      type: source.source_type,
      id: source.source_id,
      number: record.sourceNumber as string,
    },
    total: record.total as string,
    currency: record.currency,
    ...(record.mode === "HOSTED" && record.url ? { url: record.url } : {}),
  };
}

/** Creates the helper (see `CartCheckout`). */
export function createCartCheckout(options: CartCheckoutOptions): CartCheckout {
  const { dollr, transport } = resolveDollrAccess(options, misconfigured);
  const store = options.checkouts;
  if (!store || typeof store.reserveCheckout !== "function") {
    throw misconfigured("checkouts must be a CheckoutStore");
  }
  const returnOrigins = originSet(options.returnOrigins);
  const sourceKind = options.sourceKind ?? "ORDER";
  if (sourceKind !== "ORDER" && sourceKind !== "INVOICE") {
    throw misconfigured('sourceKind must be "ORDER" or "INVOICE"');
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUTS.writeMs;
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  const now = options.now ?? Date.now;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // A reservation outlives the token and the create call; after that its caller is gone.
  const leaseMs = DEFAULT_TIMEOUTS.tokenMs + timeoutMs + 10_000;
  const tokens = createTokenManager({
    baseUrl: dollr.baseUrl,
    clientId: dollr.clientId,
    clientSecret: dollr.clientSecret,
    transport,
    now,
    refreshMarginMs: 5 * 60_000,
    timeoutMs: DEFAULT_TIMEOUTS.tokenMs,
  });
  const log = createSafeLogger(options.logger ?? createConsoleLogger({ level: "warn" }), () => ({
    secrets: [dollr.clientSecret, ...tokens.knownTokens()],
  }));
  const client = createDollrClient({
    baseUrl: dollr.baseUrl,
    transport,
    tokens,
    timeouts: { read: timeoutMs, write: timeoutMs, execute: timeoutMs },
    log,
  });

  /** Makes the source of a reserved order and records it. */
  async function make(cart: CheckedCart, owner: string): Promise<CartCheckoutResult> {
    let answer: DollrAnswer;
    try {
      answer = await askDollr(client, cart, sourceKind);
    } catch (error) {
      await store.abandonCheckout(cart.orderReference, owner);
      throw error;
    }
    if (answer.status < 200 || answer.status > 299) {
      await store.abandonCheckout(cart.orderReference, owner);
      throw errorFromResponse({
        status: answer.status,
        body: answer.json,
        headers: answer.headers,
        ambiguousOnServerError: true,
      });
    }
    let made: ReturnType<typeof parseCreatedCheckout>;
    try {
      made = parseCreatedCheckout(answer.json);
    } catch (error) {
      await store.abandonCheckout(cart.orderReference, owner);
      throw error;
    }
    // Dollr's total, written with the currency's digits (`11.5` → `"11.50"`) when it can be.
    let total = made.total_amount;
    try {
      total = normaliseAmount(total, made.currency);
    } catch {
      // An unknown currency or odd digits: kept as Dollr said it.
    }
    if (made.currency !== cart.currency || compareAmounts(total, cart.total, cart.currency) !== 0) {
      log.warn("checkout.total_differs", {
        order_reference: cart.orderReference,
        cart_total: cart.total,
        dollr_total: total,
      });
    }
    const record = await store.completeCheckout(cart.orderReference, owner, {
      source: { source_type: made.source_type, source_id: made.source_id },
      sourceNumber: made.source_number,
      total,
      currency: made.currency,
      url: cart.mode === "HOSTED" ? made.url : null,
      status: made.source_status,
      at: new Date(now()).toISOString(),
    });
    if (record?.state !== "open" || record.claimedBy !== null) {
      throw new DollrKitError("CONFLICT", "The order's reservation was taken over meanwhile");
    }
    log.info("checkout.created", {
      order_reference: cart.orderReference,
      mode: cart.mode,
      source_type: made.source_type,
      source_id: made.source_id,
    });
    if (cart.mode === "HOSTED" && !made.url) {
      throw new DollrKitError("INVALID_RESPONSE", "Dollr made the source but gave no page URL");
    }
    return resultOf(record);
  }

  /** The recorded checkout, if it answers this cart for this customer. */
  function recorded(existing: CheckoutRecord, cart: CheckedCart, fingerprint: string) {
    if (existing.customerId !== cart.customer.id) {
      throw new DollrKitError("CONFLICT", "This order reference is another customer's");
    }
    if (existing.fingerprint !== fingerprint) {
      throw new DollrKitError(
        "CONFLICT",
        "This order was checked out with another cart: use a new order reference",
      );
    }
    return existing.state === "creating" ? null : resultOf(existing);
  }

  return {
    async create(input) {
      const cart = checkCart(input, returnOrigins);
      const fingerprint = await cartFingerprint(cart);
      const owner = `checkout-${crypto.randomUUID()}`;
      const deadline = Date.now() + maxWaitMs;
      for (let pause = 20; ; pause = Math.min(pause * 2, 500)) {
        const at = now();
        const reserved = await store.reserveCheckout({
          orderReference: cart.orderReference,
          customerId: cart.customer.id,
          mode: cart.mode,
          fingerprint,
          currency: cart.currency,
          state: "creating",
          source: null,
          sourceNumber: null,
          total: null,
          url: null,
          createdAt: new Date(at).toISOString(),
          updatedAt: new Date(at).toISOString(),
          status: null,
          statusCheckedAt: null,
          settledAt: null,
          notifiedAt: null,
          nextCheckAt: null,
          checks: 0,
          claimedBy: owner,
          claimedUntil: new Date(at + leaseMs).toISOString(),
        });
        if (reserved.reserved) return make(cart, owner);
        const answer = recorded(reserved.existing, cart, fingerprint);
        if (answer) return answer;
        // Another call is making this order's source: wait for its record (real time).
        if (Date.now() >= deadline) {
          throw new DollrKitError("CONFLICT", "This order's source is still being made: retry");
        }
        await sleep(pause);
      }
    },
    async get(orderReference) {
      const record = await store.getCheckout(orderReference);
      return record && record.state !== "creating" ? resultOf(record) : null;
    },
    async ownerOf(source) {
      return (await store.getCheckoutBySource(source))?.customerId ?? null;
    },
  };
}
