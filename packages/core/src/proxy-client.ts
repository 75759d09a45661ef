/**
 * The browser's client for the merchant's proxy: one typed method per contract route. Uses only
 * web APIs (fetch, AbortController, URL), so it runs in browsers, workers and Node.
 *
 * Every failure is a `DollrKitError`. `ambiguous` is true only when a write may have landed:
 * a network failure or timeout of any write, and a 5xx/429 of an execute (or a proxy answer
 * that says `"ambiguous": true`). Reads are never ambiguous: they are safe to repeat.
 */
import {
  CONTRACT_PATHS,
  type CreatePaymentAccountBody,
  collectionStatusPath,
  type ExecuteCollectionBody,
  isContractReferenceId,
  type KitConfig,
  parseKitConfig,
  parsePaymentAccountList,
  parseSavedPaymentAccount,
  paymentAccountPath,
  type SavedPaymentAccount,
  type SourceRef,
} from "./contract.ts";
import { DollrKitError, type DollrKitErrorCode, errorFromResponse } from "./errors.ts";
import {
  type AmountAndFeePrediction,
  type CheckoutSession,
  type ExecutionResponse,
  type MmoProviderInfo,
  type PaymentSourceStatus,
  parseAmountAndFeePrediction,
  parseCheckoutSession,
  parseExecutionResponse,
  parseMmoProviderInfo,
  parsePaymentSourceStatus,
} from "./schemas.ts";

/** Headers sent with every request: fixed, or computed per request (a CSRF token, a bearer). */
export type ProxyClientHeaders =
  | HeadersInit
  | (() => HeadersInit | undefined | Promise<HeadersInit | undefined>);

/** Options of `createProxyClient`. */
export interface ProxyClientOptions {
  /** The proxy's base URL: `/api/dollr`, or absolute (`http://127.0.0.1:4020/api/dollr`). */
  baseUrl: string;
  /** The fetch to use (default `globalThis.fetch`). */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Extra headers on every request (an object, or a function called per request). */
  headers?: ProxyClientHeaders;
  /** Give up on a request after this long (default 20 000 ms). */
  timeoutMs?: number;
  /** Give up on an execute after this long (default 45 000 ms: mobile money may hold it). */
  executeTimeoutMs?: number;
  /** Cookies: `same-origin` by default; `include` for a proxy on another origin. */
  credentials?: RequestCredentials;
}

/** Per-call options. */
export interface CallOptions {
  /** Aborts the request (the error is `ABORTED`, never ambiguous for reads). */
  signal?: AbortSignal;
}

/** Options of a collection status read. */
export interface StatusCallOptions extends CallOptions {
  /**
   * The source the payment is believed to be for: sent as `source_type` and `source_id` in the
   * query, so the proxy can answer for an attempt it has no record of (asking Dollr), or for the
   * attempt another device holds the source with (`SOURCE_BUSY`).
   */
  source?: SourceRef | undefined;
}

/** The input of `predictSourceFees`. */
export interface SourceFeesInput extends SourceRef {
  /** The payer currency, e.g. `LRD`. */
  target_currency: string;
  /** Dollr's method word of the chosen account (`MTN_MOMO_LBR`, `CREDIT_CARD`). */
  payment_method: string;
  /** Dollr's provider word of the chosen account (`PAWAPAY`, `STRIPE`). */
  provider: string;
}

/** The input of `executeCollection`. `session_id` may be given as Dollr's number. */
export interface ExecuteCollectionInput extends Omit<ExecuteCollectionBody, "session_id"> {
  session_id: string | number;
}

/** The typed client of the proxy contract. */
export interface ProxyClient {
  /** `GET /kit/config`. */
  getConfig(options?: CallOptions): Promise<KitConfig>;
  /** `GET /kit/payment-accounts`: the signed-in customer's usable saved accounts. */
  listPaymentAccounts(options?: CallOptions): Promise<SavedPaymentAccount[]>;
  /** `POST /kit/payment-accounts`: a wallet (`MOBILE_MONEY`) or a card (`CARD`, a `pm_…`). */
  createPaymentAccount(
    body: CreatePaymentAccountBody,
    options?: CallOptions,
  ): Promise<SavedPaymentAccount>;
  /** `DELETE /kit/payment-accounts/{id}`. */
  deletePaymentAccount(id: string, options?: CallOptions): Promise<void>;
  /** `GET /v1/predictions/mmo-provider-info`: the operator of a phone number (E.164 digits). */
  predictProvider(phone: string, options?: CallOptions): Promise<MmoProviderInfo>;
  /** `GET /v1/predictions/payment-source/amount-and-fees`: what the payer will pay. */
  predictSourceFees(input: SourceFeesInput, options?: CallOptions): Promise<AmountAndFeePrediction>;
  /** `POST /v1/sessions/checkout`: a session for a source (the amount is the source's). */
  createCheckoutSession(source: SourceRef, options?: CallOptions): Promise<CheckoutSession>;
  /**
   * `POST /v1/executions/collection`. Never retry it on failure: if the error is `ambiguous`,
   * ask `getCollectionStatus` with the same `reference_id`.
   */
  executeCollection(
    input: ExecuteCollectionInput,
    options?: CallOptions,
  ): Promise<ExecutionResponse>;
  /** `GET /v1/status/collection/{reference_id}` (with `?source_type=&source_id=` given a `source`). */
  getCollectionStatus(referenceId: string, options?: StatusCallOptions): Promise<ExecutionResponse>;
  /** `GET /v1/status/source`. */
  getSourceStatus(source: SourceRef, options?: CallOptions): Promise<PaymentSourceStatus>;
  /**
   * Any contract request, for the calls that are not methods (so a page that never asks for them
   * does not download them): `getReceipt(client, …)`, `getReceiptLink`, `createRealtimeKey`.
   * Errors follow the same rules as the methods'.
   */
  request<T>(request: ProxyRequest<T>, options?: CallOptions): Promise<T>;
}

