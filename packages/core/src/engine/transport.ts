/**
 * What the engine needs from the network: three calls of the proxy client, and how their
 * answers and failures read. Kept narrow so the engine can be driven by the real client, the
 * simulator, or a test double.
 */
import type { SourceType } from "../contract.ts";
import { isDollrKitError } from "../errors.ts";
import type { CheckoutSession, ExecutionResponse } from "../schemas.ts";
import { normaliseExecutionStatus } from "../status.ts";
import type { ExecutePayload } from "./ledger.ts";
import type { EngineErrorInfo, ExecutionView } from "./types.ts";

/** Per-request options the client takes (an abort signal for status checks). */
export interface EngineRequestOptions {
  signal?: AbortSignal;
}

/** Options of a status check: the engine always names its source (the proxy's query). */
export interface EngineStatusOptions extends EngineRequestOptions {
  source?: { source_type: SourceType; source_id: number };
}

/** The execution fields the engine reads. */
export type EngineExecution = Pick<ExecutionResponse, "reference_id" | "status"> &
  Partial<
    Pick<
      ExecutionResponse,
      | "requires_action"
      | "client_secret"
      | "payer_amount"
      | "payer_currency"
      | "gateway_message"
      | "wallet_message"
    >
  >;

/** The session fields the engine reads. */
export type EngineSession = Pick<CheckoutSession, "id" | "expires_at">;

/**
 * The three proxy-client calls the engine drives. `createProxyClient(...)` satisfies it; so
 * does any object with the same methods. Every failure should be a `DollrKitError`.
 */
export interface EngineTransport {
  createCheckoutSession(
    body: { source_type: SourceType; source_id: number },
    options?: EngineRequestOptions,
  ): Promise<EngineSession>;
  executeCollection(body: ExecutePayload, options?: EngineRequestOptions): Promise<EngineExecution>;
  getCollectionStatus(referenceId: string, options?: EngineStatusOptions): Promise<EngineExecution>;
}

/** How an execute failure reads for the money path. */
export type ExecuteFailureKind =
  /** It may have landed: verify with status, never send again blindly. */
  | "ambiguous"
  /** The session is dead: the execute was refused, so a new session (and id) may follow. */
  | "session_expired"
  /** Refused with a definite answer (validation, not the customer's, `"ambiguous": false`…). */
  | "refused"
  /** Refused: the single-use card account is bound to another payment (add the card again). */
  | "card_used"
  /** Refused: another attempt holds the source (`error.sourceConflict` names it). */
  | "source_busy"
  /** Refused: the source is paid. */
  | "already_paid";

// Answers that prove the request was refused before anything moved.
const DEFINITE_REFUSALS = new Set([
  "SOURCE_BUSY",
  "VALIDATION",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "CONFIGURATION",
]);

// The proxy's own refusals, decided before anything was forwarded (CONTRACT.md §2).
const PROXY_REFUSALS: Partial<Record<string, ExecuteFailureKind>> = {
  SESSION_EXPIRED: "session_expired",
  CARD_USED: "card_used",
  ALREADY_PAID: "already_paid",
};

/**
 * Reads an execute failure. Anything not proved to be a refusal is ambiguous — a network error,
 * a timeout, a 5xx, a 429, an unreadable answer, a duplicate reference (`CONFLICT`: it exists),
 * or something that is not a `DollrKitError` at all — unless the proxy said outright that
 * nothing was sent (`"ambiguous": false`: `error.definite`).
 */
export function classifyExecuteFailure(error: unknown): ExecuteFailureKind {
  if (!isDollrKitError(error) || error.ambiguous) return "ambiguous";
  if (error.code === "SOURCE_BUSY" && error.sourceConflict?.kind === "busy") return "source_busy";
  return (
    PROXY_REFUSALS[error.code] ??
    (error.definite || DEFINITE_REFUSALS.has(error.code) ? "refused" : "ambiguous")
  );
}

/** Whether a session-creation failure is worth trying again (network, server, rate limit). */
export function isRetryableSessionFailure(error: unknown): boolean {
  if (!isDollrKitError(error)) return true;
  return ["NETWORK", "TIMEOUT", "SERVER", "RATE_LIMITED", "INVALID_RESPONSE", "ABORTED"].includes(
    error.code,
  );
}

/** Whether a status check answered 404: Dollr does not (yet) know the reference id. */
export function isStatusNotFound(error: unknown): boolean {
  return isDollrKitError(error, "NOT_FOUND");
}

/** An error as a state keeps it. */
export function engineErrorInfo(error: unknown): EngineErrorInfo {
  if (isDollrKitError(error)) {
    const info: EngineErrorInfo = { code: error.code, message: error.message };
    if (error.status !== undefined) info.status = error.status;
    if (error.retryAfterMs !== undefined) info.retryAfterMs = error.retryAfterMs;
    return info;
  }
  return {
    code: "UNEXPECTED",
    message: error instanceof Error ? error.message : "Unexpected failure",
  };
}

/** Dollr's execution answer as the engine keeps it. */
export function executionView(execution: EngineExecution): ExecutionView {
  const status = normaliseExecutionStatus(execution.status);
  const clientSecret = execution.client_secret ?? null;
  return {
    state: status.state,
    raw: status.raw,
    terminal: status.terminal,
    requiresAction: execution.requires_action === true && clientSecret !== null,
    clientSecret,
    payerAmount: execution.payer_amount ?? null,
    payerCurrency: execution.payer_currency ?? null,
    message: execution.gateway_message ?? execution.wallet_message ?? null,
  };
}