/** One request of the contract, for `client.request`. */
export interface ProxyRequest<T> {
  method: "GET" | "POST" | "DELETE";
  /** The path under `baseUrl`, e.g. `/v1/links/receipt`. */
  path: string;
  /**
   * `read` (safe to repeat: never ambiguous), `write` (a lost answer is ambiguous), `execute`
   * (a write whose 5xx/429 and unreadable answers are ambiguous too). @default "read"
   */
  kind?: Kind;
  query?: Record<string, string> | undefined;
  body?: unknown;
  /** Checks and types the answer's JSON; throws a `DollrKitError` on a malformed one. */
  parse(json: unknown): T;
}

// A read is safe to repeat; a write may have landed when its answer is lost; an execute is a
// write whose 5xx/429 and unreadable answers are ambiguous too.
type Kind = "read" | "write" | "execute";

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_EXECUTE_TIMEOUT_MS = 45_000;

function withAmbiguity(error: DollrKitError, ambiguous: boolean): DollrKitError {
  if (error.ambiguous === ambiguous) return error;
  return new DollrKitError(error.code, error.message, {
    ambiguous,
    definite: error.definite,
    sourceConflict: error.sourceConflict,
    status: error.status,
    detail: error.detail,
    retryAfterMs: error.retryAfterMs,
    fields: error.fields,
    cause: error.cause,
  });
}

async function resolveHeaders(headers: ProxyClientHeaders | undefined): Promise<Headers> {
  const value = typeof headers === "function" ? await headers() : headers;
  return new Headers(value ?? undefined);
}

/** A source as the contract's query names it (exactly these two parameters). */
export const sourceQuery = (source: SourceRef): Record<string, string> => ({
  source_type: source.source_type,
  source_id: String(source.source_id),
});

/**
 * Creates the client. `baseUrl` is where the proxy is mounted; the same client also talks to
 * Dollr's paths on the simulator directly, given an `Authorization` header.
 *
 * @example
 * const client = createProxyClient({ baseUrl: "/api/dollr", headers: () => ({ "x-csrf-token": csrf() }) });
 * const session = await client.createCheckoutSession({ source_type: "INVOICE", source_id: 42 });
 */
export function createProxyClient(options: ProxyClientOptions): ProxyClient {
  if (typeof options?.baseUrl !== "string") {
    throw new DollrKitError("CONFIGURATION", "createProxyClient: baseUrl is required");
  }
  const fetchFn =
    options.fetch ?? ((input: string, init: RequestInit) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const executeTimeoutMs =
    options.executeTimeoutMs ?? Math.max(timeoutMs, DEFAULT_EXECUTE_TIMEOUT_MS);

  async function send<T>(
    method: "GET" | "POST" | "DELETE",
    path: string,
    kind: Kind,
    parse: (json: unknown) => T,
    { signal }: CallOptions = {},
    body?: unknown,
  ): Promise<T> {
    // A write that may have left is ambiguous; a read never is (it is safe to repeat).
    const lostIsAmbiguous = kind !== "read";
    if (signal?.aborted) {
      throw new DollrKitError("ABORTED", "The request was aborted before it was sent");
    }
    const controller = new AbortController();
    let timedOut = false;
    const limit = kind === "execute" ? executeTimeoutMs : timeoutMs;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, limit);
    const onAbort = () => controller.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const headers = await resolveHeaders(options.headers);
      headers.set("accept", "application/json");
      const init: RequestInit = {
        method,
        headers,
        signal: controller.signal,
        credentials: options.credentials ?? "same-origin",
      };
      if (body !== undefined) {
        headers.set("content-type", "application/json");
        init.body = JSON.stringify(body);
      }
      let response: Response;
      let text: string;
      try {
        // Raced against the abort, so a fetch that ignores its signal still times out.
        const stopped = new Promise<never>((_, reject) => {
          const fail = () => reject(new DOMException("The request was aborted", "AbortError"));
          if (controller.signal.aborted) fail();
          else controller.signal.addEventListener("abort", fail, { once: true });
        });
        const exchange = (async () => {
          const answer = await fetchFn(options.baseUrl.replace(/\/+$/, "") + path, init);
          return [answer, await answer.text()] as const;
        })();
        // Whichever loses the race must not surface as an unhandled rejection.
        stopped.catch(() => undefined);
        exchange.catch(() => undefined);
        [response, text] = await Promise.race([exchange, stopped]);
      } catch (cause) {
        const [code, message]: [DollrKitErrorCode, string] = timedOut
          ? ["TIMEOUT", `No answer within ${limit} ms`]
          : signal?.aborted
            ? ["ABORTED", "The request was aborted"]
            : ["NETWORK", "The payment proxy could not be reached"];
        throw new DollrKitError(code, message, { ambiguous: lostIsAmbiguous, cause });
      }
      if (response.status < 200 || response.status > 299) {
        const error = errorFromResponse({
          status: response.status,
          body: text,
          headers: response.headers,
          ambiguousOnServerError: kind === "execute",
        });
        throw kind === "read" ? withAmbiguity(error, false) : error;
      }
      if (method === "DELETE" && text.trim() === "") return parse(undefined);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (cause) {
        // An execute answered 2xx but unreadably did land, or may have: verify with status.
        throw new DollrKitError(
          "INVALID_RESPONSE",
          "The payment proxy answered something that is not JSON",
          { status: response.status, ambiguous: kind === "execute", cause },
        );
      }
      try {
        return parse(json);
      } catch (error) {
        if (error instanceof DollrKitError && kind === "execute") throw withAmbiguity(error, true);
        throw error;
      }
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  const request = <T>(r: ProxyRequest<T>, callOptions?: CallOptions) =>
    send(
      r.method,
      r.query ? `${r.path}?${new URLSearchParams(r.query)}` : r.path,
      r.kind ?? "read",
      r.parse,
      callOptions,
      r.body,
    );

  // The methods' GETs go through `request`, so a query is built one way.
  const read = <T>(
    path: string,
    parse: (json: unknown) => T,
    callOptions?: CallOptions,
    query?: Record<string, string>,
  ) => request({ method: "GET", path, query, parse }, callOptions);

  return {
    getConfig: (o) => read(CONTRACT_PATHS.config, parseKitConfig, o),

    listPaymentAccounts: (o) =>
      read(
        CONTRACT_PATHS.paymentAccounts,
        (json) => parsePaymentAccountList(json).payment_accounts,
        o,
      ),

    createPaymentAccount: (body, o) =>
      send("POST", CONTRACT_PATHS.paymentAccounts, "write", parseSavedPaymentAccount, o, body),

    deletePaymentAccount: (id, o) =>
      send("DELETE", paymentAccountPath(id), "write", () => undefined, o),

    predictProvider: (phone, o) =>
      read(CONTRACT_PATHS.mmoProviderInfo, parseMmoProviderInfo, o, {
        phone,
        operation_type: "COLLECTION",
      }),

    predictSourceFees: (input, o) =>
      read(CONTRACT_PATHS.sourceFees, parseAmountAndFeePrediction, o, {
        source_type: input.source_type,
        source_id: String(input.source_id),
        target_currency: input.target_currency,
        payment_method: input.payment_method,
        provider: input.provider,
      }),

    createCheckoutSession: (source, o) =>
      send("POST", CONTRACT_PATHS.checkoutSession, "write", parseCheckoutSession, o, {
        source_type: source.source_type,
        source_id: source.source_id,
      }),

    executeCollection: (input, o) => {
      if (!isContractReferenceId(input.reference_id)) {
        // Caught before sending: nothing left, so not ambiguous.
        return Promise.reject(
          new DollrKitError("VALIDATION", "reference_id must be a lowercase UUID v4", {
            fields: [{ path: "reference_id", message: "expected a lowercase UUID v4" }],
          }),
        );
      }
      return send("POST", CONTRACT_PATHS.executeCollection, "execute", parseExecutionResponse, o, {
        session_id: String(input.session_id),
        payment_account_id: input.payment_account_id,
        currency: input.currency,
        reference_id: input.reference_id,
      });
    },

    getCollectionStatus: (referenceId, o) =>
      read(
        collectionStatusPath(referenceId),
        parseExecutionResponse,
        o,
        o?.source && sourceQuery(o.source),
      ),

    getSourceStatus: (source, o) =>
      read(CONTRACT_PATHS.sourceStatus, parsePaymentSourceStatus, o, sourceQuery(source)),

    request,
  };
}
